import { describe, expect, it } from 'vitest'
import { layoutBars, niceMax, shareOfMax, ticks } from './chart'

describe('niceMax', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1)
    expect(niceMax(1)).toBe(1)
    expect(niceMax(3)).toBe(5)
    expect(niceMax(7)).toBe(10)
    expect(niceMax(12)).toBe(20)
    expect(niceMax(20)).toBe(20)
    expect(niceMax(480)).toBe(500)
    expect(niceMax(Number.NaN)).toBe(1)
  })
})

describe('ticks', () => {
  it('counts in whole steps up to the top', () => {
    expect(ticks(1)).toEqual([0, 1])
    expect(ticks(5)).toEqual([0, 2, 4, 5])
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20])
  })
})

describe('layoutBars', () => {
  it('scales to the nice top and keeps small non-zero bars visible', () => {
    const { top, bars } = layoutBars(
      [
        { key: 'a', value: 0 },
        { key: 'b', value: 8 },
        { key: 'c', value: 1 },
        { key: 'd', value: 100 },
      ],
      { width: 400, height: 100, gap: 0, minHeight: 3 },
    )
    expect(top).toBe(100)
    expect(bars.map((b) => b.height)).toEqual([0, 8, 3, 100])
    expect(bars.map((b) => b.x)).toEqual([0, 100, 200, 300])
    expect(bars.every((b) => b.width === 100)).toBe(true)
  })

  it('draws an empty chart without dividing by zero', () => {
    const { top, bars } = layoutBars([{ key: 'a', value: 0 }], { width: 10, height: 10 })
    expect(top).toBe(1)
    expect(bars[0]!.height).toBe(0)
  })
})

describe('shareOfMax', () => {
  it('is the percentage of the largest value', () => {
    expect(shareOfMax(5, [5, 10])).toBe(50)
    expect(shareOfMax(10, [5, 10])).toBe(100)
    expect(shareOfMax(0, [0, 0])).toBe(0)
    expect(shareOfMax(1, [3])).toBe(33.3)
  })
})
