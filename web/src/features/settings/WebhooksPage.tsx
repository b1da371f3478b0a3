import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { formatDateTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { errorFor, isHttpsUrl } from './forms'
import { SecretOnce } from './SecretOnce'
import { ConfirmDialog } from '../../components/Dialog'
import { Badge, Panel, SaveFeedback } from './ui'
import { useAction } from './useAction'

const t = messages.settings.webhooks
export const eventTypes = [
  'lead.created',
  'lead.updated',
  'lead.deleted',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'call.completed',
] as const

interface Endpoint {
  id: string
  url: string
  description: string | null
  eventTypes: string[]
  enabled: boolean
  secretHint: string
}

export interface Delivery {
  id: string
  eventType: string
  status: string
  attemptCount: number
  createdAt: string
  lastAttemptAt: string | null
  attempts?: { statusCode: number | null; error: string | null }[]
}

const statusTone: Record<string, 'green' | 'red' | 'amber' | 'slate'> = { succeeded: 'green', failed: 'amber', dead: 'red', pending: 'slate' }

export default function WebhooksPage() {
  const list = useApiQuery<{ items: Endpoint[] }>('/api/v1/webhooks?limit=100')
  const { client } = useAuth()
  const { state, run, fail } = useAction()
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [events, setEvents] = useState<string[]>(['lead.created'])
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<Endpoint | null>(null)
  // The last test message sent, shown and followed in its endpoint's delivery log.
  const { state: testing, run: runTestAction } = useAction()
  const [tested, setTested] = useState<{ endpointId: string; deliveryId: string } | null>(null)
  const [testedRow, setTestedRow] = useState<string | null>(null)
  const runTest = <T,>(action: () => Promise<T>, saved: string) => {
    setTested(null)
    return runTestAction(action, saved)
  }

  async function create(event: FormEvent) {
    event.preventDefault()
    const problems: Record<string, string> = {}
    if (!isHttpsUrl(url)) problems.url = t.urlInvalid
    if (events.length === 0) problems.eventtypes = t.eventsRequired
    if (Object.keys(problems).length > 0) return fail(problems)
    const created = await run(
      () => client.post<{ secret: string }>('/api/v1/webhooks', { body: { url: url.trim(), description: description.trim() || null, eventTypes: events } }),
      t.created,
    )
    if (created) {
      setSecret({ label: t.secretTitle, value: created.secret })
      setUrl('')
      setDescription('')
      list.reload()
    }
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        {secret && <SecretOnce label={secret.label} value={secret.value} onDone={() => setSecret(null)} />}
        <Panel title={t.addTitle}>
          <form onSubmit={create} noValidate className="space-y-4">
            <TextField id="webhook-url" label={t.url} dir="ltr" value={url} onChange={(e) => setUrl(e.target.value)} error={errorFor(state.fieldErrors, 'url')} />
            <TextField id="webhook-description" label={t.description} value={description} onChange={(e) => setDescription(e.target.value)} />
            <fieldset aria-describedby={errorFor(state.fieldErrors, 'eventTypes') ? 'webhook-events-error' : undefined}>
              <legend className="text-sm font-medium">{t.events}</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {eventTypes.map((type) => (
                  <label key={type} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={events.includes(type)}
                      onChange={(e) => setEvents(e.target.checked ? [...events, type] : events.filter((x) => x !== type))}
                    />
                    {t.eventNames[type]} <bdi className="text-xs text-slate-500">{type}</bdi>
                  </label>
                ))}
              </div>
              {errorFor(state.fieldErrors, 'eventTypes') && (
                <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
                  {errorFor(state.fieldErrors, 'eventTypes')}
                </p>
              )}
            </fieldset>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" variant="primary" disabled={state.busy}>
                {t.create}
              </Button>
              <SaveFeedback error={state.error} saved={state.saved} />
            </div>
          </form>
        </Panel>
        <Panel title={t.listTitle}>
          {list.status === 'loading' && <Loading />}
          {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
          {list.data && list.data.items.length === 0 && <EmptyState title={t.empty} body={t.emptyBody} />}
          {list.data && list.data.items.length > 0 && (
            <ul className="space-y-3">
              {list.data.items.map((endpoint) => (
                <li key={endpoint.id} className="rounded-lg border border-slate-200 p-3">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-semibold break-all">
                        <bdi dir="ltr">{endpoint.url}</bdi>
                      </p>
                      {endpoint.description && <p className="text-sm">{endpoint.description}</p>}
                      <p className="text-xs text-slate-600">
                        {endpoint.eventTypes.map((e) => t.eventNames[e as (typeof eventTypes)[number]] ?? e).join(', ')} ·{' '}
                        {t.secretHint}: <bdi dir="ltr">{endpoint.secretHint}</bdi>
                      </p>
                      {!endpoint.enabled && <Badge>{t.disabled}</Badge>}
                    </div>
                    <div className="flex flex-wrap gap-1">
                      <Button
                        variant="ghost"
                        disabled={!endpoint.enabled || testing.busy}
                        aria-label={t.testOf(endpoint.url)}
                        title={endpoint.enabled ? undefined : t.testDisabled}
                        onClick={async () => {
                          setTestedRow(endpoint.id)
                          const delivery = await runTest(
                            () => client.post<Delivery>(`/api/v1/webhooks/${endpoint.id}/test`),
                            t.testSent,
                          )
                          if (delivery) {
                            setTested({ endpointId: endpoint.id, deliveryId: delivery.id })
                            setOpen(endpoint.id)
                          }
                        }}
                      >
                        {t.test}
                      </Button>
                      <Button variant="ghost" aria-expanded={open === endpoint.id} onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}>
                        {t.deliveries}
                      </Button>
                      <Button
                        variant="ghost"
                        onClick={async () => {
                          const rotated = await run(() => client.post<{ secret: string }>(`/api/v1/webhooks/${endpoint.id}/rotate-secret`), t.rotated)
                          if (rotated) {
                            setSecret({ label: t.secretTitle, value: rotated.secret })
                            list.reload()
                          }
                        }}
                      >
                        {t.rotate}
                      </Button>
                      <Button variant="ghost" className="text-red-700" onClick={() => setDeleting(endpoint)}>
                        {messages.common.delete}
                      </Button>
                    </div>
                  </div>
                  {testedRow === endpoint.id && <SaveFeedback error={testing.error} saved={testing.saved} />}
                  {open === endpoint.id && (
                    <DeliveryLog endpointId={endpoint.id} highlight={tested?.endpointId === endpoint.id ? tested.deliveryId : null} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t.confirmDelete}
        body={deleting && <bdi dir="ltr">{deleting.url}</bdi>}
        confirmLabel={messages.common.delete}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          const endpoint = deleting!
          setDeleting(null)
          await run(() => client.delete(`/api/v1/webhooks/${endpoint.id}`), t.deleted)
          list.reload()
        }}
      />
    </>
  )
}

/** The endpoint's answer to a delivery's last attempt, shortly: its HTTP status, or why no answer came. */
export function lastAnswer(delivery: Delivery): string {
  const last = delivery.attempts?.[delivery.attempts.length - 1]
  if (!last) return t.noAttempt
  if (last.statusCode !== null && last.statusCode !== undefined) return `HTTP ${last.statusCode}`
  return last.error ?? t.noAnswer
}

/** How often, and how many times, the log is read again while a test message is still on its way. */
const followEveryMs = 2000
const followTimes = 15

function DeliveryLog({ endpointId, highlight }: { endpointId: string; highlight: string | null }) {
  const log = useApiQuery<{ items: Delivery[] }>(`/api/v1/webhooks/${endpointId}/deliveries?limit=25`)
  const { client } = useAuth()
  const { state, run } = useAction()
  const zone = useTimeZone()
  const follows = useRef(0)
  const highlighted = log.data?.items.find((d) => d.id === highlight)
  const waiting = highlight !== null && (!highlighted || highlighted.status === 'pending')

  // A test message is sent at once: read the log again until its first attempt is in (or a while has passed).
  useEffect(() => {
    follows.current = 0
  }, [highlight])
  useEffect(() => {
    if (!waiting || log.status === 'loading' || follows.current >= followTimes) return
    const timer = setTimeout(() => {
      follows.current += 1
      log.reload()
    }, followEveryMs)
    return () => clearTimeout(timer)
  }, [waiting, log.data, log.status, log.reload])

  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">{t.deliveries}</h3>
        <Button variant="ghost" onClick={log.reload} aria-label={t.refreshLog}>
          {t.refresh}
        </Button>
      </div>
      <SaveFeedback error={state.error} saved={state.saved} />
      {log.status === 'loading' && <Loading />}
      {log.status === 'error' && <ErrorState error={log.error} onRetry={log.reload} />}
      {log.data && log.data.items.length === 0 && <EmptyState title={t.noDeliveries} />}
      {log.data && log.data.items.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm">
            <thead>
              <tr className="text-start text-slate-600">
                <th className="py-1 text-start font-medium">{t.when}</th>
                <th className="py-1 text-start font-medium">{t.event}</th>
                <th className="py-1 text-start font-medium">{t.status}</th>
                <th className="py-1 text-start font-medium">{t.attempts}</th>
                <th className="py-1 text-start font-medium">{t.lastAnswer}</th>
                <th className="py-1">
                  <span className="sr-only">{t.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((d) => (
                <tr
                  key={d.id}
                  data-delivery={d.id}
                  data-status={d.status}
                  className={`border-t border-slate-100 ${d.id === highlight ? 'bg-blue-50' : ''}`}
                >
                  <td className="py-1.5 ps-1">{formatDateTime(d.createdAt, zone)}</td>
                  <td>
                    {t.eventNames[d.eventType as keyof typeof t.eventNames] ?? <bdi>{d.eventType}</bdi>}{' '}
                    {d.id === highlight && <Badge tone="blue">{t.justSent}</Badge>}
                  </td>
                  <td>
                    <Badge tone={statusTone[d.status] ?? 'slate'}>{t.statuses[d.status as keyof typeof t.statuses] ?? d.status}</Badge>
                  </td>
                  <td>{d.attemptCount}</td>
                  <td className="max-w-48 truncate" title={lastAnswer(d)}>
                    <bdi>{lastAnswer(d)}</bdi>
                  </td>
                  <td className="text-end">
                    <Button
                      variant="ghost"
                      disabled={state.busy}
                      onClick={async () => {
                        await run(() => client.post(`/api/v1/webhooks/${endpointId}/deliveries/${d.id}/resend`), t.resent)
                        log.reload()
                      }}
                    >
                      {t.resend}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
