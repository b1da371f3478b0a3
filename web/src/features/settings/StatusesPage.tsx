import { useEffect, useReducer, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { messages } from '../../messages'
import { errorFor } from './forms'
import { keyboardMoveTarget, statusesReducer } from './statuses'
import { ConfirmDialog } from '../../components/Dialog'
import { Badge, Panel, SaveFeedback } from './ui'
import { useSettingsDocument } from './useSettingsDocument'

const t = messages.settings.statuses

export default function StatusesPage() {
  const { query, save, saveWith, clearSaved } = useSettingsDocument()
  const [statuses, dispatch] = useReducer(statusesReducer, [])
  const [newLabel, setNewLabel] = useState('')
  const [newError, setNewError] = useState<string | undefined>()
  const [dragging, setDragging] = useState<number | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [deleting, setDeleting] = useState<number | null>(null)

  useEffect(() => {
    if (query.data) dispatch({ type: 'reset', statuses: query.data.settings.leadStatuses })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.data?.version])

  if (!query.data) {
    return (
      <>
        <PageHeader title={t.title} />
        {query.status === 'error' ? <ErrorState error={query.error} onRetry={query.reload} /> : <Loading />}
      </>
    )
  }

  const act = (action: Parameters<typeof dispatch>[0]) => {
    clearSaved()
    dispatch(action)
  }
  const move = (from: number, to: number) => {
    act({ type: 'move', from, to })
    setAnnouncement(t.moved(statuses[from]?.label ?? '', to + 1, statuses.length))
  }

  function add(event: FormEvent) {
    event.preventDefault()
    if (newLabel.trim() === '') {
      setNewError(t.labelRequired)
      return
    }
    setNewError(undefined)
    act({ type: 'add', label: newLabel, color: '#64748B' })
    setNewLabel('')
  }

  async function persist(list = statuses) {
    const ok = await saveWith((s) => ({ ...s, leadStatuses: list }), t.saved)
    if (!ok && query.data) dispatch({ type: 'reset', statuses: list })
    return ok
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        <Panel title={t.listTitle}>
          <p className="mb-3 text-sm text-slate-600">{t.reorderHint}</p>
          <p aria-live="polite" className="sr-only">
            {announcement}
          </p>
          <ol className="space-y-2">
            {statuses.map((status, index) => (
              <li
                key={status.key}
                draggable
                onDragStart={() => setDragging(index)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={() => {
                  if (dragging !== null && dragging !== index) move(dragging, index)
                  setDragging(null)
                }}
                onDragEnd={() => setDragging(null)}
                data-status={status.key}
                className={`flex flex-wrap items-end gap-2 rounded-lg border p-3 ${dragging === index ? 'border-blue-500 bg-blue-50' : 'border-slate-200'}`}
              >
                <button
                  type="button"
                  aria-label={t.moveHandle(status.label)}
                  aria-describedby="statuses-reorder-hint"
                  onKeyDown={(e) => {
                    const target = keyboardMoveTarget(e.key, index, statuses.length)
                    if (target !== null) {
                      e.preventDefault()
                      move(index, target)
                      requestAnimationFrame(() =>
                        document.querySelector<HTMLButtonElement>(`[data-status="${status.key}"] [data-handle]`)?.focus(),
                      )
                    }
                  }}
                  data-handle
                  className="cursor-grab self-center rounded px-1 text-slate-500 focus-visible:outline-2 focus-visible:outline-blue-700"
                >
                  <span aria-hidden="true">⋮⋮</span>
                </button>
                <div className="min-w-40 flex-1">
                  <TextField
                    id={`status-label-${status.key}`}
                    label={t.label}
                    value={status.label}
                    onChange={(e) => act({ type: 'rename', index, label: e.target.value })}
                    error={errorFor(save.fieldErrors, `leadStatuses[${index}].label`)}
                  />
                </div>
                <label className="text-sm">
                  <span className="block">{t.color}</span>
                  <input
                    type="color"
                    value={status.color}
                    onChange={(e) => act({ type: 'color', index, color: e.target.value.toUpperCase() })}
                    className="mt-1 h-10 w-14 rounded border border-slate-300"
                  />
                </label>
                <div className="flex flex-wrap items-center gap-1">
                  {status.isDefault && <Badge tone="blue">{t.isDefault}</Badge>}
                  {status.isWon && <Badge tone="green">{t.isWon}</Badge>}
                  {status.isLost && <Badge>{t.isLost}</Badge>}
                  <Button variant="ghost" aria-label={t.moveUp(status.label)} disabled={index === 0} onClick={() => move(index, index - 1)}>
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    aria-label={t.moveDown(status.label)}
                    disabled={index === statuses.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </Button>
                  {!status.isDefault && (
                    <Button variant="ghost" onClick={() => act({ type: 'makeDefault', index })} aria-label={t.makeDefaultOf(status.label)}>
                      {t.makeDefault}
                    </Button>
                  )}
                  <Button variant="ghost" className="text-red-700" aria-label={t.deleteOf(status.label)} onClick={() => setDeleting(index)}>
                    {messages.common.delete}
                  </Button>
                </div>
              </li>
            ))}
          </ol>
          <p id="statuses-reorder-hint" className="sr-only">
            {t.keyboardHint}
          </p>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button variant="primary" disabled={save.saving} onClick={() => void persist()}>
              {save.saving ? messages.common.saving : messages.common.save}
            </Button>
            <SaveFeedback error={save.error} saved={save.saved} />
          </div>
        </Panel>
        <Panel title={t.addTitle}>
          <form onSubmit={add} noValidate className="flex flex-wrap items-end gap-3">
            <div className="min-w-48 flex-1">
              <TextField id="status-new" label={t.newLabel} value={newLabel} onChange={(e) => setNewLabel(e.target.value)} error={newError} />
            </div>
            <Button type="submit">{t.add}</Button>
          </form>
        </Panel>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t.confirmDelete(deleting !== null ? (statuses[deleting]?.label ?? '') : '')}
        body={t.confirmDeleteBody}
        confirmLabel={messages.common.delete}
        busy={save.saving}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          const index = deleting!
          setDeleting(null)
          const before = statuses
          const next = statuses.filter((_, i) => i !== index)
          const ok = await persist(next)
          if (!ok) dispatch({ type: 'reset', statuses: before })
        }}
      />
    </>
  )
}
