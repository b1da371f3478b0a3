import { useState } from 'react'
import { Button } from '../../components/Button'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { fieldError } from '../appointments/dialogs'
import { Modal } from '../../components/Dialog'
import { ProblemAlert } from '../../components/PageState'

export interface OutboundTemplate {
  id: string
  name: string
  description: string | null
  promptText: string
  greetingTemplate: string | null
  active: boolean
  version: number
}

const fieldClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-invalid:border-red-500'

/** Creates or edits a template; a refusal keeps what was typed and shows each field's message under it. */
export function TemplateDialog({ template, onClose, onSaved }: { template: OutboundTemplate | null; onClose: () => void; onSaved: () => void }) {
  const t = messages.outbound.templates
  const { client } = useAuth()
  const [form, setForm] = useState({
    name: template?.name ?? '',
    description: template?.description ?? '',
    promptText: template?.promptText ?? '',
    greetingTemplate: template?.greetingTemplate ?? '',
  })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const body = {
      name: form.name.trim(),
      description: form.description.trim() || null,
      promptText: form.promptText.trim(),
      greetingTemplate: form.greetingTemplate.trim() || null,
    }
    try {
      if (template) await client.put(`/api/v1/outbound/templates/${template.id}`, { body: { ...body, expectedVersion: template.version } })
      else await client.post('/api/v1/outbound/templates', { body })
      onSaved()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const field = (key: keyof typeof form, label: string, multiline: boolean, hint?: string) => {
    const id = `template-${key}`
    const problem = fieldError(error, key)
    const describedBy = [problem ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined
    const common = {
      id,
      value: form[key],
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm((f) => ({ ...f, [key]: e.target.value })),
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': describedBy,
      className: fieldClass,
    }
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        {multiline ? <textarea rows={key === 'promptText' ? 5 : 2} {...common} /> : <input {...common} />}
        {hint && (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
            {hint}
          </p>
        )}
        {problem && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {problem}
          </p>
        )}
      </div>
    )
  }

  return (
    <Modal title={template ? t.editTitle : t.createTitle} onClose={onClose} testId="template-dialog">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {field('name', t.name, false)}
        {field('description', t.description, false)}
        {field('promptText', t.prompt, true)}
        {field('greetingTemplate', t.greeting, false, t.greetingHint)}
        <ProblemAlert message={error instanceof Error ? error.message : null} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onClose}>{messages.common.cancel}</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? messages.common.saving : messages.common.save}
          </Button>
        </div>
      </form>
    </Modal>
  )
}

/** Asks before deactivating a template (calls can no longer use it until it is activated again). */
export function DeactivateDialog({ template, onClose, onDone }: { template: OutboundTemplate; onClose: () => void; onDone: () => void }) {
  const t = messages.outbound.templates
  const { client } = useAuth()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function deactivate() {
    setBusy(true)
    setError(null)
    try {
      await setActive(client, template, false)
      onDone()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal title={t.deactivateTitle} onClose={onClose}>
      <p>{t.deactivateBody(template.name)}</p>
      <div className="mt-3">
        <ProblemAlert message={error} />
      </div>
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button onClick={onClose}>{messages.common.cancel}</Button>
        <Button variant="danger" disabled={busy} onClick={deactivate}>
          {t.deactivate}
        </Button>
      </div>
    </Modal>
  )
}

export function setActive(client: ReturnType<typeof useAuth>['client'], template: OutboundTemplate, active: boolean) {
  return client.put(`/api/v1/outbound/templates/${template.id}`, {
    body: {
      name: template.name,
      description: template.description,
      promptText: template.promptText,
      greetingTemplate: template.greetingTemplate,
      active,
      expectedVersion: template.version,
    },
  })
}
