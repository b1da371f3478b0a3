import { useCallback, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader, Phone } from '../../components/PageState'
import { ApiError } from '../../lib/api'
import { formatDate, formatDateTime, formatDuration } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { AuditTimeline } from './AuditTimeline'
import { CollectedFieldList, useLeadFieldDefinitions } from './CollectedFields'
import { formatMs } from './callLogic'
import { directionText, endReasonText, StatusBadge } from './CallLabels'
import type { LeadFieldDefinition } from './leadFields'
import { TranscriptPlayer } from './TranscriptPlayer'
import type { CallDetails, CallMetrics, CallView, LatencyFigures } from './types'
import { useLiveCalls } from './useLiveCalls'

const t = messages.calls

/** `/calls/:id`: one call — details, recording synced to its transcript, collected details, figures and its audit timeline. */
export function CallPage() {
  const { id = '' } = useParams()
  const details = useApiQuery<CallDetails>(`/api/v1/calls/${encodeURIComponent(id)}`)
  const { reload } = details
  // Every live change of the call (a turn or a detail too, which leave its list version as it was) reads the page and
  // its timeline again.
  const [liveRevision, setLiveRevision] = useState(0)
  const refresh = useCallback(() => {
    reload()
    setLiveRevision((r) => r + 1)
  }, [reload])
  const onCall = useCallback((call: CallView) => {
    if (call.id === id) refresh()
  }, [id, refresh])
  useLiveCalls(onCall, refresh)
  const fieldDefinitions = useLeadFieldDefinitions()

  if (details.status === 'loading') return <Loading />
  if (details.status === 'error' && !details.data) {
    if (details.error instanceof ApiError && details.error.status === 404) {
      return (
        <div>
          <PageHeader title={t.notFoundTitle} />
          <EmptyState title={t.notFoundTitle} body={details.error.message} action={<BackLink />} />
        </div>
      )
    }
    return (
      <div>
        <PageHeader title={t.title} />
        <ErrorState error={details.error} onRetry={details.reload} />
      </div>
    )
  }
  const data = details.data!
  const call = data.call
  const party = call.leadName ?? (call.direction === 'inbound' ? call.from : call.to) ?? t.unknownCaller
  return (
    <div>
      <BackLink />
      <PageHeader
        title={t.callTitle(party)}
        actions={
          <>
            <StatusBadge status={call.status} live={call.isLive} />
            {call.isLive && <HangUpButton callId={call.id} onDone={details.reload} />}
          </>
        }
      />
      {details.status === 'error' && <ErrorState error={details.error} onRetry={details.reload} />}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <TranscriptPlayer turns={data.transcript} recordingUrl={data.recording ? `/api/v1/calls/${call.id}/recording` : null} />
        </div>
        <div className="space-y-4">
          <CallFacts details={data} />
          <CollectedFields fields={data.collectedFields} definitions={fieldDefinitions} />
          <Metrics metrics={data.mediaEnd?.metrics ?? null} />
        </div>
      </div>
      <div className="mt-4">
        <AuditTimeline callId={call.id} revision={`${call.version}.${liveRevision}`} fieldDefinitions={fieldDefinitions} />
      </div>
    </div>
  )
}

function BackLink() {
  return (
    <Link to="/calls" className="mb-2 inline-block text-sm text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700">
      {t.back}
    </Link>
  )
}

function HangUpButton({ callId, onDone }: { callId: string; onDone: () => void }) {
  const { session, client } = useAuth()
  const dialog = useRef<HTMLDialogElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const role = session.kind === 'signed-in' ? session.user.role : null
  if (role !== 'owner' && role !== 'admin' && role !== 'system_admin') return null

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await client.post(`/api/v1/calls/${callId}/hang-up`)
      dialog.current?.close()
      onDone()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button variant="danger" onClick={() => dialog.current?.showModal()}>
        {t.hangUp}
      </Button>
      <dialog ref={dialog} aria-labelledby="hang-up-title" className="m-auto max-w-sm rounded-xl p-5 backdrop:bg-slate-900/40">
        <h2 id="hang-up-title" className="text-lg font-semibold">
          {t.hangUpTitle}
        </h2>
        <p className="mt-2 text-slate-700">{t.hangUpBody}</p>
        {error && (
          <p role="alert" className="mt-2 text-red-800">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => dialog.current?.close()} disabled={busy}>
            {messages.common.cancel}
          </Button>
          <Button variant="danger" onClick={confirm} disabled={busy}>
            {busy ? t.hangingUp : t.hangUpConfirm}
          </Button>
        </div>
      </dialog>
    </>
  )
}

function CallFacts({ details }: { details: CallDetails }) {
  const timeZone = useTimeZone()
  const call = details.call
  const rows: [string, React.ReactNode][] = [
    [t.direction, directionText(call.direction)],
    [t.lead, call.leadName ? <bdi>{call.leadName}</bdi> : messages.common.none],
    [t.from, <Phone value={call.from} />],
    [t.to, <Phone value={call.to} />],
    [t.startedAt, formatDateTime(call.startedAt, timeZone)],
    [t.answeredAt, call.answeredAt ? formatDateTime(call.answeredAt, timeZone) : messages.common.none],
    [t.endedAt, call.endedAt ? formatDateTime(call.endedAt, timeZone) : messages.common.none],
    [t.duration, call.durationSeconds != null ? formatDuration(call.durationSeconds) : messages.common.none],
    [call.rejectionReason ? t.rejectionReason : t.endReason, call.isLive ? messages.common.none : endReasonText(call.endReason, call.rejectionReason)],
  ]
  if (details.mediaEnd) rows.push([t.mediaEndReason, endReasonText(details.mediaEnd.reason)])
  if (details.promptVersion != null) rows.push([t.promptVersion, details.promptVersion === 0 ? t.defaultPrompt : String(details.promptVersion)])
  if (details.recording) rows.push([t.recording, t.recordingKeptUntil(formatDate(details.recording.expiresAt, timeZone))])
  return (
    <section aria-labelledby="facts-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="facts-heading" className="mb-2 text-lg font-semibold">
        {t.details}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="tabular-nums" data-fact={label}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {details.summary?.text && (
        <div className="mt-3 border-t border-slate-100 pt-3 text-sm">
          <h3 className="font-semibold">{t.summary}</h3>
          <p dir="auto">{details.summary.text}</p>
          {details.summary.nextActionText && (
            <p className="mt-1">
              <span className="font-semibold">{t.nextAction}: </span>
              <span dir="auto">{details.summary.nextActionText}</span>
            </p>
          )}
        </div>
      )}
    </section>
  )
}

function CollectedFields({ fields, definitions }: { fields: Record<string, string>; definitions: LeadFieldDefinition[] | null }) {
  return (
    <section aria-labelledby="fields-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="fields-heading" className="mb-2 text-lg font-semibold">
        {t.collectedFields}
      </h2>
      {Object.keys(fields).length === 0 ? (
        <p className="text-sm text-slate-600">{t.noCollectedFields}</p>
      ) : (
        <CollectedFieldList fields={fields} definitions={definitions} />
      )}
    </section>
  )
}

function Metrics({ metrics }: { metrics: CallMetrics | null }) {
  const rows: [string, LatencyFigures | null | undefined][] = metrics
    ? [
        [t.responseLatency, metrics.responseLatencyMs],
        [t.twilioToAi, metrics.addedLatencyMs?.twilioToAi],
        [t.aiToTwilio, metrics.addedLatencyMs?.aiToTwilio],
        [t.bargeInReaction, metrics.bargeInReactionMs],
      ]
    : []
  const shown = rows.filter((r): r is [string, LatencyFigures] => Boolean(r[1]))
  return (
    <section aria-labelledby="metrics-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="metrics-heading" className="mb-2 text-lg font-semibold">
        {t.metrics}
      </h2>
      {!metrics ? (
        <p className="text-sm text-slate-600">{t.noMetrics}</p>
      ) : (
        <>
          {shown.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 text-start font-medium">{t.metric}</th>
                    <th scope="col" className="py-1 text-start font-medium">{t.median}</th>
                    <th scope="col" className="py-1 text-start font-medium">{t.p99}</th>
                    <th scope="col" className="py-1 text-start font-medium">{t.worst}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map(([label, f]) => (
                    <tr key={label} className="border-t border-slate-100">
                      <th scope="row" className="py-1 text-start font-normal">{label}</th>
                      <td className="py-1 tabular-nums">{t.ms(formatMs(f.p50))}</td>
                      <td className="py-1 tabular-nums">{t.ms(formatMs(f.p99))}</td>
                      <td className="py-1 tabular-nums">{t.ms(formatMs(f.max))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t.bargeIns}</dt>
            <dd className="tabular-nums">{metrics.bargeIns}</dd>
            <dt className="text-slate-600">{t.framesDropped}</dt>
            <dd className="tabular-nums">{metrics.framesDropped}</dd>
            <dt className="text-slate-600">{t.aiReconnects}</dt>
            <dd className="tabular-nums">{metrics.aiReconnects}</dd>
          </dl>
        </>
      )}
    </section>
  )
}
