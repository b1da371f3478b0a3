/**
 * The tab a key moves to in a row of `count` tabs (WAI-ARIA tabs): the arrows to the neighbour in reading order
 * (in a right-to-left row the left arrow is the next tab), wrapping at the ends; Home and End to the first and last.
 * Null for any other key.
 */
export function tabAfterKey(key: string, current: number, count: number, rtl: boolean): number | null {
  if (count <= 0) return null
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight'
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft'
  switch (key) {
    case forward:
      return (current + 1) % count
    case backward:
      return (current - 1 + count) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
