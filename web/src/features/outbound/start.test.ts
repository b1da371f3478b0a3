import { describe, expect, it } from 'vitest'
import { ApiClient } from '../../lib/api'
import { idempotencyHeader, newIdempotencyKey, OutboundStarter, startPath } from './start'

interface Sent {
  path: string
  method: string
  headers: Record<string, string>
  body: unknown
}

/** A fake Api: the CSRF token, then the answers given, in order, to the start route. */
function fakeApi(answers: (() => Response)[]) {
  const sent: Sent[] = []
  const client = new ApiClient({
    fetchImpl: async (path, init) => {
      if (path === '/api/v1/auth/csrf') return Response.json({ token: 'csrf' })
      sent.push({
        path,
        method: init?.method ?? 'GET',
        headers: init?.headers as Record<string, string>,
        body: init?.body ? JSON.parse(init.body as string) : undefined,
      })
      const answer = answers.shift()
      if (!answer) throw new Error('no answer left')
      return answer()
    },
  })
  return { client, sent }
}

const started = () => Response.json({ calls: [{ callId: 'c1', leadId: 'l1', leadName: 'דנה', status: 'queued', errorCode: null, error: null }] })
const atLimit = () =>
  new Response(JSON.stringify({ status: 429, detail: 'העסק הגיע למספר השיחות המרבי', code: 'outbound.limit' }), {
    status: 429,
    headers: { 'Content-Type': 'application/problem+json' },
  })
const offline = () => {
  throw new TypeError('Failed to fetch')
}

function keys() {
  let n = 0
  return () => `key-${++n}`
}

describe('starting outbound calls', () => {
  it('posts the leads and template to the start route with an Idempotency-Key', async () => {
    const { client, sent } = fakeApi([started])
    const answer = await new OutboundStarter(keys()).start(client, { leadIds: ['l1'], templateId: 't1' })

    expect(answer.calls[0]!.callId).toBe('c1')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.path).toBe(startPath)
    expect(sent[0]!.method).toBe('POST')
    expect(sent[0]!.headers[idempotencyHeader]).toBe('key-1')
    expect(sent[0]!.headers['X-CSRF-Token']).toBe('csrf')
    expect(sent[0]!.body).toEqual({ leadIds: ['l1'], templateId: 't1' })
  })

  it('retries the same attempt with the same key after a failure', async () => {
    const { client, sent } = fakeApi([offline, atLimit, started])
    const starter = new OutboundStarter(keys())
    const body = { leadIds: ['l1', 'l2'], templateId: 't1' }

    await expect(starter.start(client, body)).rejects.toMatchObject({ status: 0 })
    await expect(starter.start(client, { leadIds: ['l1', 'l2'], templateId: 't1' })).rejects.toMatchObject({ status: 429 })
    await starter.start(client, body)

    expect(sent.map((s) => s.headers[idempotencyHeader])).toEqual(['key-1', 'key-1', 'key-1'])
  })

  it('takes a new key when the selection or template changes, and after a success', async () => {
    const { client, sent } = fakeApi([atLimit, atLimit, atLimit, started, started])
    const starter = new OutboundStarter(keys())

    await starter.start(client, { leadIds: ['l1'], templateId: 't1' }).catch(() => undefined)
    await starter.start(client, { leadIds: ['l1', 'l2'], templateId: 't1' }).catch(() => undefined)
    await starter.start(client, { leadIds: ['l1', 'l2'], templateId: 't2' }).catch(() => undefined)
    await starter.start(client, { leadIds: ['l1', 'l2'], templateId: 't2' })
    await starter.start(client, { leadIds: ['l1', 'l2'], templateId: 't2' })

    expect(sent.map((s) => s.headers[idempotencyHeader])).toEqual(['key-1', 'key-2', 'key-3', 'key-3', 'key-4'])
  })

  it('makes keys the Api accepts: 32 hex digits, different each time', () => {
    const a = newIdempotencyKey()
    const b = newIdempotencyKey()
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(b).not.toBe(a)
  })
})
