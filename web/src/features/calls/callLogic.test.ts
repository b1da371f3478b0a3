import { describe, expect, it } from 'vitest'
import {
  activeTurnIndex,
  applyLiveCall,
  filtersFromSearch,
  formatMs,
  formatOffset,
  hasFilters,
  listPath,
  matchesFilters,
  searchFromFilters,
  turnsHaveOffsets,
  type CallFilters,
} from './callLogic'
import type { CallView, TranscriptTurn } from './types'

const none: CallFilters = { direction: '', status: '', from: '', to: '' }

function call(id: string, startedAt: string, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    status: 'in_progress',
    from: '+972521234567',
    to: '+97233760000',
    leadId: null,
    leadName: null,
    templateId: null,
    templateName: null,
    providerCallId: null,
    startedAt,
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    endReason: null,
    rejectionReason: null,
    isLive: true,
    updatedAt: startedAt,
    version: 1,
    ...patch,
  }
}

const turn = (offsetMs: number): TranscriptTurn => ({ speaker: 'caller', text: 'שלום', offsetMs, interrupted: false, at: '2025-03-01T10:00:00Z' })

describe('filters in the query string', () => {
  it('reads what the Api accepts and drops the rest', () => {
    const filters = filtersFromSearch(new URLSearchParams('direction=outbound&status=no_answer&from=2025-03-01&to=bad'))
    expect(filters).toEqual({ direction: 'outbound', status: 'no_answer', from: '2025-03-01', to: '' })
    expect(filtersFromSearch(new URLSearchParams('direction=sideways&status=lost'))).toEqual(none)
  })

  it('writes only the filters set, and the Api path with the page cursor', () => {
    const filters: CallFilters = { ...none, status: 'completed', from: '2025-03-01' }
    expect(searchFromFilters(filters).toString()).toBe('status=completed&from=2025-03-01')
    // 01/03/2025 begins at 22:00 UTC the day before in Israel (winter time).
    expect(listPath(filters, 'Asia/Jerusalem', 'abc')).toBe(
      '/api/v1/calls?status=completed&startedFrom=2025-02-28T22%3A00%3A00.000Z&limit=25&next=abc',
    )
    expect(listPath(none, 'Asia/Jerusalem')).toBe('/api/v1/calls?limit=25')
    expect(hasFilters(none)).toBe(false)
    expect(hasFilters(filters)).toBe(true)
  })

  it('matches dates in the business zone, not UTC', () => {
    // 23:30 UTC on 28/02 is already 01/03 in Israel.
    const late = call('a', '2025-02-28T23:30:00Z')
    expect(matchesFilters(late, { ...none, from: '2025-03-01' }, 'Asia/Jerusalem')).toBe(true)
    expect(matchesFilters(late, { ...none, to: '2025-02-28' }, 'Asia/Jerusalem')).toBe(false)
    expect(matchesFilters(late, { ...none, direction: 'outbound' }, 'Asia/Jerusalem')).toBe(false)
  })
})

describe('live changes to the list', () => {
  const zone = 'Asia/Jerusalem'
  const older = call('a', '2025-03-01T08:00:00Z')
  const newer = call('b', '2025-03-01T09:00:00Z')

  it('updates a known call in place', () => {
    const ended = { ...older, status: 'completed' as const, isLive: false, version: 4 }
    const items = applyLiveCall([newer, older], ended, none, zone)
    expect(items.map((c) => c.id)).toEqual(['b', 'a'])
    expect(items[1]?.status).toBe('completed')
  })

  it('puts a new call at the top', () => {
    const fresh = call('c', '2025-03-01T10:00:00Z')
    expect(applyLiveCall([newer, older], fresh, none, zone).map((c) => c.id)).toEqual(['c', 'b', 'a'])
  })

  it('ignores a stale change and a new call the filters leave out', () => {
    const list = [{ ...newer, version: 5 }, older]
    expect(applyLiveCall(list, { ...newer, version: 3 }, none, zone)).toBe(list)
    expect(applyLiveCall(list, call('c', '2025-03-01T10:00:00Z', { direction: 'outbound' }), { ...none, direction: 'inbound' }, zone)).toBe(list)
  })

  it('drops a call that no longer matches the status filter', () => {
    const list = [newer, older]
    const ended = { ...older, status: 'completed' as const, version: 3 }
    expect(applyLiveCall(list, ended, { ...none, status: 'in_progress' }, zone).map((c) => c.id)).toEqual(['b'])
  })

  it('leaves a call older than the loaded page to the next page', () => {
    const ancient = call('z', '2025-01-01T10:00:00Z')
    const list = [newer, older]
    expect(applyLiveCall(list, ancient, none, zone, true)).toBe(list)
    expect(applyLiveCall(list, ancient, none, zone, false).map((c) => c.id)).toEqual(['b', 'a', 'z'])
  })
})

describe('transcript and recording', () => {
  const turns = [turn(400), turn(5200), turn(9100)]

  it('finds the line being heard', () => {
    expect(activeTurnIndex(turns, 0)).toBe(-1)
    expect(activeTurnIndex(turns, 400)).toBe(0)
    expect(activeTurnIndex(turns, 9000)).toBe(1)
    expect(activeTurnIndex(turns, 60_000)).toBe(2)
  })

  it('tells turns without places in the recording', () => {
    expect(turnsHaveOffsets(turns)).toBe(true)
    expect(turnsHaveOffsets([turn(0), turn(0)])).toBe(false)
  })

  it('formats offsets and latencies', () => {
    expect(formatOffset(0)).toBe('0:00')
    expect(formatOffset(65_900)).toBe('1:05')
    expect(formatMs(1.94)).toBe('1.9')
    expect(formatMs(420.4)).toBe('420')
  })
})
