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

  it('enables a disabled user without asking', async () => {
    render(<UsersPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'הפעלת יוסי' }))
    await waitFor(() => expect(client.post).toHaveBeenCalledWith('/api/v1/users/u3/enable'))
    expect(screen.queryByRole('heading', { name: /להשבית/ })).toBeNull()
  })
})
