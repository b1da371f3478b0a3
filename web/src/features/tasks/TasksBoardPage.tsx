import { useEffect, useState, type DragEvent } from 'react'
import { Link } from 'react-router'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, Notice, PageHeader } from '../../components/PageState'
import { formatDateTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { ConfirmDialog } from '../../components/Dialog'
import { dueClasses, dueState } from './due'
import { TaskDialog } from './TaskDialog'
import { appendTasks, groupTasks, hasMore, moveTask } from './taskBoard'
import { taskPaths, taskStatuses, type TaskBoardAnswer, type TaskColumn, type TaskPage, type TaskStatus, type WorkTask } from './types'

const t = messages.tasks
const dragType = 'application/x-prosaas-task'

const columnAccent: Record<TaskStatus, string> = {
  open: 'bg-blue-500',
  in_progress: 'bg-amber-500',
  done: 'bg-green-600',
}

/** /tasks: the board by status, moved by drag and drop or each card's "move to" menu; due and overdue cards highlighted. */
export function TasksBoardPage() {
  const { client } = useAuth()
  const zone = useTimeZone()
  const query = useApiQuery<TaskBoardAnswer>(taskPaths.board)
  const [columns, setColumns] = useState<TaskColumn[] | null>(null)
  const [dragging, setDragging] = useState<string | null>(null)
  const [over, setOver] = useState<TaskStatus | null>(null)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [editing, setEditing] = useState<WorkTask | null>(null)
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<WorkTask | null>(null)
  const [deleteBusy, setDeleteBusy] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [now, setNow] = useState(() => new Date())
  const [loadingMore, setLoadingMore] = useState<TaskStatus | null>(null)

  useEffect(() => {
    if (query.status === 'ready') setColumns(groupTasks(query.data.columns))
  }, [query.status, query.data])

  // Due states move with the clock: look again every minute.
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000)
    return () => clearInterval(timer)
  }, [])

  async function move(task: WorkTask, toStatus: TaskStatus, index?: number) {
    if (!columns) return
    const before = columns
    const planned = moveTask(columns, task.id, toStatus, index)
    if (!planned) return
    setColumns(planned.columns)
    setNotice(null)
    try {
      const saved = await client.post<WorkTask>(taskPaths.move(task.id), {
        body: { status: planned.status, position: planned.position },
      })
      setColumns((current) =>
        current?.map((c) => ({ ...c, items: c.items.map((x) => (x.id === saved.id ? saved : x)) })) ?? current,
      )
      setNotice({ kind: 'ok', text: t.moved(task.title, t.statuses[toStatus] ?? toStatus) })
    } catch (error) {
      setColumns(before)
      setNotice({ kind: 'error', text: `${t.moveFailed(task.title)} ${error instanceof Error ? error.message : ''}`.trim() })
    }
  }

  async function loadMore(column: TaskColumn) {
    if (!column.next || loadingMore) return
    setLoadingMore(column.status)
    setNotice(null)
    try {
      const q = new URLSearchParams({ status: column.status, sort: 'position', limit: '50', next: column.next })
      const page = await client.get<TaskPage>(`${taskPaths.list}?${q}`)
      setColumns((current) => (current ? appendTasks(current, column.status, page) : current))
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setLoadingMore(null)
    }
  }

  function onDrop(event: DragEvent, status: TaskStatus, index?: number) {
    event.preventDefault()
    event.stopPropagation()
    setOver(null)
    const id = event.dataTransfer.getData(dragType) || event.dataTransfer.getData('text/plain') || dragging
    setDragging(null)
    const task = columns?.flatMap((c) => c.items).find((x) => x.id === id)
    if (!task || !columns) return
    // Dropped on a card of its own column below its place: the card's removal shifts the index by one.
    const column = columns.find((c) => c.status === status)
    const currentIndex = column?.items.findIndex((x) => x.id === task.id) ?? -1
    const target = index !== undefined && currentIndex >= 0 && currentIndex < index ? index - 1 : index
    void move(task, status, target)
  }

  async function removeTask() {
    if (!deleting) return
    setDeleteBusy(true)
    setDeleteError(null)
    try {
      await client.delete(taskPaths.task(deleting.id))
      const id = deleting.id
      setColumns((c) => c?.map((col) => (col.items.some((x) => x.id === id) ? { ...col, count: col.count - 1, items: col.items.filter((x) => x.id !== id) } : col)) ?? c)
      setDeleting(null)
    } catch (error) {
      setDeleteError(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setDeleteBusy(false)
    }
  }

  const header = (
    <PageHeader
      title={t.title}
      actions={
        <Button variant="primary" onClick={() => setCreating(true)}>
          {t.newTask}
        </Button>
      }
    >
      {t.intro}
    </PageHeader>
  )

  const dialogs = (
    <>
      <TaskDialog
        open={creating || editing !== null}
        task={editing}
        onClose={() => {
          setCreating(false)
          setEditing(null)
        }}
        onSaved={() => {
          setCreating(false)
          setEditing(null)
          query.reload()
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t.deleteTitle}
        body={<p>{deleting ? t.deleteBody(deleting.title) : ''}</p>}
        confirmLabel={t.delete}
        busy={deleteBusy}
        error={deleteError}
        onConfirm={removeTask}
        onCancel={() => setDeleting(null)}
      />
    </>
  )

  if (query.status === 'error' && !columns)
    return (
      <>
        {header}
        <ErrorState error={query.error} onRetry={query.reload} />
      </>
    )
  if (!columns)
    return (
      <>
        {header}
        <Loading label={t.loading} />
      </>
    )

  const total = columns.reduce((n, c) => n + c.count, 0)

  return (
    <>
      {header}
      {total === 0 ? (
        <EmptyState
          title={t.emptyTitle}
          body={t.emptyBody}
          action={
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t.newTask}
            </Button>
          }
        />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">{t.dragHint}</p>
          <Notice notice={notice} className="mb-3" />
          <div className="relative overflow-x-auto pb-2" role="region" aria-label={t.boardLabel} tabIndex={0}>
            <ol className="grid min-w-[46rem] grid-cols-3 items-start gap-3">
              {columns.map((column) => (
                <li
                  key={column.status}
                  data-task-column={column.status}
                  aria-labelledby={`task-column-${column.status}`}
                  onDragOver={(e) => {
                    e.preventDefault()
                    e.dataTransfer.dropEffect = 'move'
                    if (over !== column.status) setOver(column.status)
                  }}
                  onDragLeave={(e) => {
                    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === column.status ? null : o))
                  }}
                  onDrop={(e) => onDrop(e, column.status)}
                  className={`rounded-xl border bg-slate-100 ${over === column.status ? 'border-blue-500 ring-2 ring-blue-300' : 'border-slate-200'}`}
                >
                  <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
                    <h2 id={`task-column-${column.status}`} className="flex items-center gap-2 text-sm font-bold">
                      <span aria-hidden="true" className={`size-2.5 rounded-full ${columnAccent[column.status]}`} />
                      {t.statuses[column.status]}
                    </h2>
                    <span className="rounded-full bg-white px-2 text-xs font-semibold tabular-nums" aria-label={t.count(column.count)}>
                      {column.count}
                    </span>
                  </div>
                  <ul className="flex min-h-24 flex-col gap-2 p-2">
                    {column.items.length === 0 && <li className="px-1 py-3 text-center text-xs text-slate-500">{t.emptyColumn}</li>}
                    {column.items.map((task, index) => {
                      const state = dueState(task.dueAt, now, zone, task.status === 'done')
                      return (
                        <li
                          key={task.id}
                          data-task-id={task.id}
                          data-due={state ?? undefined}
                          draggable
                          onDragStart={(e) => {
                            e.dataTransfer.setData(dragType, task.id)
                            e.dataTransfer.setData('text/plain', task.id)
                            e.dataTransfer.effectAllowed = 'move'
                            setDragging(task.id)
                          }}
                          onDragEnd={() => {
                            setDragging(null)
                            setOver(null)
                          }}
                          onDragOver={(e) => e.preventDefault()}
                          onDrop={(e) => onDrop(e, column.status, index)}
                          className={`cursor-grab rounded-lg border p-2.5 shadow-sm ${dueClasses(state)} ${dragging === task.id ? 'opacity-50' : ''}`}
                        >
                          <div className="flex items-start justify-between gap-2">
                            <p className={`min-w-0 break-words font-semibold ${task.status === 'done' ? 'text-slate-500 line-through' : ''}`}>
                              {task.title}
                            </p>
                            {state === 'overdue' && (
                              <span className="shrink-0 rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">{t.overdue}</span>
                            )}
                            {state === 'today' && (
                              <span className="shrink-0 rounded-full bg-amber-500 px-2 py-0.5 text-xs font-semibold text-black">{t.today}</span>
                            )}
                          </div>
                          {task.dueAt && (
                            <p className="mt-1 text-xs text-slate-600 tabular-nums">
                              <time dateTime={task.dueAt}>{t.due(formatDateTime(task.dueAt, zone))}</time>
                            </p>
                          )}
                          <p className="mt-1 text-xs text-slate-600">
                            {task.assigneeName ? <bdi>{task.assigneeName}</bdi> : t.unassigned}
                            {task.leadId && (
                              <>
                                {' · '}
                                <Link to={`/leads/${task.leadId}`} className="text-blue-800 hover:underline" draggable={false}>
                                  <bdi>{task.leadName || task.leadPhone || messages.leads.unnamed}</bdi>
                                </Link>
                              </>
                            )}
                          </p>
                          <div className="mt-2 flex items-center gap-1">
                            <label className="sr-only" htmlFor={`move-task-${task.id}`}>
                              {t.moveLabel(task.title)}
                            </label>
                            <select
                              id={`move-task-${task.id}`}
                              value=""
                              onChange={(e) => e.target.value && void move(task, e.target.value as TaskStatus)}
                              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
                            >
                              <option value="">{t.moveTo}</option>
                              {taskStatuses
                                .filter((s) => s !== column.status)
                                .map((s) => (
                                  <option key={s} value={s}>
                                    {t.statuses[s]}
                                  </option>
                                ))}
                            </select>
                            <Button variant="ghost" className="!px-2 !py-1 text-xs" aria-label={t.editLabel(task.title)} onClick={() => setEditing(task)}>
                              {t.edit}
                            </Button>
                            <Button
                              variant="ghost"
                              className="!px-2 !py-1 text-xs text-red-800"
                              aria-label={`${t.delete}: ${task.title}`}
                              onClick={() => {
                                setDeleteError(null)
                                setDeleting(task)
                              }}
                            >
                              ✕
                            </Button>
                          </div>
                        </li>
                      )
                    })}
                    {hasMore(column) && (
                      <li className="px-1 text-center">
                        <Button
                          className="w-full !py-1 text-xs"
                          onClick={() => void loadMore(column)}
                          disabled={loadingMore === column.status}
                          aria-busy={loadingMore === column.status}
                          aria-label={t.loadMoreLabel(t.statuses[column.status] ?? column.status, column.count - column.items.length)}
                        >
                          {loadingMore === column.status ? t.loadingMore : t.loadMore(column.count - column.items.length)}
                        </Button>
                      </li>
                    )}
                  </ul>
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
      {dialogs}
    </>
  )
}
