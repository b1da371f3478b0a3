// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const endpoint = { id: 'w1', url: 'https://hooks.example.co.il/in', description: null, eventTypes: ['lead.created'], enabled: true, secretHint: 'ab12' }
const testDelivery = {
  id: 'd9',
  eventType: 'webhook.test',
  status: 'failed',
  attemptCount: 1,
  createdAt: '2026-03-01T10:00:00Z',
  lastAttemptAt: '2026-03-01T10:00:01Z',
  attempts: [{ statusCode: 503, error: 'השרת החזיר 503' }],
}
const client = { get: vi.fn(), post: vi.fn(), delete: vi.fn() }

vi.mock('../auth/AuthProvider', () => ({
  useAuth: () => ({ client, session: { kind: 'signed-in', user: { id: 'me' }, timeZone: 'Asia/Jerusalem' } }),
}))

const { default: WebhooksPage, lastAnswer } = await import('./WebhooksPage')

beforeEach(() => {
  client.get.mockImplementation(async (path: string) =>
    path.startsWith('/api/v1/webhooks/w1/deliveries') ? { items: [testDelivery] } : { items: [endpoint] },
  )
  client.post.mockResolvedValue({ ...testDelivery, status: 'pending', attemptCount: 0, attempts: [] })
})
afterEach(() => {
  cleanup()
  vi.clearAllMocks()
})

describe('WebhooksPage', { timeout: 20_000 }, () => {
  it('sends a test message and shows the delivery it made in the log', async () => {
    render(<WebhooksPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'שליחת הודעת בדיקה אל https://hooks.example.co.il/in' }))
    await waitFor(() => expect(client.post).toHaveBeenCalledWith('/api/v1/webhooks/w1/test'))
    expect((await screen.findAllByText(/הודעת בדיקה נשלחה; התוצאה מופיעה ביומן השליחות/)).length).toBeGreaterThan(0)
    const row = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('tr[data-delivery="d9"]')
      expect(found).toBeTruthy()
      return found!
    })
    expect(within(row).getByText('הודעת בדיקה')).toBeTruthy()
    expect(within(row).getByText('נשלחה עכשיו')).toBeTruthy()
    expect(within(row).getByText('HTTP 503')).toBeTruthy()
  })

  it('does not offer a test to a disabled endpoint', async () => {
    client.get.mockResolvedValue({ items: [{ ...endpoint, enabled: false }] })
    render(<WebhooksPage />)
    const button = await screen.findByRole('button', { name: 'שליחת הודעת בדיקה אל https://hooks.example.co.il/in' })
    expect((button as HTMLButtonElement).disabled).toBe(true)
  })

  it('tells the last answer of a delivery', () => {
    expect(lastAnswer({ ...testDelivery, attempts: [] })).toBe('עוד לא נשלחה')
    expect(lastAnswer({ ...testDelivery, attempts: [{ statusCode: null, error: 'timeout' }] })).toBe('timeout')
  })
})
