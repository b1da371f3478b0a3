import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { TextField } from '../../components/TextField'
import { ApiError } from '../../lib/api'
import { dayKey, formatTime } from '../../lib/datetime'
import { useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { FormDialog } from '../../components/Dialog'
import { assigneeOptions } from '../leads/assignees'
import { useAssignables } from '../leads/hooks'
import { leadPaths, type LeadPage } from '../leads/types'
import type { TaskFormErrors, TaskFormValues } from './taskBoard'
import { taskBody, taskFieldErrors, validateTaskForm } from './taskForm'
import { taskPaths, type WorkTask } from './types'

const t = messages.tasks.form

function valuesOf(task: WorkTask | null, zone: string): TaskFormValues {
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    dueDay: task?.dueAt ? dayKey(task.dueAt, zone) : '',
    dueTime: task?.dueAt ? formatTime(task.dueAt, zone) : '',
    assigneeUserId: task?.assigneeUserId ?? '',
    leadId: task?.leadId ?? '',
  }
}

/** Create a task (`task` null) or edit one: title, description, due day and time, assignee, lead. */
export function TaskDialog({
  open,
  task,
  onClose,
  onSaved,
}: {
  open: boolean
  task: WorkTask | null
  onClose: () => void
  onSaved: (task: WorkTask) => void
}) {
  const { client, session } = useAuth()
  const meId = session.kind === 'signed-in' ? session.user.id : null
  const zone = useTimeZone()
  const people = useAssignables()
  const [values, setValues] = useState<TaskFormValues>(() => valuesOf(task, zone))
  const [errors, setErrors] = useState<TaskFormErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [leadSearch, setLeadSearch] = useState('')
  const [leadOptions, setLeadOptions] = useState<{ id: string; name: string }[]>([])

  useEffect(() => {
    if (!open) return
    setValues(valuesOf(task, zone))
    setErrors({})
    setFailure(null)
    setLeadSearch('')
  }, [open, task, zone])

  useEffect(() => {
    if (!open) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      const q = new URLSearchParams({ limit: '20' })
      if (leadSearch.trim()) q.set('search', leadSearch.trim())
      client.get<LeadPage>(`${leadPaths.list}?${q}`, { signal: controller.signal }).then(
        (page) => setLeadOptions(page.items.map((l) => ({ id: l.id, name: l.name || l.phone || messages.leads.unnamed }))),
        () => {},
      )
    }, 250)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [client, open, leadSearch])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found = validateTaskForm(values)
    setErrors(found)
    setFailure(null)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      const body = taskBody(values, zone)
      const saved = task
        ? await client.put<WorkTask>(taskPaths.task(task.id), {
            body: { title: body.title, description: body.description, dueAt: body.dueAt, assigneeUserId: body.assigneeUserId },
          })
        : await client.post<WorkTask>(taskPaths.create, { body })
      onSaved(saved)
    } catch (error) {
      setErrors(error instanceof ApiError ? taskFieldErrors(error.fieldErrors) : {})
      setFailure(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setBusy(false)
    }
  }

  const set = (key: keyof TaskFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }))
  const people2 = assigneeOptions(people, task ? { id: task.assigneeUserId, name: task.assigneeName } : null, meId)
  const leads = [...leadOptions]
  if (task?.leadId && !leads.some((l) => l.id === task.leadId))
    leads.unshift({ id: task.leadId, name: task.leadName ?? messages.leads.unnamed })
  const selectClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base'

  return (
    <FormDialog open={open} title={task ? t.editTitle : t.createTitle} onClose={onClose}>
      <form noValidate onSubmit={submit} className="space-y-4">
        {failure && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {failure}
          </p>
        )}
        <TextField id="task-title" label={t.title} value={values.title} onChange={set('title')} error={errors.title} autoComplete="off" />
        <div>
          <label htmlFor="task-description" className="block text-sm font-medium">
            {t.description}
          </label>
          <textarea
            id="task-description"
            rows={3}
            value={values.description}
            onChange={set('description')}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? 'task-description-error' : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
          />
          {errors.description && (
            <p id="task-description-error" className="mt-1 text-sm text-red-700">
              {errors.description}
            </p>
          )}
        </div>
        <div className="grid grid-cols-2 gap-3">
          <TextField id="task-due-day" label={t.dueDay} type="date" value={values.dueDay} onChange={set('dueDay')} error={errors.dueAt} />
          <TextField id="task-due-time" label={t.dueTime} type="time" value={values.dueTime} onChange={set('dueTime')} />
        </div>
        <div>
          <label htmlFor="task-assignee" className="block text-sm font-medium">
            {t.assignee}
          </label>
          <select id="task-assignee" value={values.assigneeUserId} onChange={set('assigneeUserId')} className={selectClass}>
            <option value="">{t.nobody}</option>
            {people2.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {!task && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="task-lead-search" className="block text-sm font-medium">
                {t.leadSearch}
              </label>
              <input
                id="task-lead-search"
                type="search"
                value={leadSearch}
                onChange={(e) => setLeadSearch(e.target.value)}
                className={selectClass}
              />
            </div>
            <div>
              <label htmlFor="task-lead" className="block text-sm font-medium">
                {t.lead}
              </label>
              <select id="task-lead" value={values.leadId} onChange={set('leadId')} className={selectClass}>
                <option value="">{t.noLead}</option>
                {leads.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{messages.common.cancel}</Button>
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            {busy ? t.saving : task ? t.save : t.create}
          </Button>
        </div>
      </form>
    </FormDialog>
  )
}
