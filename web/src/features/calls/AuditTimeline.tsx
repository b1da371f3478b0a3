import { useState } from 'react'
import { ErrorState, Loading, Phone } from '../../components/PageState'
import { formatDateTime, formatTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { actorText, eventDetailText, eventTypeText } from './auditText'
import { directionText, endReasonText, StatusBadge } from './CallLabels'
import { CollectedFieldList } from './CollectedFields'
import type { LeadFieldDefinition } from './leadFields'
import type { CallAuditTrail, CallState } from './types'

const t = messages.calls

/**
 * The call's events, oldest first, each a button: choosing one shows the call as it stood right after it, as the Api
 * replays it from the call's stream. A new `revision` (the page's count of the call's live changes) reads the trail again,
 * so it follows a live call.
 */
export function AuditTimeline({
  callId,
  revision,
  fieldDefinitions,
}: {
  callId: string
  revision: string
  /** The business's lead fields, to name collected details by their labels (null: by their keys). */
  fieldDefinitions: LeadFieldDefinition[] | null
}) {
  const timeZone = useTimeZone()
  const trail = useApiQuery<CallAuditTrail>(`/api/v1/calls/${callId}/events?v=${encodeURIComponent(revision)}`)
  const [selected, setSelected] = useState<number | null>(null)

  return (
    <section aria-labelledby="timeline-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        {t.timeline}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t.timelineHint}</p>
      {trail.status === 'loading' && <Loading />}
      {trail.status === 'error' && <ErrorState error={trail.error} onRetry={trail.reload} />}
      {trail.data && trail.data.events.length === 0 && <p className="mt-2 text-slate-600">{t.timelineEmpty}</p>}
      {trail.data && trail.data.events.length > 0 && (
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <ol className="space-y-1" data-testid="timeline">
            {trail.data.events.map((event) => {
              const detail = eventDetailText(event, fieldDefinitions)
              const chosen = selected === event.version
              return (
                <li key={event.version}>
                  <button
                    type="button"
                    data-version={event.version}
                    aria-pressed={chosen}
                    onClick={() => setSelected(chosen ? null : event.version)}
                    className={`w-full rounded-lg border px-3 py-2 text-start focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700 ${
                      chosen ? 'border-blue-600 bg-blue-50' : 'border-slate-200 hover:bg-slate-50'
                    }`}
                  >
                    <span className="flex flex-wrap items-baseline justify-between gap-x-3">
                      <span className="font-semibold">
                        <span className="me-2 text-xs text-slate-500 tabular-nums">{event.version}.</span>
                        {eventTypeText(event.type)}
                      </span>
                      <time dateTime={event.at} className="text-xs text-slate-600 tabular-nums" title={formatDateTime(event.at, timeZone)}>
                        {formatTime(event.at, timeZone)}:{String(new Date(event.at).getSeconds()).padStart(2, '0')}
                      </time>
                    </span>
                    {detail && (
                      <span dir="auto" className="block truncate text-sm text-slate-700">
                        {detail}
                      </span>
                    )}
                    <span className="block text-xs text-slate-600">
                      {t.causedBy} <bdi>{actorText(event.actor)}</bdi>
                    </span>
                  </button>
                </li>
              )
            })}
          </ol>
          <div>{selected !== null && <StateAsOf callId={callId} version={selected} fieldDefinitions={fieldDefinitions} onClose={() => setSelected(null)} />}</div>
        </div>
      )}
    </section>
  )
}

function StateAsOf({
  callId,
  version,
  fieldDefinitions,
  onClose,
}: {
  callId: string
  version: number
  fieldDefinitions: LeadFieldDefinition[] | null
  onClose: () => void
}) {
  const timeZone = useTimeZone()
  const state = useApiQuery<CallState>(`/api/v1/calls/${callId}/state?version=${version}`)
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={state.reload} />
  const s = state.data
  return (
    <div data-testid="call-state" data-version={s.version} className="rounded-lg border border-blue-200 bg-blue-50/40 p-3 lg:sticky lg:top-4">
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold" aria-live="polite">
          {t.stateAsOf(s.version, s.latestVersion)}
        </h3>
        <button
          type="button"
          onClick={onClose}
          className="rounded px-2 text-sm text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          {t.closeState}
        </button>
      </div>
      {s.version === s.latestVersion && <p className="text-sm text-slate-600">{t.stateLatest}</p>}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t.status}</dt>
        <dd data-testid="state-status">
          <StatusBadge status={s.status} live={s.isLive} />
        </dd>
        <dt className="text-slate-600">{t.direction}</dt>
        <dd>{directionText(s.direction)}</dd>
        <dt className="text-slate-600">{t.lead}</dt>
        <dd>{s.leadName ? <bdi>{s.leadName}</bdi> : messages.common.none}</dd>
        <dt className="text-slate-600">{t.from}</dt>
        <dd>
          <Phone value={s.from} />
        </dd>
        <dt className="text-slate-600">{t.startedAt}</dt>
        <dd className="tabular-nums">{formatDateTime(s.startedAt, timeZone)}</dd>
        <dt className="text-slate-600">{t.endedAt}</dt>
        <dd className="tabular-nums">{s.endedAt ? formatDateTime(s.endedAt, timeZone) : messages.common.none}</dd>
        <dt className="text-slate-600">{t.endReason}</dt>
        <dd data-testid="state-end-reason">{s.isLive ? messages.common.none : endReasonText(s.endReason, s.rejectionReason)}</dd>
      </dl>
      <h4 className="mt-3 text-sm font-semibold">{t.fieldsSoFar}</h4>
      {Object.keys(s.collectedFields).length === 0 ? (
        <p className="text-sm text-slate-600">{t.noCollectedFields}</p>
      ) : (
        <CollectedFieldList fields={s.collectedFields} definitions={fieldDefinitions} className="grid grid-cols-[auto_1fr] gap-x-3 text-sm" />
      )}
      <h4 className="mt-3 text-sm font-semibold">{t.transcriptSoFar}</h4>
      {s.transcript.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="state-transcript-count" data-count={0}>
          {t.transcriptEmpty}
        </p>
      ) : (
        <ol className="space-y-1 text-sm" data-testid="state-transcript-count" data-count={s.transcript.length}>
          {s.transcript.map((turn, i) => (
            <li key={i}>
              <span className="font-semibold">{turn.speaker === 'caller' ? t.caller : t.assistant}: </span>
              <span dir="auto">{turn.text}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
