import { useCallback, useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/PageState'
import { formatDuration } from '../../lib/datetime'
import { useApiQuery } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { LeadSearch, type LeadOption } from '../appointments/LeadSearch'
import { CallStatusBadge } from '../overview/OverviewPage'
import { useLiveCalls } from '../calls/useLiveCalls'
import { addLead, applyCallUpdate, isFull, removeLead, stillRunning, type WatchedCall } from './selection'
import { OutboundStarter } from './start'
import { DeactivateDialog, setActive, TemplateDialog, type OutboundTemplate } from './TemplatesPanel'

interface ActiveCount {
  outbound: number
  maxOutboundCalls: number
  outboundAvailable: number
}


function Section({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

/** Calls one to three leads with a template, then follows the calls until they end. */
export function OutboundPage() {
  const t = messages.outbound
  const { client, session } = useAuth()
  const canManage = session.kind === 'signed-in' && session.user.role !== 'agent'
  const templates = useApiQuery<{ items: OutboundTemplate[] }>('/api/v1/outbound/templates?includeInactive=true&limit=100')
  const lines = useApiQuery<ActiveCount>('/api/v1/calls/active/count')
  const [selection, setSelection] = useState<LeadOption[]>([])
  const [templateId, setTemplateId] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const [watched, setWatched] = useState<WatchedCall[]>([])
  const [editing, setEditing] = useState<OutboundTemplate | 'new' | null>(null)
  const [deactivating, setDeactivating] = useState<OutboundTemplate | null>(null)
  const alertRef = useRef<HTMLDivElement>(null)
  const starter = useRef(new OutboundStarter()).current

  const active = (templates.data?.items ?? []).filter((tpl) => tpl.active)
  const chosenTemplate = active.find((tpl) => tpl.id === templateId) ?? null

  // The lines in use: again on every call change the live feed brings, and every half minute in case it is down.
  const reloadLines = lines.reload
  useEffect(() => {
    const timer = setInterval(reloadLines, 30_000)
    return () => clearInterval(timer)
  }, [reloadLines])

  // The started calls follow the business's live feed of call changes; after a reconnect (changes may have been
  // missed) each call still running is read once again.
  const watchedNow = useRef(watched)
  watchedNow.current = watched
  const rereadWatched = useCallback(async () => {
    const calls = watchedNow.current.filter((c) => c.callId && c.isLive !== false)
    for (const call of calls) {
      try {
        const details = await client.get<{ call: { id: string; status: string; isLive: boolean; durationSeconds: number | null } }>(
          `/api/v1/calls/${call.callId}`,
        )
        setWatched((current) => applyCallUpdate(current, details.call))
      } catch {
        // The next change or reconnect brings it.
      }
    }
    reloadLines()
  }, [client, reloadLines])
  const live = useLiveCalls(
    (call) => {
      setWatched((current) => applyCallUpdate(current, call))
      if (call.direction === 'outbound') reloadLines()
    },
    () => void rereadWatched(),
  )
  const running = stillRunning(watched)

  async function start() {
    setProblem(null)
    if (selection.length === 0) return setProblem(t.needLeads)
    if (!chosenTemplate) return setProblem(t.needTemplate)
    setStarting(true)
    try {
      const started = await starter.start(client, { leadIds: selection.map((l) => l.id), templateId: chosenTemplate.id })
      const startedCalls = started.calls.map((c) => ({ callId: c.callId, leadId: c.leadId, leadName: c.leadName, status: c.status, error: c.error }))
      setWatched(startedCalls)
      // A change that came over the feed before these calls were known is read now.
      watchedNow.current = startedCalls
      void rereadWatched()
      setSelection([])
      lines.reload()
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
      setTimeout(() => alertRef.current?.focus(), 0)
    } finally {
      setStarting(false)
    }
  }

  async function activate(template: OutboundTemplate) {
    try {
      await setActive(client, template, true)
      templates.reload()
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
    }
  }

  const full = isFull(selection)
  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <p className="mb-4 inline-flex flex-wrap items-center gap-2 rounded-full bg-slate-100 px-3 py-1 text-sm" data-testid="lines" aria-live="polite">
        {lines.data ? (
          <>
            <span className="font-semibold tabular-nums">{t.linesInUse(lines.data.outbound, lines.data.maxOutboundCalls)}</span>
            <span className="text-slate-600">· {t.linesFree(lines.data.outboundAvailable)}</span>
          </>
        ) : (
          messages.common.loading
        )}
      </p>

      {problem && (
        <div ref={alertRef} tabIndex={-1} className="mb-4 focus:outline-none" data-testid="outbound-problem">
          <p role="alert" className="rounded-lg border-2 border-red-300 bg-red-50 px-4 py-3 text-base font-semibold text-red-900">
            {problem}
          </p>
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t.step1} id="step-leads">
          <div className="mb-3" data-testid="selected-leads">
            <p className="mb-2 text-sm font-medium">{t.selected(selection.length)}</p>
            {selection.length === 0 ? (
              <p className="text-sm text-slate-600">{t.noneSelected}</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {selection.map((lead) => {
                  const name = lead.name ?? messages.appointments.noLeadName
                  return (
                    <li key={lead.id} className="inline-flex items-center gap-1 rounded-full bg-blue-50 py-1 ps-3 pe-1 text-sm text-blue-900">
                      <bdi>{name}</bdi>
                      <button
                        type="button"
                        aria-label={t.remove(name)}
                        onClick={() => setSelection((s) => removeLead(s, lead.id))}
                        className="rounded-full px-2 leading-none hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-blue-700"
                      >
                        ×
                      </button>
                    </li>
                  )
                })}
              </ul>
            )}
            {full && (
              <p className="mt-2 text-sm text-amber-800" id="limit-hint" data-testid="limit-hint">
                {t.limitHint}
              </p>
            )}
          </div>
          <LeadSearch
            label={t.leadSearch}
            renderAction={(lead) => {
              const name = lead.name ?? messages.appointments.noLeadName
              const chosen = selection.some((l) => l.id === lead.id)
              if (!lead.phone) return <span className="text-xs text-slate-500">{t.noPhone}</span>
              return (
                <Button
                  aria-label={t.addLead(name)}
                  aria-describedby={full ? 'limit-hint' : undefined}
                  disabled={chosen || full}
                  onClick={() => setSelection((s) => addLead(s, lead))}
                >
                  {t.add}
                </Button>
              )
            }}
          />
        </Section>

        <Section title={t.step2} id="step-template">
          {templates.status === 'loading' && <Loading />}
          {templates.status === 'error' && !templates.data && <ErrorState error={templates.error} onRetry={templates.reload} />}
          {templates.data && (
            <>
              {active.length === 0 ? (
                <EmptyState
                  title={canManage ? t.noTemplates : t.noTemplatesAgent}
                  action={canManage ? <Button variant="primary" onClick={() => setEditing('new')}>{t.templates.create}</Button> : undefined}
                />
              ) : (
                <fieldset>
                  <legend className="mb-2 text-sm font-medium">{t.templatesLegend}</legend>
                  <div className="space-y-2">
                    {active.map((tpl) => (
                      <label
                        key={tpl.id}
                        className={`flex cursor-pointer gap-3 rounded-lg border p-3 has-focus-visible:outline-2 has-focus-visible:outline-blue-700 ${templateId === tpl.id ? 'border-blue-600 bg-blue-50' : 'border-slate-200'}`}
                      >
                        <input type="radio" name="template" value={tpl.id} checked={templateId === tpl.id} onChange={() => setTemplateId(tpl.id)} className="mt-1" />
                        <span className="min-w-0">
                          <span className="block font-semibold">{tpl.name}</span>
                          {tpl.description && <span className="block text-sm text-slate-600">{tpl.description}</span>}
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              )}
            </>
          )}
        </Section>
      </div>

      <div className="my-4 flex flex-wrap items-center gap-3">
        <Button variant="primary" className="px-5 py-2.5 text-base" disabled={starting} onClick={start}>
          {starting ? t.starting : t.start(Math.max(1, selection.length))}
        </Button>
        <span className="text-sm text-slate-600">{t.selected(selection.length)}</span>
      </div>

      {watched.length > 0 && (
        <Section title={t.callsHeading} id="started-calls">
          <p className="mb-2 text-sm text-slate-600">{running ? (live === 'live' ? t.watching : t.watchingReconnecting) : ''}</p>
          <ul className="divide-y divide-slate-100" aria-live="polite" data-testid="started-calls">
            {watched.map((call) => (
              <li key={call.leadId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="font-medium">
                    <bdi>{call.leadName ?? messages.appointments.noLeadName}</bdi>
                  </p>
                  {call.error && <p className="text-sm text-red-700">{t.callFailed}: {call.error}</p>}
                  {call.callId && (
                    <Link to={`/calls/${call.callId}`} className="text-sm text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700">
                      {t.openCall}
                    </Link>
                  )}
                </div>
                <div className="flex items-center gap-2">
                  {call.durationSeconds ? <span className="text-sm tabular-nums">{formatDuration(call.durationSeconds)}</span> : null}
                  <CallStatusBadge status={call.status} live={call.callId !== null && call.isLive !== false && call.status !== 'failed'} />
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {canManage && templates.data && (
        <div className="mt-4">
          <Section title={t.templates.heading} id="templates">
            <div className="mb-3">
              <Button onClick={() => setEditing('new')}>{t.templates.create}</Button>
            </div>
            {templates.data.items.length === 0 ? (
              <p className="text-sm text-slate-600">{t.templates.none}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="templates">
                {templates.data.items.map((tpl) => (
                  <li key={tpl.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <div className="min-w-0">
                      <p className="font-medium">{tpl.name}</p>
                      <p className="text-xs text-slate-600">{tpl.active ? t.templates.active : t.templates.inactive}</p>
                    </div>
                    <div className="flex gap-2">
                      <Button variant="ghost" onClick={() => setEditing(tpl)} aria-label={`${t.templates.edit} ${tpl.name}`}>
                        {t.templates.edit}
                      </Button>
                      {tpl.active ? (
                        <Button variant="ghost" onClick={() => setDeactivating(tpl)} aria-label={`${t.templates.deactivate} ${tpl.name}`}>
                          {t.templates.deactivate}
                        </Button>
                      ) : (
                        <Button variant="ghost" onClick={() => activate(tpl)} aria-label={`${t.templates.activate} ${tpl.name}`}>
                          {t.templates.activate}
                        </Button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      )}

      {editing && (
        <TemplateDialog
          template={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            templates.reload()
          }}
        />
      )}
      {deactivating && (
        <DeactivateDialog
          template={deactivating}
          onClose={() => setDeactivating(null)}
          onDone={() => {
            setDeactivating(null)
            if (templateId === deactivating.id) setTemplateId(null)
            templates.reload()
          }}
        />
      )}
    </>
  )
}
