import { messages } from '../messages'

/** ASP.NET Core reports Healthy, Degraded or Unhealthy; anything unrecognised is treated as not healthy. */
export type CheckState = 'healthy' | 'degraded' | 'unhealthy'

export interface HealthCheckView {
  name: string
  label: string
  state: CheckState
  stateLabel: string
  description: string | null
}

export interface HealthView {
  state: CheckState
  checks: HealthCheckView[]
}

const severity: Record<CheckState, number> = { healthy: 0, degraded: 1, unhealthy: 2 }

export function toCheckState(status: unknown): CheckState {
  if (typeof status !== 'string') return 'unhealthy'
  switch (status.trim().toLowerCase()) {
    case 'healthy':
      return 'healthy'
    case 'degraded':
      return 'degraded'
    default:
      return 'unhealthy'
  }
}

export function checkStateLabel(state: CheckState): string {
  return messages.checkState[state]
}

/** Known checks get a Hebrew name; a check the dashboard does not know yet still shows, under its raw name. */
export function checkLabel(name: string): string {
  return Object.hasOwn(messages.checkLabels, name) ? messages.checkLabels[name]! : name
}

export function worstState(states: readonly CheckState[]): CheckState {
  return states.reduce<CheckState>((worst, s) => (severity[s] > severity[worst] ? s : worst), 'healthy')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toCheckView(raw: unknown): HealthCheckView | null {
  if (!isRecord(raw) || typeof raw.name !== 'string' || raw.name.trim() === '') return null
  const state = toCheckState(raw.status)
  const description =
    typeof raw.description === 'string' && raw.description.trim() !== '' ? raw.description.trim() : null
  return { name: raw.name, label: checkLabel(raw.name), state, stateLabel: checkStateLabel(state), description }
}

/**
 * Maps the body of `GET /health/ready` to what the status page shows.
 * Returns null when the body is not a health report at all, so the caller can treat it as a failed request.
 * The overall state is never better than its worst check, even if the server says otherwise.
 */
export function parseHealthReport(body: unknown): HealthView | null {
  if (!isRecord(body) || typeof body.status !== 'string') return null
  const rawChecks = Array.isArray(body.checks) ? body.checks : []
  const checks = rawChecks.map(toCheckView).filter((c): c is HealthCheckView => c !== null)
  const state = worstState([toCheckState(body.status), ...checks.map((c) => c.state)])
  return { state, checks }
}
