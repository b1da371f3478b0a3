import { textOn } from './board'
import type { LeadStatus } from './types'

/** A lead's status as a pill in the business's colour for it. */
export function StatusPill({ status }: { status: LeadStatus }) {
  return (
    <span
      data-status={status.key}
      className="inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold"
      style={{ backgroundColor: status.color, color: textOn(status.color) }}
    >
      {status.label}
    </span>
  )
}
