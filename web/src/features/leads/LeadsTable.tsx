import { useCallback, useEffect, useState } from 'react'
import { Link } from 'react-router'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, Phone } from '../../components/PageState'
import { formatDate } from '../../lib/datetime'
import { useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { statusFor } from './board'
import { ConfirmDialog } from '../../components/Dialog'
import { useCanDeleteLeads, useLeadStatuses } from './hooks'
import { StatusPill } from './StatusPill'
import { leadPaths, type DeletedLeads, type Lead, type LeadPage } from './types'

const t = messages.leads
const pageSize = 25

type Load = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready' }

export function leadName(lead: Pick<Lead, 'name'>): string {
  return lead.name?.trim() || t.unnamed
}

/** The leads, newest first, a page at a time (the Api's cursor), with selection and bulk delete for admins and up. */
export function LeadsTable({ search, onClearSearch, onCreate }: { search: string; onClearSearch: () => void; onCreate: () => void }) {
  const { client } = useAuth()
  const zone = useTimeZone()
  const { statuses } = useLeadStatuses()
  const canDelete = useCanDeleteLeads()
  const [rows, setRows] = useState<Lead[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [confirming, setConfirming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const pagePath = useCallback(
    (cursor: string | null) => {
      const p = new URLSearchParams({ limit: String(pageSize) })
      if (search) p.set('search', search)
      if (cursor) p.set('next', cursor)
      return `${leadPaths.list}?${p}`
    },
    [search],
  )

  useEffect(() => {
    const controller = new AbortController()
    setLoad({ status: 'loading' })
    setSelected(new Set())
    client.get<LeadPage>(pagePath(null), { signal: controller.signal }).then(
      (page) => {
        setRows(page.items)
        setNext(page.next)
        setLoad({ status: 'ready' })
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) })
      },
    )
    return () => controller.abort()
  }, [client, pagePath, generation])

  async function loadMore() {
    if (!next) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await client.get<LeadPage>(pagePath(next))
      setRows((r) => [...r, ...page.items.filter((l) => !r.some((x) => x.id === l.id))])
      setNext(page.next)
    } catch (error) {
      setMoreError(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setLoadingMore(false)
    }
  }

  async function deleteSelected() {
    setDeleting(true)
    setDeleteError(null)
    try {
      const answer = await client.post<DeletedLeads>(leadPaths.bulkDelete, { body: { leadIds: [...selected] } })
      const gone = new Set([...answer.deleted, ...answer.notFound])
      setRows((r) => r.filter((l) => !gone.has(l.id)))
      setSelected((s) => new Set([...s].filter((id) => !gone.has(id))))
      setConfirming(false)
      setNotice(
        [answer.deleted.length > 0 ? t.bulkDeleted(answer.deleted.length) : '', answer.notFound.length > 0 ? t.bulkNotFound(answer.notFound.length) : '']
          .filter(Boolean)
          .join(' '),
      )
    } catch (error) {
      setDeleteError(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setDeleting(false)
    }
  }

  if (load.status === 'loading') return <Loading label={t.loading} />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={() => setGeneration((g) => g + 1)} />

  if (rows.length === 0) {
    return (
      <>
        {notice && <Notice text={notice} />}
        {search ? (
          <EmptyState
            title={t.noResultsTitle}
            body={t.noResultsBody(search)}
            action={<Button onClick={onClearSearch}>{t.clearSearch}</Button>}
          />
        ) : (
          <EmptyState
            title={t.emptyTitle}
            body={t.emptyBody}
            action={
              <Button variant="primary" onClick={onCreate}>
                {t.newLead}
              </Button>
            }
          />
        )}
      </>
    )
  }

  const allSelected = rows.length > 0 && rows.every((l) => selected.has(l.id))
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s)
      if (n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })

  return (
    <div>
      {notice && <Notice text={notice} />}
      {canDelete && selected.size > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-blue-200 bg-blue-50 px-3 py-2">
          <span className="text-sm font-semibold" aria-live="polite">
            {t.selected(selected.size)}
          </span>
          <Button variant="danger" onClick={() => { setDeleteError(null); setConfirming(true) }}>
            {t.deleteSelected}
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            {t.clearSelection}
          </Button>
        </div>
      )}
      <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full min-w-[44rem] text-sm">
          <caption className="sr-only">{t.tableCaption}</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {canDelete && (
                <th scope="col" className="w-10 px-3 py-2 text-start">
                  <input
                    type="checkbox"
                    aria-label={t.selectAll}
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((l) => l.id)))}
                    className="size-4"
                  />
                </th>
              )}
              <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.name}</th>
              <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.phone}</th>
              <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.status}</th>
              <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.source}</th>
              <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.assignee}</th>
              <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.created}</th>
              <th scope="col" className="px-3 py-2 text-start font-semibold">{t.columns.updated}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((lead) => (
              <tr key={lead.id} data-lead-id={lead.id} className={selected.has(lead.id) ? 'bg-blue-50/60' : 'hover:bg-slate-50'}>
                {canDelete && (
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={t.selectLead(leadName(lead))}
                      checked={selected.has(lead.id)}
                      onChange={() => toggle(lead.id)}
                      className="size-4"
                    />
                  </td>
                )}
                <td className="px-3 py-2 font-medium">
                  <Link to={`/leads/${lead.id}`} className="text-blue-800 hover:underline">
                    <bdi>{leadName(lead)}</bdi>
                  </Link>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Phone value={lead.phone} />
                </td>
                <td className="px-3 py-2">
                  <StatusPill status={statusFor(statuses, lead.status)} />
                </td>
                <td className="px-3 py-2">{t.sources[lead.source] ?? lead.source}</td>
                <td className="px-3 py-2">
                  {lead.assigneeName ? <bdi>{lead.assigneeName}</bdi> : <span className="text-slate-500">{t.unassigned}</span>}
                </td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatDate(lead.capturedAt, zone)}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatDate(lead.updatedAt, zone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {moreError && (
        <p role="alert" className="mt-3 text-sm text-red-800">
          {moreError}
        </p>
      )}
      {next && (
        <div className="mt-4 flex justify-center">
          <Button onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore}>
            {loadingMore ? messages.common.loading : messages.common.loadMore}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t.bulkDeleteTitle}
        body={<p>{t.bulkDeleteBody(selected.size)}</p>}
        confirmLabel={t.bulkDeleteConfirm(selected.size)}
        busy={deleting}
        error={deleteError}
        onConfirm={deleteSelected}
        onCancel={() => setConfirming(false)}
      />
    </div>
  )
}

function Notice({ text }: { text: string }) {
  return (
    <p role="status" className="mb-3 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
      {text}
    </p>
  )
}
