/** The top of a count axis: a round number at least as large as the largest value (1, 2, 5 × 10ⁿ), never 0. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power
  }
  return 10 * power
}

/** Whole-number ticks from 0 to the axis top, at most `count` + 1 of them. */
export function ticks(top: number, count = 4): number[] {
  const step = Math.max(1, Math.ceil(top / count))
  const result: number[] = []
  for (let value = 0; value <= top; value += step) result.push(value)
  if (result[result.length - 1] !== top) result.push(top)
  return result
}

export interface Bar {
  key: string
  value: number
  /** Offset of the bar along the axis (from the chart's start edge) and its width, in chart units. */
  x: number
  width: number
  /** Height in chart units; a non-zero value is at least `minHeight` so that it stays visible. */
  height: number
}

/** Lays out equal bars over `width`, scaled so that `top` fills `height`. */
export function layoutBars(
  values: { key: string; value: number }[],
  { width, height, gap = 4, minHeight = 2 }: { width: number; height: number; gap?: number; minHeight?: number },
): { top: number; bars: Bar[] } {
  const top = niceMax(Math.max(0, ...values.map((v) => v.value)))
  const slot = values.length > 0 ? width / values.length : width
  const bars = values.map((v, i) => {
    const scaled = (Math.max(0, v.value) / top) * height
    return {
      key: v.key,
      value: v.value,
      x: i * slot + gap / 2,
      width: Math.max(1, slot - gap),
      height: v.value > 0 ? Math.max(minHeight, scaled) : 0,
    }
  })
  return { top, bars }
}

/** Share of the largest value, 0–100, for the funnel's horizontal bars (0 when every value is 0). */
export function shareOfMax(value: number, values: number[]): number {
  const max = Math.max(0, ...values)
  return max === 0 ? 0 : Math.round((Math.max(0, value) / max) * 1000) / 10
}
