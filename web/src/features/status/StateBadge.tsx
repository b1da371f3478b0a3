import type { CheckState } from '../../lib/health'
import { checkStateLabel } from '../../lib/health'

const tone: Record<CheckState, string> = {
  healthy: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
  degraded: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  unhealthy: 'bg-red-50 text-red-800 ring-red-600/30',
}

/** State shown as text and icon, never by colour alone. */
export function StateBadge({ state }: { state: CheckState }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-1 text-sm font-semibold ring-1 ring-inset ${tone[state]}`}
    >
      <StateIcon state={state} />
      <span data-testid="check-state">{checkStateLabel(state)}</span>
    </span>
  )
}

function StateIcon({ state }: { state: CheckState }) {
  const path =
    state === 'healthy' ? 'M5 10.5l3 3 7-7' : state === 'degraded' ? 'M10 5.5v5.5 M10 14.5v.01' : 'M6 6l8 8 M14 6l-8 8'
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2.2" className="size-4">
      <path d={path} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
