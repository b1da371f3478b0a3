import { messages } from '../../messages'
import type { CallStatus } from './types'

const t = messages.calls

const statusTone: Record<CallStatus, string> = {
  queued: 'bg-slate-100 text-slate-800',
  initiated: 'bg-sky-100 text-sky-900',
  ringing: 'bg-amber-100 text-amber-900',
  in_progress: 'bg-green-100 text-green-900',
  completed: 'bg-slate-100 text-slate-800',
  busy: 'bg-orange-100 text-orange-900',
  no_answer: 'bg-orange-100 text-orange-900',
  failed: 'bg-red-100 text-red-900',
  canceled: 'bg-slate-100 text-slate-700',
  rejected: 'bg-red-100 text-red-900',
}

/** A call's status as a coloured badge; a live call's badge pulses. */
export function StatusBadge({ status, live = false }: { status: CallStatus; live?: boolean }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${statusTone[status]}`}
    >
      {live && <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-green-600" />}
      {t.statuses[status] ?? status}
    </span>
  )
}

/** Why a call ended, or was refused, in Hebrew. */
export function endReasonText(endReason: string | null, rejectionReason: string | null = null): string {
  if (rejectionReason) return t.rejectionReasons[rejectionReason] ?? rejectionReason
  if (endReason) return t.endReasons[endReason] ?? endReason
  return messages.common.none
}

export function directionText(direction: string): string {
  return t.directions[direction] ?? direction
}

/** The live indicator: a green dot while the stream is open. */
export function LiveIndicator({ state }: { state: 'connecting' | 'live' | 'offline' }) {
  const label = state === 'live' ? t.live : state === 'connecting' ? t.liveConnecting : t.liveOffline
  return (
    <span
      role="status"
      aria-label={`${t.liveLabel}: ${label}`}
      data-live={state}
      className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm font-semibold ${
        state === 'live' ? 'border-green-300 bg-green-50 text-green-900' : 'border-slate-300 bg-slate-50 text-slate-700'
      }`}
    >
      <span
        aria-hidden="true"
        className={`size-2.5 rounded-full ${state === 'live' ? 'animate-pulse bg-green-600' : state === 'connecting' ? 'bg-amber-500' : 'bg-slate-400'}`}
      />
      {label}
    </span>
  )
}
