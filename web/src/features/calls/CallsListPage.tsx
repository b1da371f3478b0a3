import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader, Phone } from '../../components/PageState'
import { useAuth } from '../auth/AuthProvider'
import { formatDateTime, formatDuration } from '../../lib/datetime'
import { useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { applyLiveCall, filtersFromSearch, hasFilters, listPath, searchFromFilters, type CallFilters } from './callLogic'
import { directionText, endReasonText, LiveIndicator, StatusBadge } from './CallLabels'
import { DateFilterField } from './DateFilterField'
import { parseDay, readDateRange, showDay } from './dateRange'
import { callStatuses, type CallPage, type CallView } from './types'
import { useLiveCalls } from './useLiveCalls'

const t = messages.calls

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; items: CallView[]; next: string | null; loadingMore: boolean; moreError: Error | null }

/** `/calls`: the business's calls, newest first, filtered by the URL's query string, updated live. */
export function CallsListPage() {
  const { client } = useAuth()
  const timeZone = useTimeZone()
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(() => filtersFromSearch(search), [search])
  const filterKey = searchFromFilters(filters).toString()
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)
  const [announcement, setAnnouncement] = useState('')
  const current = useRef({ filters, timeZone })
  current.current = { filters, timeZone }

  useEffect(() => {
    const controller = new AbortController()
    client.get<CallPage>(listPath(filters, timeZone), { signal: controller.signal }).then(
      (page) => setState({ status: 'ready', items: page.items, next: page.next, loadingMore: false, moreError: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) })
      },
    )
    return () => controller.abort()
    // filterKey stands for the filters: a new list is read only when they change.
  }, [client, filterKey, timeZone, generation])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])

  const onCall = useCallback((call: CallView) => {
    setState((s) => {
      if (s.status !== 'ready') return s
      const items = applyLiveCall(s.items, call, current.current.filters, current.current.timeZone, s.next !== null)
      if (items === s.items) return s
      if (!s.items.some((c) => c.id === call.id) && items.some((c) => c.id === call.id)) setAnnouncement(t.newCallAnnounced)
      return { ...s, items }
    })
  }, [])
  const live = useLiveCalls(onCall, reload)

  const loadMore = () => {
    if (state.status !== 'ready' || !state.next) return
    setState({ ...state, loadingMore: true, moreError: null })
    client.get<CallPage>(listPath(filters, timeZone, state.next)).then(
      (page) =>
        setState((s) =>
          s.status === 'ready'
            ? {
                ...s,
                items: [...s.items, ...page.items.filter((c) => !s.items.some((i) => i.id === c.id))],
                next: page.next,
                loadingMore: false,
              }
            : s,
        ),
      (error: unknown) =>
        setState((s) => (s.status === 'ready' ? { ...s, loadingMore: false, moreError: error instanceof Error ? error : new Error(String(error)) } : s)),
    )
  }

  const setFilter = (patch: Partial<CallFilters>) => setSearch(searchFromFilters({ ...filters, ...patch }), { replace: true })

  return (
    <div>
      <PageHeader title={t.title} actions={<LiveIndicator state={live} />}>
        {t.intro}
      </PageHeader>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <Filters filters={filters} onChange={setFilter} onClear={() => setSearch(new URLSearchParams(), { replace: true })} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' &&
        (state.items.length === 0 ? (
          hasFilters(filters) ? (
            <EmptyState
              title={t.emptyFilteredTitle}
              body={t.emptyFilteredBody}
              action={<Button onClick={() => setSearch(new URLSearchParams(), { replace: true })}>{t.clearFilters}</Button>}
            />
          ) : (
            <EmptyState title={t.emptyTitle} body={t.emptyBody} />
          )
        ) : (
          <>
            <CallsTable items={state.items} timeZone={timeZone} />
            {state.moreError && <ErrorState error={state.moreError} onRetry={loadMore} />}
            {state.next && (
              <div className="mt-4 flex justify-center">
                <Button onClick={loadMore} disabled={state.loadingMore}>
                  {state.loadingMore ? messages.common.loading : t.loadMore}
                </Button>
              </div>
            )}
          </>
        ))}
    </div>
  )
}

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700'

function Filters({ filters, onChange, onClear }: { filters: CallFilters; onChange: (patch: Partial<CallFilters>) => void; onClear: () => void }) {
  const [fromText, setFromText] = useState(showDay(filters.from))
  const [toText, setToText] = useState(showDay(filters.to))
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({})
  // Each field follows the URL (cleared filters, back and forward) unless it already shows that day, so a change to one
  // never wipes what is being typed in the other.
  useEffect(() => {
    setFromText((text) => (dayOf(text) === filters.from ? text : showDay(filters.from)))
  }, [filters.from])
  useEffect(() => {
    setToText((text) => (dayOf(text) === filters.to ? text : showDay(filters.to)))
  }, [filters.to])

  const applyDates = (from = fromText, to = toText) => {
    const range = readDateRange(from, to)
    if (!range.ok) {
      setErrors(range.errors)
      return
    }
    setErrors({})
    setFromText(showDay(range.from))
    setToText(showDay(range.to))
    if (range.from !== filters.from || range.to !== filters.to) onChange({ from: range.from, to: range.to })
  }

  const anything = Boolean(filters.direction || filters.status || filters.from || filters.to || fromText || toText)
  return (
    <form
      role="search"
      aria-label={t.filters}
      noValidate
      className="mb-4 grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:grid-cols-5 sm:items-start"
      onSubmit={(e) => {
        e.preventDefault()
        applyDates()
      }}
    >
      <label className="text-sm font-medium">
        {t.direction}
        <select className={fieldClass} value={filters.direction} onChange={(e) => onChange({ direction: e.target.value as CallFilters['direction'] })}>
          <option value="">{t.any}</option>
          <option value="inbound">{t.directions.inbound}</option>
          <option value="outbound">{t.directions.outbound}</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        {t.status}
        <select className={fieldClass} value={filters.status} onChange={(e) => onChange({ status: e.target.value as CallFilters['status'] })}>
          <option value="">{t.any}</option>
          {callStatuses.map((s) => (
            <option key={s} value={s}>
              {t.statuses[s]}
            </option>
          ))}
        </select>
      </label>
      <DateFilterField
        id="calls-from-date"
        label={t.fromDate}
        value={fromText}
        error={errors.from}
        onChange={(text) => {
          setFromText(text)
          if (errors.from) setErrors(({ from: _, ...rest }) => rest)
        }}
        onCommit={() => applyDates()}
        onPick={(text) => {
          setFromText(text)
          applyDates(text, toText)
        }}
      />
      <DateFilterField
        id="calls-to-date"
        label={t.toDate}
        value={toText}
        error={errors.to}
        onChange={(text) => {
          setToText(text)
          if (errors.to) setErrors(({ to: _, ...rest }) => rest)
        }}
        onCommit={() => applyDates()}
        onPick={(text) => {
          setToText(text)
          applyDates(fromText, text)
        }}
      />
      <div className="col-span-2 sm:col-span-1 sm:self-end">
        <Button
          variant="ghost"
          onClick={() => {
            setFromText('')
            setToText('')
            setErrors({})
            onClear()
          }}
          disabled={!anything}
        >
          {t.clearFilters}
        </Button>
      </div>
    </form>
  )
}

/** The day a field's text names (yyyy-MM-dd), '' for an empty field, null for one that is not a day. */
function dayOf(text: string): string | null {
  return text.trim() === '' ? '' : parseDay(text)
}

function who(call: CallView): { label: string; phone: string | null } {
  const phone = call.direction === 'inbound' ? call.from : call.to
  return { label: call.leadName ?? phone ?? t.unknownCaller, phone }
}

function CallsTable({ items, timeZone }: { items: CallView[]; timeZone: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full min-w-[40rem] text-sm">
        <caption className="sr-only">{t.table}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.lead}</th>
            <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.direction}</th>
            <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.status}</th>
            <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.startedAt}</th>
            <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.duration}</th>
            <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.endReason}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((call) => {
            const party = who(call)
            return (
              <tr key={call.id} data-call-id={call.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="px-3 py-2">
                  <Link
                    to={`/calls/${call.id}`}
                    aria-label={t.open(party.label)}
                    className="font-semibold text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
                  >
                    {call.leadName ? <bdi>{call.leadName}</bdi> : party.phone ? <Phone value={party.phone} /> : t.unknownCaller}
                  </Link>
                  {call.leadName && party.phone && (
                    <div className="text-xs text-slate-500">
                      <Phone value={party.phone} />
                    </div>
                  )}
                </td>
                <td className="px-3 py-2">{directionText(call.direction)}</td>
                <td className="px-3 py-2" data-testid="call-status">
                  <StatusBadge status={call.status} live={call.isLive} />
                </td>
                <td className="px-3 py-2 tabular-nums whitespace-nowrap">{formatDateTime(call.startedAt, timeZone)}</td>
                <td className="px-3 py-2 tabular-nums">{call.durationSeconds != null ? formatDuration(call.durationSeconds) : messages.common.none}</td>
                <td className="px-3 py-2">{call.isLive ? messages.common.none : endReasonText(call.endReason, call.rejectionReason)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
