import { useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { useApiQuery } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { errorFor, fieldErrorsOf, saveErrorMessage, type FieldErrors } from './forms'
import { FaqTryIt } from './FaqTryIt'
import { ConfirmDialog } from '../../components/Dialog'
import { TextAreaField } from '../../components/TextField'
import { Badge, Panel, SaveFeedback } from './ui'

const t = messages.settings.faq

interface FaqEntry {
  id: string
  question: string
  answer: string
  keywords: string[]
  active: boolean
  version: number
}

interface Draft {
  question: string
  answer: string
  keywords: string
}

const empty: Draft = { question: '', answer: '', keywords: '' }

/** Keywords typed as a comma-separated list. */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[,،\n]/)
    .map((k) => k.trim())
    .filter((k) => k !== '')
}

export default function FaqPage() {
  const list = useApiQuery<{ items: FaqEntry[] }>('/api/v1/faq?includeInactive=true&limit=100')
  const { client } = useAuth()
  const [editing, setEditing] = useState<string | null>(null)
  const [draft, setDraft] = useState<Draft>(empty)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [state, setState] = useState<{ saving: boolean; error: string | null; saved: string | null }>({ saving: false, error: null, saved: null })
  const [deleting, setDeleting] = useState<FaqEntry | null>(null)

  async function run(action: () => Promise<unknown>, saved: string, after?: () => void) {
    setState({ saving: true, error: null, saved: null })
    try {
      await action()
      setState({ saving: false, error: null, saved })
      setErrors({})
      after?.()
      list.reload()
      return true
    } catch (error) {
      setErrors(fieldErrorsOf(error))
      setState({ saving: false, error: saveErrorMessage(error), saved: null })
      return false
    }
  }

  /** Takes the reader to an entry of the list (from the try-it result). */
  function showEntry(id: string) {
    const item = document.getElementById(`faq-entry-${id}`)
    item?.scrollIntoView?.({ block: 'center' })
    item?.focus()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const problems: FieldErrors = {}
    if (draft.question.trim() === '') problems.question = t.questionRequired
    if (draft.answer.trim() === '') problems.answer = t.answerRequired
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    const body = { question: draft.question.trim(), answer: draft.answer.trim(), keywords: splitKeywords(draft.keywords) }
    const entry = list.data?.items.find((e) => e.id === editing)
    void run(
      () =>
        entry
          ? client.put(`/api/v1/faq/${entry.id}`, { body: { ...body, expectedVersion: entry.version } })
          : client.post('/api/v1/faq', { body }),
      entry ? t.updated : t.added,
      () => {
        setDraft(empty)
        setEditing(null)
      },
    )
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        <Panel title={editing ? t.editTitle : t.addTitle}>
          <form onSubmit={submit} noValidate className="space-y-4">
            <TextField
              id="faq-question"
              label={t.question}
              value={draft.question}
              onChange={(e) => setDraft({ ...draft, question: e.target.value })}
              error={errorFor(errors, 'question')}
            />
            <TextAreaField
              id="faq-answer"
              label={t.answer}
              rows={3}
              value={draft.answer}
              onChange={(e) => setDraft({ ...draft, answer: e.target.value })}
              error={errorFor(errors, 'answer')}
            />
            <TextField
              id="faq-keywords"
              label={t.keywords}
              value={draft.keywords}
              onChange={(e) => setDraft({ ...draft, keywords: e.target.value })}
              error={errorFor(errors, 'keywords')}
            />
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" variant="primary" disabled={state.saving}>
                {state.saving ? messages.common.saving : editing ? messages.common.save : t.add}
              </Button>
              {editing && (
                <Button
                  onClick={() => {
                    setEditing(null)
                    setDraft(empty)
                    setErrors({})
                  }}
                >
                  {messages.common.cancel}
                </Button>
              )}
              <SaveFeedback error={state.error} saved={state.saved} />
            </div>
          </form>
        </Panel>
        <FaqTryIt onShowEntry={showEntry} />
        <Panel title={t.listTitle}>
          {list.status === 'loading' && <Loading />}
          {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
          {list.data && list.data.items.length === 0 && <EmptyState title={t.empty} body={t.emptyBody} />}
          {list.data && list.data.items.length > 0 && (
            <ul className="divide-y divide-slate-100">
              {list.data.items.map((entry) => (
                <li
                  key={entry.id}
                  id={`faq-entry-${entry.id}`}
                  tabIndex={-1}
                  className="flex flex-wrap items-start justify-between gap-3 py-3 focus-visible:outline-2 focus-visible:outline-blue-700"
                >
                  <div className="min-w-0 flex-1">
                    <p className="font-semibold">
                      {entry.question} {!entry.active && <Badge>{t.inactive}</Badge>}
                    </p>
                    <p className="text-sm text-slate-700">{entry.answer}</p>
                    {entry.keywords.length > 0 && <p className="text-xs text-slate-500">{entry.keywords.join(', ')}</p>}
                  </div>
                  <div className="flex flex-wrap gap-1">
                    <Button
                      variant="ghost"
                      aria-label={t.editOf(entry.question)}
                      onClick={() => {
                        setEditing(entry.id)
                        setDraft({ question: entry.question, answer: entry.answer, keywords: entry.keywords.join(', ') })
                        setErrors({})
                      }}
                    >
                      {t.edit}
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={(entry.active ? t.deactivateOf : t.activateOf)(entry.question)}
                      onClick={() =>
                        run(
                          () =>
                            client.put(`/api/v1/faq/${entry.id}`, {
                              body: { question: entry.question, answer: entry.answer, active: !entry.active, expectedVersion: entry.version },
                            }),
                          entry.active ? t.deactivated : t.activated,
                        )
                      }
                    >
                      {entry.active ? t.deactivate : t.activate}
                    </Button>
                    <Button variant="ghost" className="text-red-700" aria-label={t.deleteOf(entry.question)} onClick={() => setDeleting(entry)}>
                      {messages.common.delete}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t.confirmDelete}
        body={deleting?.question}
        confirmLabel={messages.common.delete}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const entry = deleting!
          setDeleting(null)
          void run(() => client.delete(`/api/v1/faq/${entry.id}`), t.deleted)
        }}
      />
    </>
  )
}
