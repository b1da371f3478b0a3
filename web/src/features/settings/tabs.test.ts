import { describe, expect, it } from 'vitest'
import { tabAfterKey } from './tabs'

describe('tabAfterKey', () => {
  it('moves to the next tab with the left arrow in a right-to-left row, wrapping at the end', () => {
    expect(tabAfterKey('ArrowLeft', 0, 3, true)).toBe(1)
    expect(tabAfterKey('ArrowLeft', 2, 3, true)).toBe(0)
    expect(tabAfterKey('ArrowRight', 0, 3, true)).toBe(2)
  })

  it('follows the reading order in a left-to-right row', () => {
    expect(tabAfterKey('ArrowRight', 0, 3, false)).toBe(1)
    expect(tabAfterKey('ArrowLeft', 0, 3, false)).toBe(2)
  })

  it('goes to the ends with Home and End and ignores other keys', () => {
    expect(tabAfterKey('Home', 2, 3, true)).toBe(0)
    expect(tabAfterKey('End', 0, 3, true)).toBe(2)
    expect(tabAfterKey('Enter', 1, 3, true)).toBeNull()
    expect(tabAfterKey('ArrowDown', 1, 3, true)).toBeNull()
  })
})
