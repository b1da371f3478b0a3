import type { HealthCheckView } from '../../lib/health'
import { messages } from '../../messages'
import { StateBadge } from './StateBadge'

export function CheckList({ checks }: { checks: HealthCheckView[] }) {
  if (checks.length === 0) return <p className="text-slate-600">{messages.status.noChecks}</p>

  return (
    <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      {checks.map((check) => (
        <li
          key={check.name}
          data-check={check.name}
          data-state={check.state}
          className="flex items-start gap-3 px-4 py-4 sm:gap-4 sm:px-5"
        >
          <div className="min-w-0 flex-1">
            <h3 className="font-semibold">{check.label}</h3>
            {check.description && (
              <p className="mt-0.5 text-sm break-words text-slate-500">
                {/* Descriptions come from the server, usually in English: isolate them from the Hebrew around. */}
                <bdi>{check.description}</bdi>
              </p>
            )}
          </div>
          <StateBadge state={check.state} />
        </li>
      ))}
    </ul>
  )
}
