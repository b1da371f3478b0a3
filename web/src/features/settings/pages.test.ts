import { describe, expect, it } from 'vitest'
import { appendPage, pathAfter } from './pages'

const byVersion = (v: { version: number }) => v.version

describe('appendPage', () => {
  it('adds the next page after the shown items and takes its cursor', () => {
    const shown = { items: [{ version: 5 }, { version: 4 }], next: 'c4' }
    const next = appendPage(shown, { items: [{ version: 3 }, { version: 2 }], next: 'c2' }, byVersion)
    expect(next.items.map(byVersion)).toEqual([5, 4, 3, 2])
    expect(next.next).toBe('c2')
  })

  it('skips items already shown and ends the list on the last page', () => {
    const shown = { items: [{ version: 3 }, { version: 2 }], next: 'c2' }
    const next = appendPage(shown, { items: [{ version: 2 }, { version: 1 }, { version: 0 }], next: null }, byVersion)
    expect(next.items.map(byVersion)).toEqual([3, 2, 1, 0])
    expect(next.next).toBeNull()
  })
})

describe('pathAfter', () => {
  it('adds the cursor to a path with or without a query, encoded', () => {
    expect(pathAfter('/api/v1/prompts/inbound_call?limit=20', 'a+b/c=')).toBe('/api/v1/prompts/inbound_call?limit=20&next=a%2Bb%2Fc%3D')
    expect(pathAfter('/api/v1/x', 'n')).toBe('/api/v1/x?next=n')
  })
})
