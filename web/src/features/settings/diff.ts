/** One line of a line diff: kept, removed from the old text or added in the new one. */
export interface DiffLine {
  kind: 'unchanged' | 'removed' | 'added'
  text: string
}

/**
 * The line diff between two texts (longest common subsequence of lines). In a changed stretch the removed lines come
 * first, as the Api's prompt diff orders them.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.replace(/\r\n/g, '\n').split('\n')
  const b = after === '' ? [] : after.replace(/\r\n/g, '\n').split('\n')
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const lines: DiffLine[] = []
  let removed: DiffLine[] = []
  let added: DiffLine[] = []
  const flush = () => {
    lines.push(...removed, ...added)
    removed = []
    added = []
  }
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush()
      lines.push({ kind: 'unchanged', text: a[i]! })
      i++
      j++
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.push({ kind: 'added', text: b[j]! })
      j++
    } else {
      removed.push({ kind: 'removed', text: a[i]! })
      i++
    }
  }
  flush()
  return lines
}

/** The mark a diff line is shown with, so the change reads without colour. */
export function diffMark(kind: DiffLine['kind']): string {
  return kind === 'added' ? '+' : kind === 'removed' ? '−' : ' '
}

/** True when the diff changes nothing. */
export function isUnchanged(lines: readonly DiffLine[]): boolean {
  return lines.every((line) => line.kind === 'unchanged')
}
