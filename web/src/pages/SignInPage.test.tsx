// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api } from '../lib/api'
import { messages } from '../messages'
import { routes } from '../router'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

const people = {
  agent: { kind: 'user', id: 'u1', name: 'דני אברהם', email: 'agent@example.co.il', role: 'agent', tenantId: 't1' },
  owner: { kind: 'user', id: 'u2', name: 'שי כהן', email: 'owner@example.co.il', role: 'owner', tenantId: 't1' },
  system_admin: { kind: 'user', id: 'u3', name: 'מנהל המערכת', email: 'root@example.co.il', role: 'system_admin', tenantId: null },
}

/** A small stand-in for the Api: who is signed in, the sign-in answer, the business and the health report. */
function fakeApi(options: { me?: keyof typeof people; signIn?: (body: { email: string; password: string }) => Response }) {
  let me = options.me ? people[options.me] : null
  return vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input)
    if (url === '/api/v1/auth/me') return me ? json(me) : json({ status: 401, detail: 'יש להתחבר כדי להמשיך' }, 401)
    if (url === '/api/v1/auth/sign-in') {
      const answer = options.signIn!(JSON.parse(String(init?.body)))
      if (answer.ok) me = (await answer.clone().json()).user
      return answer
    }
    if (url === '/api/v1/auth/sign-out') {
      me = null
      return new Response(null, { status: 204 })
    }
    if (url === '/api/v1/auth/csrf') return json({ token: 'csrf' })
    if (url === '/api/v1/business') return json({ name: 'שי דירות' })
    return json({ status: 'Healthy', checks: [] })
  })
}

function renderAt(path: string) {
  return render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />)
}

function navItems() {
  const nav = screen.getByRole('navigation', { name: 'ניווט ראשי' })
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent)
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  api.setCsrfToken(null)
})

describe('sign-in form', () => {
  it('has labelled fields and asks for what is missing without calling the Api', async () => {
    const fetchMock = fakeApi({})
    vi.stubGlobal('fetch', fetchMock)
    renderAt('/sign-in')

    fireEvent.click(await screen.findByRole('button', { name: 'כניסה' }))

    expect(screen.getByText('יש להזין כתובת דוא״ל')).toBeTruthy()
    expect(screen.getByText('יש להזין סיסמה')).toBeTruthy()
    expect(screen.getByLabelText('דוא״ל').getAttribute('aria-invalid')).toBe('true')
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/v1/auth/sign-in')).toBe(false)
  })

  it('shows the Api’s Hebrew message on failure and keeps what was typed', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({ signIn: () => json({ status: 401, title: 'Sign-in failed', detail: 'הדוא״ל או הסיסמה שגויים' }, 401) }),
    )
    renderAt('/sign-in')

    fireEvent.change(await screen.findByLabelText('דוא״ל'), { target: { value: 'agent@example.co.il' } })
    fireEvent.change(screen.getByLabelText('סיסמה'), { target: { value: 'wrong' } })
    fireEvent.click(screen.getByRole('button', { name: 'כניסה' }))

    expect((await screen.findByRole('alert')).textContent).toBe('הדוא״ל או הסיסמה שגויים')
    expect((screen.getByLabelText('דוא״ל') as HTMLInputElement).value).toBe('agent@example.co.il')
    expect((screen.getByLabelText('סיסמה') as HTMLInputElement).value).toBe('wrong')
    expect((screen.getByRole('button', { name: 'כניסה' }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('signs in and lands on the overview with the user, role and business shown', async () => {
    vi.stubGlobal('fetch', fakeApi({ signIn: () => json({ user: people.agent, csrfToken: 'csrf' }) }))
    renderAt('/sign-in')

    fireEvent.change(await screen.findByLabelText('דוא״ל'), { target: { value: 'agent@example.co.il' } })
    fireEvent.change(screen.getByLabelText('סיסמה'), { target: { value: 'right' } })
    fireEvent.click(screen.getByRole('button', { name: 'כניסה' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'סקירה' })).toBeTruthy()
    const user = screen.getByTestId('current-user')
    expect(within(user).getByText('דני אברהם')).toBeTruthy()
    expect(within(user).getByTestId('current-role').textContent).toBe('נציג')
    expect(await within(user).findByText('שי דירות')).toBeTruthy()
  })

  it('returns to the page the user asked for', async () => {
    vi.stubGlobal('fetch', fakeApi({ signIn: () => json({ user: people.agent, csrfToken: 'csrf' }) }))
    renderAt('/leads')

    fireEvent.change(await screen.findByLabelText('דוא״ל'), { target: { value: 'agent@example.co.il' } })
    fireEvent.change(screen.getByLabelText('סיסמה'), { target: { value: 'right' } })
    fireEvent.click(screen.getByRole('button', { name: 'כניסה' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'לידים' })).toBeTruthy()
  })
})

describe('role-aware navigation', () => {
  it('shows an agent the daily work but not the settings, and refuses the settings route', async () => {
    vi.stubGlobal('fetch', fakeApi({ me: 'agent' }))
    renderAt('/settings')

    expect(await screen.findByRole('heading', { level: 1, name: 'אין גישה' })).toBeTruthy()
    expect(navItems()).toEqual(['סקירה', 'שיחות', 'לידים', 'פגישות', 'משימות', 'שיחות יוצאות', 'מצב המערכת', 'תיעוד API'])
  })

  it('shows an owner the settings with their pages', async () => {
    vi.stubGlobal('fetch', fakeApi({ me: 'owner' }))
    renderAt('/settings')

    const pages = await screen.findByRole('navigation', { name: messages.settings.navigation })
    expect(within(pages).getAllByRole('link').map((l) => l.textContent)).toContain(messages.settings.tabs.assistant)
    expect(navItems()).toContain('הגדרות')
    expect(navItems()).not.toContain('עסקים')
  })

  it('shows a system admin the businesses only', async () => {
    vi.stubGlobal('fetch', fakeApi({ me: 'system_admin' }))
    renderAt('/calls')

    expect(await screen.findByRole('heading', { level: 1, name: 'אין גישה' })).toBeTruthy()
    expect(navItems()).toEqual(['עסקים', 'מצב המערכת', 'תיעוד API'])
  })

  it('signs out back to the sign-in page', async () => {
    vi.stubGlobal('fetch', fakeApi({ me: 'agent' }))
    renderAt('/calls')

    fireEvent.click(await screen.findByRole('button', { name: 'יציאה' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'כניסה למערכת' })).toBeTruthy()
  })

  it('sends a signed-out visitor of a section to sign in', async () => {
    vi.stubGlobal('fetch', fakeApi({}))
    renderAt('/calls')

    expect(await screen.findByRole('heading', { level: 1, name: 'כניסה למערכת' })).toBeTruthy()
  })
})
