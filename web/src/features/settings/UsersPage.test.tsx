// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const users = [
  { id: 'me', email: 'owner@example.com', displayName: 'בעלת העסק', role: 'owner', isDisabled: false },
  { id: 'u2', email: 'dana@example.com', displayName: 'דנה', role: 'agent', isDisabled: false },
  { id: 'u3', email: 'yossi@example.com', displayName: 'יוסי', role: 'agent', isDisabled: true },
]
const client = { get: vi.fn(), post: vi.fn(), put: vi.fn() }

vi.mock('../auth/AuthProvider', () => ({
  useAuth: () => ({ client, session: { kind: 'signed-in', user: { id: 'me' }, timeZone: 'Asia/Jerusalem' } }),
}))

const { default: UsersPage } = await import('./UsersPage')

beforeEach(() => {
  client.get.mockResolvedValue(users)
  client.post.mockResolvedValue({ version: 2 })
})
afterEach(() => {
  cleanup()
  vi.clearAllMocks()
})

describe('UsersPage', { timeout: 20_000 }, () => {
  it('asks before disabling a user and does nothing when cancelled', async () => {
    render(<UsersPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'השבתת דנה' }))
    expect(await screen.findByRole('heading', { name: 'להשבית את דנה?' })).toBeTruthy()
    expect(client.post).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'ביטול' }))
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'להשבית את דנה?' })).toBeNull())
    expect(client.post).not.toHaveBeenCalled()
  })

  it('disables the user once confirmed', async () => {
    render(<UsersPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'השבתת דנה' }))
    const dialog = await screen.findByRole('heading', { name: 'להשבית את דנה?' })
    const confirm = dialog.parentElement!.querySelector<HTMLButtonElement>('button:last-of-type')!
    expect(confirm.textContent).toBe('השבתה')
    fireEvent.click(confirm)
    await waitFor(() => expect(client.post).toHaveBeenCalledWith('/api/v1/users/u2/disable'))
  })

  it('creates the user with a drawn password and shows it once to hand over, with the sign-in address', async () => {
    client.post.mockResolvedValue({ id: 'u4' })
    render(<UsersPage />)
    expect(await screen.findByText(/לא נשלחת הזמנה בדוא״ל/)).toBeTruthy()
    expect(screen.queryByLabelText(/סיסמה/)).toBeNull()
    fireEvent.change(screen.getByLabelText('שם'), { target: { value: ' רוני ' } })
    fireEvent.change(screen.getByLabelText('דוא״ל (לכניסה)'), { target: { value: 'roni@example.co.il' } })
    fireEvent.click(screen.getByRole('button', { name: 'יצירת משתמש' }))
    await waitFor(() => expect(client.post).toHaveBeenCalledTimes(1))
    const [path, { body }] = client.post.mock.calls[0]!
    expect(path).toBe('/api/v1/users')
    expect(body).toMatchObject({ displayName: 'רוני', email: 'roni@example.co.il', role: 'agent' })
    expect(body.password).toMatch(/^[A-Za-z2-9]{16}$/)
    const shown = await screen.findByRole('region', { name: 'סיסמת הכניסה של רוני' })
    expect(shown.textContent).toContain(body.password)
    expect(screen.getByText('roni@example.co.il')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'שמרתי, אפשר להסתיר' }))
    expect(screen.queryByRole('region', { name: 'סיסמת הכניסה של רוני' })).toBeNull()
    expect(document.body.textContent).not.toContain(body.password)
  })

  it('enables a disabled user without asking', async () => {
    render(<UsersPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'הפעלת יוסי' }))
    await waitFor(() => expect(client.post).toHaveBeenCalledWith('/api/v1/users/u3/enable'))
    expect(screen.queryByRole('heading', { name: /להשבית/ })).toBeNull()
  })
})
