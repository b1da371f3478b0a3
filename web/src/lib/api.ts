import { messages } from '../messages'

/** A failed Api call, with the Hebrew message to show the user. */
export class ApiError extends Error {
  readonly status: number
  /** The problem's machine-readable `code` extension, when the Api sent one (e.g. `auth.locked`). */
  readonly code: string | null
  /** Field → Hebrew messages, from a validation problem. */
  readonly fieldErrors: Record<string, string[]>

  constructor(status: number, message: string, code: string | null = null, fieldErrors: Record<string, string[]> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fieldErrors = fieldErrors
  }
}

/** Status 0: the server was never reached. */
export const networkErrorStatus = 0

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fallbackMessage(status: number): string {
  if (status === 400 || status === 422) return messages.errors.badRequest
  if (status === 401) return messages.errors.unauthorized
  if (status === 403) return messages.errors.forbidden
  if (status === 404) return messages.errors.notFound
  if (status === 409) return messages.errors.conflict
  if (status === 429) return messages.errors.tooManyRequests
  if (status >= 500) return messages.errors.server
  return messages.errors.unexpected
}

function readFieldErrors(body: Record<string, unknown>): Record<string, string[]> {
  if (!isRecord(body.errors)) return {}
  const result: Record<string, string[]> = {}
  for (const [field, value] of Object.entries(body.errors)) {
    const texts = (Array.isArray(value) ? value : [value]).filter(
      (t): t is string => typeof t === 'string' && t.trim() !== '',
    )
    if (texts.length > 0) result[field] = texts
  }
  return result
}

/**
 * Turns a failed answer into an ApiError. The Api writes problem+json whose `detail` is already Hebrew; a validation
 * problem without a detail shows its first field message; anything else gets the Hebrew message for its status.
 */
export function problemToError(status: number, body: unknown): ApiError {
  if (!isRecord(body)) return new ApiError(status, fallbackMessage(status))
  const code = typeof body.code === 'string' ? body.code : null
  const fieldErrors = readFieldErrors(body)
  const detail = typeof body.detail === 'string' ? body.detail.trim() : ''
  const firstFieldMessage = Object.values(fieldErrors)[0]?.[0]
  return new ApiError(status, detail || firstFieldMessage || fallbackMessage(status), code, fieldErrors)
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>

export interface RequestOptions {
  /** JSON-encoded, except a FormData, which is sent as multipart (file uploads). */
  body?: unknown
  signal?: AbortSignal
  /** False for calls where 401 is an answer, not a lost session (sign-in, who-am-I). */
  redirectOnUnauthorized?: boolean
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>
}

export interface ApiClientOptions {
  fetchImpl?: Fetch
  /** Called when a call answers 401: the session is gone and the user must sign in again. */
  onUnauthorized?: () => void
}

const csrfHeader = 'X-CSRF-Token'
const csrfPath = '/api/v1/auth/csrf'
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The dashboard's Api client. The session travels in an httpOnly cookie (same origin); changes also carry the CSRF
 * token from the sign-in answer, fetched again from the Api when the page was reloaded since.
 */
export class ApiClient {
  private csrfToken: string | null = null
  private readonly fetchImpl: Fetch
  onUnauthorized: (() => void) | undefined

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init))
    this.onUnauthorized = options.onUnauthorized
  }

  setCsrfToken(token: string | null) {
    this.csrfToken = token
  }

  get<T>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options)
  }

  post<T>(path: string, options?: RequestOptions) {
    return this.request<T>('POST', path, options)
  }

  put<T>(path: string, options?: RequestOptions) {
    return this.request<T>('PUT', path, options)
  }

  patch<T>(path: string, options?: RequestOptions) {
    return this.request<T>('PATCH', path, options)
  }

  delete<T>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options)
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
    const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData
    if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json'
    if (!safeMethods.has(method)) {
      const token = await this.ensureCsrfToken(options.signal)
      if (token) headers[csrfHeader] = token
    }

    let response: Response
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: options.signal,
      })
    } catch (error) {
      if (options.signal?.aborted) throw error
      throw new ApiError(networkErrorStatus, messages.errors.network)
    }

    if (response.status === 401 && options.redirectOnUnauthorized !== false) {
      this.csrfToken = null
      this.onUnauthorized?.()
    }

    if (!response.ok) throw problemToError(response.status, await readJson(response))
    if (response.status === 204) return undefined as T
    const body = await readJson(response)
    if (body === undefined) throw new ApiError(response.status, messages.errors.unexpected)
    return body as T
  }

  private async ensureCsrfToken(signal?: AbortSignal): Promise<string | null> {
    if (this.csrfToken) return this.csrfToken
    try {
      const response = await this.fetchImpl(csrfPath, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      })
      const body = response.ok ? await readJson(response) : undefined
      if (isRecord(body) && typeof body.token === 'string') this.csrfToken = body.token
    } catch {
      // The change itself will fail with a clear answer; nothing to add here.
    }
    return this.csrfToken
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '')
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The one client the running dashboard uses. */
export const api = new ApiClient()
