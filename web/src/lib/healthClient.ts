import { parseHealthReport, type HealthView } from './health'

export const healthReadyPath = '/health/ready'

/** The server could not be reached or did not answer with a health report. */
export class HealthUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'HealthUnavailableError'
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>

/**
 * Reads the readiness report. A 503 still carries a report (some check failed), so it is
 * a result, not an error; only an unreachable server or an unexpected answer is an error.
 */
export async function fetchHealth(signal?: AbortSignal, fetchImpl: Fetch = fetch): Promise<HealthView> {
  let response: Response
  try {
    response = await fetchImpl(healthReadyPath, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new HealthUnavailableError('Network request failed', { cause: error })
  }

  if (response.status !== 200 && response.status !== 503) {
    throw new HealthUnavailableError(`Unexpected HTTP status ${response.status}`)
  }

  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    throw new HealthUnavailableError('Response is not JSON', { cause: error })
  }

  const view = parseHealthReport(body)
  if (view === null) throw new HealthUnavailableError('Response is not a health report')
  return view
}
