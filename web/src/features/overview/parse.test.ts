import { describe, expect, it } from 'vitest'
import { messages } from '../../messages'
import { callsChartNote, readOverview, UnexpectedOverview } from './parse'
import { overviewAnswer } from './testData'

describe('reading the overview', () => {
  it('reads a full answer as it is', () => {
    const overview = readOverview(overviewAnswer())
    expect(overview.calls).toMatchObject({ today: 2, total: 5, active: 1 })
    expect(overview.calls.latest[0]!.leadName).toBe('דנה כהן')
    expect(overview.leads).toEqual({ today: 1, thisWeek: 3, total: 7 })
    expect(overview.callsPerDay).toHaveLength(14)
    expect(overview.funnel.map((s) => s.status)).toEqual(['new', 'won'])
  })

  it.each([
    ['no object', null],
    ['a list', []],
    ['an error page', '<html>'],
    ['no calls part', overviewAnswer((o) => delete o.calls)],
    ['a count as text', overviewAnswer((o) => (o.leads.today = 'שלושה'))],
    ['no chart days', overviewAnswer((o) => (o.callsPerDay = null))],
    ['no date today', overviewAnswer((o) => (o.today = 'today'))],
  ])('refuses %s with the Hebrew message', (_, raw) => {
    expect(() => readOverview(raw)).toThrow(UnexpectedOverview)
    expect(() => readOverview(raw)).toThrow(messages.overview.unexpectedAnswer)
  })

  it('leaves out malformed rows and falls back on unknown colours', () => {
    const overview = readOverview(
      overviewAnswer((o) => {
        o.calls.latest.push({ id: 'c2', startedAt: 'yesterday' }, 'c3')
        o.appointments.upcoming.push({ id: 'a2', leadId: 'l2', start: null })
        o.callsPerDay.push({ date: '15/03/2027', count: 1 }, { date: '2027-03-16', count: Number.NaN })
        o.funnel.push({ status: 'lost', label: '', color: 'url(javascript:x)', count: 2 }, { label: 'ללא סטטוס', count: 1 })
      }),
    )
    expect(overview.calls.latest.map((c) => c.id)).toEqual(['c1'])
    expect(overview.appointments.upcoming.map((a) => a.id)).toEqual(['a1'])
    expect(overview.callsPerDay).toHaveLength(14)
    expect(overview.funnel.at(-1)).toEqual({ status: 'lost', label: 'lost', color: '#64748b', count: 2 })
  })
})

describe('the calls chart note', () => {
  const zeros = Array.from({ length: 14 }, (_, i) => ({ date: `2027-03-${String(2 + i).padStart(2, '0')}`, count: 0 }))

  it('says nothing when a charted day has calls', () => {
    expect(callsChartNote(readOverview(overviewAnswer()))).toBe('none')
  })

  it('tells there are no calls yet, or none lately', () => {
    expect(callsChartNote({ calls: { today: 0, total: 0, active: 0, latest: [] }, callsPerDay: zeros })).toBe('noCallsYet')
    expect(callsChartNote({ calls: { today: 0, total: 9, active: 0, latest: [] }, callsPerDay: zeros })).toBe('noRecentCalls')
  })
})
