// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api } from '../../lib/api'
import { messages } from '../../messages'
import { routes } from '../../router'
import { overviewAnswer } from './testData'

const t = messages.overview

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

const owner = { kind: 'user', id: 'u1', name: 'שי כהן', email: 'owner@example.co.il', role: 'owner', tenantId: 't1' }

/** A signed-in owner of "שי דירות"; the overview answers come from `overview`, in turn (the last one repeats). */
function fakeApi(...overview: (() => Response)[]) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = String(input)
    if (url === '/api/v1/auth/me') return json(owner)
    if (url === '/api/v1/auth/csrf') return json({ token: 'csrf' })
    if (url === '/api/v1/business') return json({ name: 'שי דירות', timeZone: 'Asia/Jerusalem' })
    if (url === '/api/v1/overview') return (overview.length > 1 ? overview.shift()! : overview[0]!)()
    return json({ status: 404, detail: 'לא נמצא' }, 404)
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function renderOverview() {
  return render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: ['/overview'] })} />)
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  api.setCsrfToken(null)
})

describe('the overview page', () => {
  it('shows a new business its first steps instead of empty charts', async () => {
    fakeApi(() =>
      json(
        overviewAnswer((o) => {
          o.isEmpty = true
          o.hasPhoneNumber = false
          o.calls = { today: 0, total: 0, active: 0, latest: [] }
          o.leads = { today: 0, thisWeek: 0, total: 0 }
          o.appointments = { count: 0, upcoming: [] }
          o.callsPerDay = o.callsPerDay.map((d: { date: string }) => ({ ...d, count: 0 }))
        }),
      ),
    )
    renderOverview()

    const steps = await screen.findByRole('region', { name: t.firstSteps.title })
    expect(screen.getByRole('heading', { level: 1, name: t.title })).toBeTruthy()
    expect(within(steps).getAllByRole('listitem')).toHaveLength(3)
    expect(within(steps).getByRole('heading', { name: t.firstSteps.connectNumber })).toBeTruthy()
    expect(within(steps).getByRole('link', { name: t.firstSteps.addLeadAction }).getAttribute('href')).toBe('/leads')
    expect(screen.queryByTestId('calls-per-day-chart')).toBeNull()
    expect(screen.queryByTestId('funnel')).toBeNull()
  })

  it('shows a business with data its figures, the latest call, and the chart with its table', async () => {
    fakeApi(() => json(overviewAnswer()))
    renderOverview()

    const callsToday = await screen.findByTestId('figure-calls-today')
    expect(callsToday.textContent).toContain('2')
    expect(callsToday.textContent).toContain(t.activeNow(1))
    expect(screen.getByTestId('figure-leads-today').textContent).toContain(t.leadsThisWeek(3))
    expect(screen.getAllByRole('link', { name: 'דנה כהן' }).map((a) => a.getAttribute('href'))).toEqual(['/calls/c1', '/leads/l1'])
    expect(screen.getByTestId('upcoming-appointments').textContent).toContain('16/03/2027 10:00')

    const chart = screen.getByRole('img', { name: t.callsPerDayChart })
    expect(chart.querySelectorAll('rect')).toHaveLength(14)
    expect(screen.queryByTestId('calls-chart-note')).toBeNull()
    fireEvent.click(screen.getByText(t.showTable))
    const table = screen.getByRole('table')
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(15)
    expect(within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([t.dayColumn, t.callsColumn])
    expect(within(rows[14]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['15/03/2027', '2'])

    const funnel = screen.getByRole('list', { name: t.funnelChart })
    expect(within(funnel).getByRole('listitem', { name: t.funnelRow('חדש', 4) })).toBeTruthy()
  })

  it('notes on the empty calls chart that there are leads but no calls yet', async () => {
    fakeApi(() =>
      json(
        overviewAnswer((o) => {
          o.calls = { today: 0, total: 0, active: 0, latest: [] }
          o.callsPerDay = o.callsPerDay.map((d: { date: string }) => ({ ...d, count: 0 }))
        }),
      ),
    )
    renderOverview()

    const note = await screen.findByTestId('calls-chart-note')
    expect(note.textContent).toContain(t.noCallsYetWithLeads)
    expect(within(note).getByRole('link', { name: t.noCallsYetAction }).getAttribute('href')).toBe('/outbound')
    expect(screen.getByText(t.noCalls)).toBeTruthy()
  })

  it('shows an error with a retry, not a broken page, for an answer it does not expect, then recovers', async () => {
    const fetchMock = fakeApi(
      () => json({ calls: 'many' }),
      () => json(overviewAnswer()),
    )
    renderOverview()

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(t.unexpectedAnswer)
    fireEvent.click(within(alert).getByRole('button', { name: messages.common.retry }))

    expect(await screen.findByTestId('figure-calls-today')).toBeTruthy()
    expect(fetchMock.mock.calls.filter(([url]) => url === '/api/v1/overview')).toHaveLength(2)
  })

  it('shows the Api’s Hebrew message when the overview cannot be read', async () => {
    fakeApi(() => json({ status: 500, detail: 'אירעה תקלה בשרת' }, 500))
    renderOverview()

    expect((await screen.findByRole('alert')).textContent).toContain('אירעה תקלה בשרת')
  })
})
