/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand (no 0/O, 1/l/I). */
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const digits = '23456789'
const letters = alphabet.replace(/[0-9]/g, '')

function pick(chars: string, random: number): string {
  return chars[random % chars.length]!
}

/**
 * A new user's sign-in password, drawn from the browser's secure random source: `length` characters (16 by default)
 * with at least one letter and one digit, so it always passes the Api's rules (10–128 characters, not only digits).
 */
export function generatePassword(length = 16, random: (n: number) => Uint32Array = (n) => crypto.getRandomValues(new Uint32Array(n))): string {
  const values = random(length + 2)
  const chars = Array.from({ length }, (_, i) => pick(alphabet, values[i]!))
  // One letter and one digit at fixed places picked at random too: the password never lacks either.
  chars[values[length]! % length] = pick(letters, values[length]!)
  const digitAt = (values[length]! % length + 1 + (values[length + 1]! % (length - 1))) % length
  chars[digitAt] = pick(digits, values[length + 1]!)
  return chars.join('')
}
