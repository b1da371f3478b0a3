import { describe, expect, it, vi } from 'vitest'
import { fetchHealth, HealthUnavailableError, healthReadyPath } from './healthClient'

function jsonResponse(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('fetchHealth', () => {
  it('requests the readiness endpoint as JSON', async () => {
    const fake = vi.fn(async () => jsonResponse({ status: 'Healthy', checks: [] }, 200))

    await fetchHealth(undefined, fake)

    expect(fake).toHaveBeenCalledOnce()
    const [url, init] = fake.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe(healthReadyPath)
    expect(new Headers(init.headers).get('Accept')).toBe('application/json')
  })

  it('treats 503 with a report as a result showing the failed check, not as an error', async () => {
    const body = { status: 'Unhealthy', checks: [{ name: 'database', status: 'Unhealthy', description: 'timeout' }] }

    const view = await fetchHealth(undefined, async () => jsonResponse(body, 503))

    expect(view.state).toBe('unhealthy')
    expect(view.checks[0]).toMatchObject({ label: 'מסד נתונים', stateLabel: 'לא תקין', description: 'timeout' })
  })

  it('fails when the server cannot be reached', async () => {
    const unreachable = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch')
    }

    await expect(fetchHealth(undefined, unreachable)).rejects.toBeInstanceOf(HealthUnavailableError)
  })

  it('fails on a gateway error even if it has a body', async () => {
    await expect(fetchHealth(undefined, async () => new Response('Bad Gateway', { status: 502 }))).rejects.toThrow(
      HealthUnavailableError,
    )
  })

  it('fails when a 200 answer is not JSON (e.g. an HTML fallback page)', async () => {
    const html = async () => new Response('<!doctype html><html></html>', { status: 200 })

    await expect(fetchHealth(undefined, html)).rejects.toThrow(/not JSON/)
  })

  it('fails when the JSON is not a health report', async () => {
    await expect(fetchHealth(undefined, async () => jsonResponse({ hello: 'world' }, 200))).rejects.toThrow(
      /not a health report/,
    )
  })

  it('lets an abort propagate as an abort, not as an unavailable server', async () => {
    const controller = new AbortController()
    controller.abort()
    const honoursAbort = async (_: string, init?: RequestInit): Promise<Response> => {
      init?.signal?.throwIfAborted()
      return jsonResponse({ status: 'Healthy' }, 200)
    }

    const failure = await fetchHealth(controller.signal, honoursAbort).catch((e: unknown) => e)

    expect(failure).not.toBeInstanceOf(HealthUnavailableError)
    expect((failure as Error).name).toBe('AbortError')
  })
})
