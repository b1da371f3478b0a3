import { describe, expect, it } from 'vitest'
import { diffMark, isUnchanged, lineDiff } from './diff'

describe('lineDiff', () => {
  it('keeps equal lines and marks a changed line as removed then added', () => {
    expect(lineDiff('שלום\nבמה אפשר לעזור?', 'שלום\nאיך אפשר לעזור?')).toEqual([
      { kind: 'unchanged', text: 'שלום' },
      { kind: 'removed', text: 'במה אפשר לעזור?' },
      { kind: 'added', text: 'איך אפשר לעזור?' },
    ])
  })

  it('finds added and removed lines around common ones', () => {
    const lines = lineDiff('a\nb\nc', 'a\nc\nd')
    expect(lines.map((l) => `${diffMark(l.kind)}${l.text}`)).toEqual([' a', '−b', ' c', '+d'])
  })

  it('treats CRLF as LF and an empty text as no lines', () => {
    expect(isUnchanged(lineDiff('x\r\ny', 'x\ny'))).toBe(true)
    expect(lineDiff('', 'x')).toEqual([{ kind: 'added', text: 'x' }])
  })
})
