import { describe, expect, it, vi } from 'vitest'
import { ApiClient, ApiError, problemToError } from './api'

function json(body: unknown, status = 200, contentType = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

function problem(status: number, extra: Record<string, unknown> = {}) {
  return json({ type: 'about:blank', title: 'English title', status, ...extra }, status, 'application/problem+json')
}

describe('problemToError', () => {
  it('shows the Hebrew detail of a problem', () => {
    const error = problemToError(401, { title: 'Sign-in failed', detail: 'הדוא״ל או הסיסמה שגויים', code: 'auth.invalid' })

    expect(error).toBeInstanceOf(ApiError)
    expect(error.message).toBe('הדוא״ל או הסיסמה שגויים')
    expect(error.status).toBe(401)
    expect(error.code).toBe('auth.invalid')
  })

  it('shows the first field message of a validation problem without a detail', () => {
    const error = problemToError(400, { title: 'Validation failed', errors: { email: ['כתובת הדוא״ל אינה תקינה'] } })

    expect(error.message).toBe('כתובת הדוא״ל אינה תקינה')
    expect(error.fieldErrors).toEqual({ email: ['כתובת הדוא״ל אינה תקינה'] })
  })

  it.each([
    [403, 'אין לך הרשאה לפעולה זו'],
    [404, 'המשאב המבוקש לא נמצא'],
    [429, 'יותר מדי ניסיונות. נסו שוב בעוד כמה דקות.'],
    [500, 'אירעה שגיאה לא צפויה. נסו שוב מאוחר יותר.'],
    [418, 'התקבלה תשובה לא צפויה מהשרת'],
  ])('falls back to a Hebrew message for %i without a detail', (status, message) => {
    expect(problemToError(status, { title: 'English only' }).message).toBe(message)
    expect(problemToError(status, undefined).message).toBe(message)
  })

  it('never shows the English title', () => {
    expect(problemToError(409, { title: 'Conflict', detail: '  ' }).message).toBe('הפעולה מתנגשת במצב הנוכחי. רעננו ונסו שוב.')
  })
})

describe('ApiClient', () => {
  it('returns the JSON body of a successful call, sent with the session cookie', async () => {
    const fetchImpl = vi.fn(async () => json({ name: 'ליאור' }))
    const client = new ApiClient({ fetchImpl })

    expect(await client.get('/api/v1/business')).toEqual({ name: 'ליאור' })
    expect(fetchImpl).toHaveBeenCalledWith('/api/v1/business', expect.objectContaining({ method: 'GET', credentials: 'same-origin' }))
  })

  it('throws the problem detail as an ApiError', async () => {
    const client = new ApiClient({ fetchImpl: async () => problem(409, { detail: 'הליד כבר קיים', code: 'lead.duplicate' }) })

    await expect(client.post('/api/v1/leads', { body: {} })).rejects.toMatchObject({
      name: 'ApiError',
      status: 409,
      message: 'הליד כבר קיים',
      code: 'lead.duplicate',
    })
  })

  it('maps an unreachable server to the Hebrew network message', async () => {
    const client = new ApiClient({
      fetchImpl: async () => {
        throw new TypeError('Failed to fetch')
      },
    })

    await expect(client.get('/api/v1/calls')).rejects.toMatchObject({ status: 0, message: 'לא ניתן להתחבר לשרת. בדקו את החיבור ונסו שוב.' })
  })

  it('reports a lost session (401) so the user is sent to sign in', async () => {
    const onUnauthorized = vi.fn()
    const client = new ApiClient({ fetchImpl: async () => problem(401, { detail: 'יש להתחבר כדי להמשיך' }), onUnauthorized })

    await expect(client.get('/api/v1/calls')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledOnce()
  })

  it('does not treat a wrong password as a lost session', async () => {
    const onUnauthorized = vi.fn()
    const client = new ApiClient({ fetchImpl: async () => problem(401, { detail: 'שגוי' }), onUnauthorized })

    await expect(client.post('/api/v1/auth/sign-in', { body: {}, redirectOnUnauthorized: false })).rejects.toThrow('שגוי')
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('sends the CSRF token with changes, fetching it once when the page has none', async () => {
    const fetchImpl = vi.fn<(input: string, init?: RequestInit) => Promise<Response>>(async (input) =>
      input === '/api/v1/auth/csrf' ? json({ token: 'csrf-1' }) : new Response(null, { status: 204 }),
    )
    const client = new ApiClient({ fetchImpl })

    await client.delete('/api/v1/leads/1')
    await client.post('/api/v1/leads', { body: { name: 'x' } })

    const calls = fetchImpl.mock.calls.map(([url, init]) => [url, (init?.headers as Record<string, string>)['X-CSRF-Token']])
    expect(calls).toEqual([
      ['/api/v1/auth/csrf', undefined],
      ['/api/v1/leads/1', 'csrf-1'],
      ['/api/v1/leads', 'csrf-1'],
    ])
  })

  it('sends no CSRF token with a read', async () => {
    const fetchImpl = vi.fn<(input: string, init?: RequestInit) => Promise<Response>>(async () => json([]))
    const client = new ApiClient({ fetchImpl })

    await client.get('/api/v1/leads')

    expect(fetchImpl).toHaveBeenCalledOnce()
    expect((fetchImpl.mock.calls[0]![1]?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
  })

  it('answers undefined for 204 No Content', async () => {
    const client = new ApiClient({ fetchImpl: async () => new Response(null, { status: 204 }) })
    client.setCsrfToken('t')

    expect(await client.post('/api/v1/auth/sign-out')).toBeUndefined()
  })

  it('sends extra headers, and a form as multipart without a JSON content type', async () => {
    const fetchImpl = vi.fn(async (_url: string, _init?: RequestInit) => json({ ok: true }))
    const client = new ApiClient({ fetchImpl })
    client.setCsrfToken('t')
    const form = new FormData()
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'a.png')

    await client.post('/api/v1/outbound/calls', { body: { leadIds: [] }, headers: { 'Idempotency-Key': 'k1' } })
    await client.post('/api/v1/leads/1/notes', { body: form })

    const [first, second] = fetchImpl.mock.calls.map(([, init]) => init!)
    expect((first!.headers as Record<string, string>)['Idempotency-Key']).toBe('k1')
    expect((first!.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect((second!.headers as Record<string, string>)['Content-Type']).toBeUndefined()
    expect(second!.body).toBe(form)
  })
})
