import { describe, expect, it } from 'vitest'
import { generatePassword } from './password'

describe('generatePassword', () => {
  it('gives 16 unambiguous letters and digits with at least one of each, different every time', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const password = generatePassword()
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/)
      expect(password).toMatch(/[a-zA-Z]/)
      expect(password).toMatch(/\d/)
      seen.add(password)
    }
    expect(seen.size).toBe(200)
  })

  it('keeps a letter and a digit even when the random source gives only one kind', () => {
    const allDigits = generatePassword(12, (n) => new Uint32Array(n).fill(47)) // index 47 of the alphabet is a digit
    expect(allDigits).toMatch(/[a-zA-Z]/)
    expect(allDigits).toMatch(/\d/)
    const allLetters = generatePassword(12, (n) => new Uint32Array(n).fill(0))
    expect(allLetters).toMatch(/\d/)
    expect(allLetters).toHaveLength(12)
  })
})
