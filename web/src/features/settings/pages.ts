/** A page of a list read with the Api's cursor: its items and the `next` to pass for the following page (null: last). */
export interface CursorPage<T> {
  items: T[]
  next: string | null
}

/**
 * The list after another page arrived: the items shown so far, then the page's items that are not already shown
 * (matched by `key`), and the page's `next`.
 */
export function appendPage<T>(shown: CursorPage<T>, page: CursorPage<T>, key: (item: T) => string | number): CursorPage<T> {
  const seen = new Set(shown.items.map(key))
  return { items: [...shown.items, ...page.items.filter((item) => !seen.has(key(item)))], next: page.next }
}

/** The Api path of the page after `next`, keeping the path's other query parameters. */
export function pathAfter(path: string, next: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}`
}
