import { messages } from '../../messages'
import { shareOfMax } from './chart'

/** Leads per status in the business's order: a labelled list of bars, readable as text by screen readers. */
export function FunnelChart({ steps }: { steps: { status: string; label: string; color: string; count: number }[] }) {
  const counts = steps.map((s) => s.count)
  return (
    <ol aria-label={messages.overview.funnelChart} className="space-y-2" data-testid="funnel">
      {steps.map((step) => (
        <li key={step.status} aria-label={messages.overview.funnelRow(step.label, step.count)}>
          <div className="flex items-baseline justify-between gap-2 text-sm">
            <span className="truncate">{step.label}</span>
            <span className="font-semibold tabular-nums">{step.count}</span>
          </div>
          <div className="mt-1 h-2.5 rounded-full bg-slate-100" aria-hidden="true">
            <div
              className="h-2.5 rounded-full"
              style={{ width: `${shareOfMax(step.count, counts)}%`, backgroundColor: step.color }}
            />
          </div>
        </li>
      ))}
    </ol>
  )
}
