import type { CheckState } from '../../lib/health'
import { messages } from '../../messages'

const text: Record<CheckState, string> = {
  healthy: messages.status.overallHealthy,
  degraded: messages.status.overallDegraded,
  unhealthy: messages.status.overallUnhealthy,
}

const tone: Record<CheckState, string> = {
  healthy: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  degraded: 'border-amber-200 bg-amber-50 text-amber-950',
  unhealthy: 'border-red-200 bg-red-50 text-red-900',
}

export function OverallSummary({ state }: { state: CheckState }) {
  return (
    <p data-overall-state={state} className={`rounded-lg border px-4 py-3 font-medium ${tone[state]}`}>
      {text[state]}
    </p>
  )
}
