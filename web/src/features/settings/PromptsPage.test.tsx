// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const client = { get: vi.fn(), put: vi.fn(), post: vi.fn() }
vi.mock('../auth/AuthProvider', () => ({
  useAuth: () => ({ client, session: { kind: 'signed-in', user: { id: 'me' }, timeZone: 'Asia/Jerusalem' } }),
}))

const { default: PromptsPage } = await import('./PromptsPage')

beforeEach(() => {
  client.get.mockImplementation(async (path: string) => {
    const channel = path.split('/')[4]!.split('?')[0]
    const current = { version: 1, text: `הנחיות ${channel}`, note: null, authorName: null, createdAt: null }
    return { current, items: [current], next: null }
  })
})
afterEach(() => {
  cleanup()
  vi.clearAllMocks()
})

describe('PromptsPage channel tabs', { timeout: 20_000 }, () => {
  it('is a tab list whose tabs control their panels, one tab in the Tab order', async () => {
    render(
      <div dir="rtl">
        <PromptsPage />
      </div>,
    )
    const tabs = screen.getAllByRole('tab')
    expect(tabs.map((t) => t.textContent)).toEqual(['שיחות נכנסות', 'שיחות יוצאות', 'וואטסאפ'])
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1])
    for (const tab of tabs) expect(document.getElementById(tab.getAttribute('aria-controls')!)?.getAttribute('role')).toBe('tabpanel')
    const panel = screen.getByRole('tabpanel')
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[0]!.id)
    await waitFor(() => expect((screen.getByLabelText('ההנחיות') as HTMLTextAreaElement).value).toBe('הנחיות inbound_call'))
  })

  it('moves between tabs with the arrows (left is next in Hebrew), Home and End, and shows the chosen channel', async () => {
    render(
      <div dir="rtl">
        <PromptsPage />
      </div>,
    )
    const tabs = screen.getAllByRole('tab')
    tabs[0]!.focus()
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(tabs[1])
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true')
    expect(tabs.map((t) => t.tabIndex)).toEqual([-1, 0, -1])
    await waitFor(() => expect((screen.getByLabelText('ההנחיות') as HTMLTextAreaElement).value).toBe('הנחיות outbound_call'))
    fireEvent.keyDown(tabs[1]!, { key: 'End' })
    expect(document.activeElement).toBe(tabs[2])
    fireEvent.keyDown(tabs[2]!, { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(tabs[0])
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(tabs[2])
    expect(screen.getByRole('tabpanel').id).toBe('prompt-panel-whatsapp')
  })
})
