import { useEffect, useState, type DragEvent } from 'react'
import { Link } from 'react-router'
import { Button } from '../../components/Button'
import { ErrorState, Loading, Notice, Phone } from '../../components/PageState'
import { useApiQuery } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { appendToColumn, optimisticMove, orderColumns, textOn } from './board'
import { useLeadStatuses } from './hooks'
import { leadName } from './LeadsTable'
import { leadPaths, type Lead, type LeadBoard, type LeadBoardColumn, type LeadPage } from './types'

const t = messages.leads.board
const dragType = 'application/x-prosaas-lead'
const perColumn = 20

/**
 * The kanban: a column per status in the business's order. A card moves by drag and drop or by its "move to" menu;
 * the move shows at once and is taken back, with a Hebrew message, when the Api refuses it.
 */
export function LeadsBoard({ search }: { search: string }) {
  const { client } = useAuth()
  const statusQuery = useLeadStatuses()
  const path = `${leadPaths.board}?perColumn=${perColumn}${search ? `&search=${encodeURIComponent(search)}` : ''}`
  const query = useApiQuery<LeadBoard>(path)
  const [columns, setColumns] = useState<LeadBoardColumn[] | null>(null)
  // Per column: the list's cursor for its next page (null once the list has no more), and whether a page is on its way.
  const [paging, setPaging] = useState<Record<string, { next: string | null; loading: boolean }>>({})
  const [dragging, setDragging] = useState<string | null>(null)
  const [over, setOver] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  useEffect(() => {
    if (query.status === 'ready') {
      setColumns(orderColumns(query.data, statusQuery.statuses))
      setPaging({})
    }
  }, [query.status, query.data, statusQuery.statuses])

  if (query.status === 'error' && !columns) return <ErrorState error={query.error} onRetry={query.reload} />
  if (!columns) return <Loading label={messages.leads.loading} />

  async function move(lead: Lead, toStatus: string) {
    if (!columns) return
    const attempt = optimisticMove(columns, lead.id, toStatus)
    if (attempt.columns === columns) return
    setColumns(attempt.columns)
    const label = columns.find((c) => c.status === toStatus)?.label ?? toStatus
    const name = leadName(lead)
    setNotice(null)
    try {
      await client.post(leadPaths.status(lead.id), { body: { status: toStatus } })
      setNotice({ kind: 'ok', text: t.moved(name, label) })
    } catch (error) {
      setColumns((current) => (current ? attempt.undo(current) : current))
      const reason = error instanceof Error ? ` ${error.message}` : ''
      setNotice({ kind: 'error', text: t.moveFailed(name) + reason })
    }
  }

  async function loadMore(column: LeadBoardColumn) {
    const state = paging[column.status]
    if (state?.loading || state?.next === null) return
    setPaging((p) => ({ ...p, [column.status]: { next: state?.next ?? '', loading: true } }))
    setNotice(null)
    let next = state?.next ?? null
    const shown = new Set(column.leads.map((l) => l.id))
    try {
      // The list orders by capture and the board by last change, so a page may hold only cards already shown: go on
      // to the next one (a few at most) so that each press adds something.
      for (let pages = 0; pages < 5; pages++) {
        const q = new URLSearchParams({ status: column.status, limit: String(perColumn) })
        if (search) q.set('search', search)
        if (next) q.set('next', next)
        const page = await client.get<LeadPage>(`${leadPaths.list}?${q}`)
        setColumns((current) => (current ? appendToColumn(current, column.status, page.items) : current))
        next = page.next
        if (next === null || page.items.some((l) => !shown.has(l.id))) break
      }
      setPaging((p) => ({ ...p, [column.status]: { next, loading: false } }))
    } catch (error) {
      setPaging((p) => ({ ...p, [column.status]: { next: state?.next ?? '', loading: false } }))
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    }
  }

  function onDrop(event: DragEvent, status: string) {
    event.preventDefault()
    setOver(null)
    const id = event.dataTransfer.getData(dragType) || event.dataTransfer.getData('text/plain') || dragging
    setDragging(null)
    const lead = columns?.flatMap((c) => c.leads).find((l) => l.id === id)
    if (lead) void move(lead, status)
  }

  return (
    <div>
      <p className="mb-2 text-sm text-slate-600">{t.dragHint}</p>
      <Notice notice={notice} className="mb-3" />
      <div className="relative overflow-x-auto pb-2" role="region" aria-label={t.label} tabIndex={0}>
        <ol className="flex min-w-max items-start gap-3">
          {columns.map((column) => (
            <li
              key={column.status}
              data-column={column.status}
              aria-labelledby={`column-${column.status}`}
              onDragOver={(e) => {
                e.preventDefault()
                e.dataTransfer.dropEffect = 'move'
                if (over !== column.status) setOver(column.status)
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === column.status ? null : o))
              }}
              onDrop={(e) => onDrop(e, column.status)}
              className={`flex w-64 shrink-0 flex-col rounded-xl border bg-slate-100 ${over === column.status ? 'border-blue-500 ring-2 ring-blue-300' : 'border-slate-200'}`}
            >
              <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
                <h2 id={`column-${column.status}`} className="flex items-center gap-2 text-sm font-bold">
                  <span aria-hidden="true" className="size-2.5 rounded-full" style={{ backgroundColor: column.color }} />
                  {column.isDefined ? column.label : `${column.label} (${t.removedStatus})`}
                </h2>
                <span
                  className="rounded-full px-2 text-xs font-semibold tabular-nums"
                  style={{ backgroundColor: column.color, color: textOn(column.color) }}
                  aria-label={t.count(column.count)}
                >
                  {column.count}
                </span>
              </div>
              <ul className="flex min-h-24 flex-col gap-2 p-2">
                {column.leads.length === 0 && <li className="px-1 py-3 text-center text-xs text-slate-500">{t.emptyColumn}</li>}
                {column.leads.map((lead) => (
                  <li
                    key={lead.id}
                    data-lead-id={lead.id}
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(dragType, lead.id)
                      e.dataTransfer.setData('text/plain', lead.id)
                      e.dataTransfer.effectAllowed = 'move'
                      setDragging(lead.id)
                    }}
                    onDragEnd={() => {
                      setDragging(null)
                      setOver(null)
                    }}
                    className={`cursor-grab rounded-lg border border-slate-200 bg-white p-2.5 shadow-sm active:cursor-grabbing ${dragging === lead.id ? 'opacity-50' : ''}`}
                  >
                    <Link to={`/leads/${lead.id}`} className="block font-semibold text-blue-800 hover:underline" draggable={false}>
                      <bdi>{leadName(lead)}</bdi>
                    </Link>
                    <div className="mt-0.5 text-sm text-slate-600">
                      <Phone value={lead.phone} />
                    </div>
                    <label className="sr-only" htmlFor={`move-${lead.id}`}>
                      {t.moveLabel(leadName(lead))}
                    </label>
                    <select
                      id={`move-${lead.id}`}
                      value=""
                      onChange={(e) => e.target.value && void move(lead, e.target.value)}
                      className="mt-2 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
                    >
                      <option value="">{t.moveTo}</option>
                      {columns
                        .filter((c) => c.status !== column.status && c.isDefined)
                        .map((c) => (
                          <option key={c.status} value={c.status}>
                            {c.label}
                          </option>
                        ))}
                    </select>
                  </li>
                ))}
                {column.count > column.leads.length && paging[column.status]?.next !== null && (
                  <li className="px-1 text-center">
                    <Button
                      className="w-full !py-1 text-xs"
                      onClick={() => void loadMore(column)}
                      disabled={paging[column.status]?.loading}
                      aria-busy={paging[column.status]?.loading}
                      aria-label={t.loadMoreLabel(column.label, column.count - column.leads.length)}
                    >
                      {paging[column.status]?.loading ? t.loadingMore : t.loadMore(column.count - column.leads.length)}
                    </Button>
                  </li>
                )}
              </ul>
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}
