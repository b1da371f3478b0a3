import { describe, expect, it } from 'vitest'
import { addLead, applyCallUpdate, isFinal, isFull, maxLeads, removeLead, stillRunning, type WatchedCall } from './selection'

const lead = (id: string) => ({ id, name: id })

describe('lead selection', () => {
  it('takes up to three distinct leads and refuses a fourth', () => {
    let selection = addLead([], lead('a'))
    selection = addLead(selection, lead('b'))
    selection = addLead(selection, lead('a'))
    expect(selection.map((l) => l.id)).toEqual(['a', 'b'])
    selection = addLead(selection, lead('c'))
    expect(isFull(selection)).toBe(true)
    const full = selection
    expect(addLead(full, lead('d'))).toBe(full)
    expect(full).toHaveLength(maxLeads)
  })

  it('frees a place when one is removed', () => {
    const selection = removeLead([lead('a'), lead('b'), lead('c')], 'b')
    expect(selection.map((l) => l.id)).toEqual(['a', 'c'])
    expect(addLead(selection, lead('d')).map((l) => l.id)).toEqual(['a', 'c', 'd'])
  })
})

describe('watching calls', () => {
  it('stops once every started call has ended', () => {
    expect(isFinal('completed')).toBe(true)
    expect(isFinal('ringing')).toBe(false)
    const base = { leadId: 'l', leadName: null, error: null }
    expect(stillRunning([{ ...base, callId: '1', status: 'queued' }])).toBe(true)
    expect(stillRunning([{ ...base, callId: '1', status: 'no_answer' }, { ...base, callId: null, status: 'failed' }])).toBe(false)
    expect(stillRunning([{ ...base, callId: '1', status: 'in_progress', isLive: false }])).toBe(false)
  })
})

describe('live updates', () => {
  const watched: WatchedCall[] = [
    { callId: 'c1', leadId: 'l1', leadName: 'דנה', status: 'queued', error: null },
    { callId: null, leadId: 'l2', leadName: 'רון', status: 'failed', error: 'אין מספר' },
  ]

  it('updates the watched call the change is about', () => {
    const next = applyCallUpdate(watched, { id: 'c1', status: 'in_progress', isLive: true, durationSeconds: null })
    expect(next[0]).toMatchObject({ callId: 'c1', status: 'in_progress', isLive: true })
    expect(next[1]).toBe(watched[1])
    expect(stillRunning(next)).toBe(true)
    const ended = applyCallUpdate(next, { id: 'c1', status: 'completed', isLive: false, durationSeconds: 42 })
    expect(ended[0]).toMatchObject({ status: 'completed', durationSeconds: 42 })
    expect(stillRunning(ended)).toBe(false)
  })

  it('leaves the list as it is for another call', () => {
    expect(applyCallUpdate(watched, { id: 'other', status: 'completed', isLive: false, durationSeconds: 1 })).toBe(watched)
  })
})
