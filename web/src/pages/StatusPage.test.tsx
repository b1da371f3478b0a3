// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { routes } from '../router'

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const healthy = {
  status: 'Healthy',
  checks: [
    { name: 'database', status: 'Healthy', description: 'ok' },
    { name: 'migrations', status: 'Healthy', description: 'ok' },
    { name: 'projections-daemon', status: 'Healthy', description: 'ok' },
  ],
}

/** Answers the session check as signed out and everything else with the health mock. */
function withHealth(health: typeof fetch) {
  return vi.fn<typeof fetch>(async (input, init) =>
    String(input).startsWith('/api/') ? jsonResponse({ status: 401, detail: 'יש להתחבר כדי להמשיך' }, 401) : health(input, init),
  )
}

function renderAt(path: string) {
  return render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />)
}

function stateOf(checkLabel: string) {
  const item = screen.getByRole('heading', { name: checkLabel, level: 3 }).closest('li')!
  return within(item).getByTestId('check-state').textContent
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('status page', () => {
  it('shows every check of a healthy server as OK', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(healthy)))

    renderAt('/status')

    expect(screen.getByRole('heading', { level: 1, name: 'מצב המערכת' })).toBeTruthy()
    expect(await screen.findByText('כל רכיבי המערכת תקינים')).toBeTruthy()
    expect(stateOf('מסד נתונים')).toBe('תקין')
    expect(stateOf('סכמת נתונים')).toBe('תקין')
    expect(stateOf('מעבד תחזיות')).toBe('תקין')
  })

  it('shows the failing check of a 503 report as not OK', async () => {
    const report = {
      status: 'Unhealthy',
      checks: [
        { name: 'database', status: 'Unhealthy', description: 'Connection refused' },
        { name: 'migrations', status: 'Healthy' },
      ],
    }
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(report, 503)))

    renderAt('/status')

    expect(await screen.findByText('חלק מרכיבי המערכת אינם תקינים')).toBeTruthy()
    expect(stateOf('מסד נתונים')).toBe('לא תקין')
    expect(screen.getByText('Connection refused')).toBeTruthy()
    expect(stateOf('סכמת נתונים')).toBe('תקין')
  })

  it('shows a connection error and recovers when retry succeeds', async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(jsonResponse(healthy))
    vi.stubGlobal('fetch', withHealth(fetchMock))

    renderAt('/status')

    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('לא ניתן להתחבר לשרת')).toBeTruthy()

    fireEvent.click(within(alert).getByRole('button', { name: 'נסו שוב' }))

    expect(await screen.findByText('כל רכיבי המערכת תקינים')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })
})

describe('routing', () => {
  it('shows a visitor who is not signed in the status page at /', async () => {
    vi.stubGlobal('fetch', withHealth(async () => jsonResponse(healthy)))

    renderAt('/')

    expect(await screen.findByRole('heading', { level: 1, name: 'מצב המערכת' })).toBeTruthy()
  })

  it('shows the Hebrew not-found page for an unknown route, inside the navigation shell', () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(healthy)))

    renderAt('/no/such/page')

    expect(screen.getByRole('heading', { level: 1, name: 'הדף לא נמצא' })).toBeTruthy()
    expect(screen.getByRole('navigation', { name: 'ניווט ראשי' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'חזרה לדף הבית' }).getAttribute('href')).toBe('/')
  })

  it('links to the API docs as a plain link to /swagger', () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(healthy)))

    renderAt('/status')

    expect(screen.getByRole('link', { name: 'תיעוד API' }).getAttribute('href')).toBe('/swagger')
  })
})
