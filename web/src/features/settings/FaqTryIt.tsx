import { useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { errorFor, fieldErrorsOf, saveErrorMessage, type FieldErrors } from './forms'
import { TextAreaField } from '../../components/TextField'
import { Badge, Panel, SelectField } from './ui'

const t = messages.settings.faq.tryIt

export const faqChannels = ['inbound_call', 'outbound_call', 'whatsapp'] as const
export type FaqChannel = (typeof faqChannels)[number]

export interface FaqMatchedEntry {
  entryId: string
  question: string
  answer: string
  score: number
  step: 'exact' | 'keyword' | 'fuzzy'
  matchedOn: string
}

export interface FaqMatchResult {
  outcome: 'matched' | 'no_match' | 'ambiguous' | 'no_words'
  match: FaqMatchedEntry | null
  candidates: FaqMatchedEntry[]
}

/** A score of 0–1 as a whole percentage. */
export function scorePercent(score: number): string {
  return `${Math.round(score * 100)}%`
}

/** How the entry was found, in words. */
export function stepText(entry: FaqMatchedEntry): string {
  return t.steps[entry.step]?.(entry.matchedOn) ?? entry.step
}

function Candidates({ items, title }: { items: FaqMatchedEntry[]; title: string }) {
  if (items.length === 0) return null
  return (
    <div className="mt-3">
      <p className="text-sm font-medium">{title}</p>
      <ul className="mt-1 space-y-1 text-sm">
        {items.map((c) => (
          <li key={c.entryId} className="flex flex-wrap items-baseline gap-2">
            <span className="font-medium">{c.question}</span>
            <span className="text-slate-600">
              {stepText(c)} · {t.score(scorePercent(c.score))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The result of a try: which entry answers and how it was found, or why none does. */
export function MatchResultView({ result, onShowEntry }: { result: FaqMatchResult; onShowEntry?: (id: string) => void }) {
  if (result.outcome === 'matched' && result.match) {
    const m = result.match
    return (
      <div data-outcome="matched" className="rounded-lg border border-green-200 bg-green-50 p-3">
        <p className="font-semibold text-green-900">
          {t.matched} <Badge tone="green">{t.score(scorePercent(m.score))}</Badge>
        </p>
        <p className="mt-2 text-sm text-slate-600">{t.entry}</p>
        <p className="font-medium">{m.question}</p>
        <p className="mt-2 text-sm text-slate-600">{t.answer}</p>
        <p className="whitespace-pre-line">{m.answer}</p>
        <p className="mt-2 text-sm text-slate-700">{stepText(m)}</p>
        {onShowEntry && (
          <Button variant="ghost" className="mt-2" onClick={() => onShowEntry(m.entryId)}>
            {t.showEntry}
          </Button>
        )}
        <Candidates items={result.candidates.filter((c) => c.entryId !== m.entryId)} title={t.alsoClose} />
      </div>
    )
  }
  const text = { no_match: t.noMatch, ambiguous: t.ambiguous, no_words: t.noWords, matched: t.noMatch }[result.outcome]
  return (
    <div data-outcome={result.outcome} className="rounded-lg border border-amber-200 bg-amber-50 p-3">
      <p className="font-semibold text-amber-950">{text.title}</p>
      <p className="mt-1 text-sm text-slate-700">{text.body}</p>
      <Candidates items={result.candidates} title={result.outcome === 'ambiguous' ? t.tied : t.closest} />
    </div>
  )
}

/** "Try it": a question typed as a caller would ask it, answered by the Api's matcher as a call would be. */
export function FaqTryIt({ onShowEntry }: { onShowEntry?: (id: string) => void }) {
  const { client } = useAuth()
  const [text, setText] = useState('')
  const [channel, setChannel] = useState<FaqChannel>('inbound_call')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [result, setResult] = useState<FaqMatchResult | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (text.trim() === '') {
      setErrors({ text: t.textRequired })
      setResult(null)
      return
    }
    setBusy(true)
    setError(null)
    setErrors({})
    try {
      setResult(await client.post<FaqMatchResult>('/api/v1/faq/match', { body: { text: text.trim(), channel } }))
    } catch (failure) {
      setResult(null)
      setErrors(fieldErrorsOf(failure))
      setError(saveErrorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Panel title={t.title} id="faq-try">
      <p className="mb-3 text-sm text-slate-600">{t.intro}</p>
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextAreaField
          id="faq-try-text"
          label={t.question}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={errorFor(errors, 'text')}
        />
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-48">
            <SelectField
              id="faq-try-channel"
              label={t.channel}
              value={channel}
              onChange={(e) => setChannel(e.target.value as FaqChannel)}
              options={faqChannels.map((c) => ({ value: c, label: messages.settings.prompts.channelNames[c] }))}
              error={errorFor(errors, 'channel')}
            />
          </div>
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            {busy ? t.trying : t.submit}
          </Button>
        </div>
      </form>
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      <div role="status" aria-live="polite" className="mt-4" data-testid="faq-try-result">
        {result && <MatchResultView result={result} onShowEntry={onShowEntry} />}
      </div>
    </Panel>
  )
}
