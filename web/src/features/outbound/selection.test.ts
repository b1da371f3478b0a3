import { describe, expect, it } from 'vitest'
import { addLead, isFinal, isFull, maxLeads, removeLead, stillRunning } from './selection'

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
