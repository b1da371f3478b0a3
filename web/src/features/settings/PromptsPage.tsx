import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { formatDateTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import type { DiffLine } from './diff'
import { errorFor, fieldErrorsOf, saveErrorMessage, type FieldErrors } from './forms'
import { appendPage, pathAfter, type CursorPage } from './pages'
import { tabAfterKey } from './tabs'
import { TextAreaField } from '../../components/TextField'
import { Badge, DiffView, Panel, SaveFeedback } from './ui'

const t = messages.settings.prompts
const channels = ['inbound_call', 'outbound_call', 'whatsapp'] as const
/** Versions read per page of the history. */
const pageSize = 10
type Channel = (typeof channels)[number]

interface PromptVersion {
  version: number
  text: string
  note: string | null
  authorName: string | null
  createdAt: string | null
  restoredFrom?: number | null
}

interface PromptHistory {
  current: PromptVersion
  items: PromptVersion[]
  next: string | null
}

interface PromptDiff {
  from: number
  to: number
  lines: { kind: DiffLine['kind']; text: string }[]
}

export default function PromptsPage() {
  const [channel, setChannel] = useState<Channel>('inbound_call')
  const tabs = useRef<(HTMLButtonElement | null)[]>([])

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const rtl = (event.currentTarget.closest('[dir]')?.getAttribute('dir') ?? getComputedStyle(event.currentTarget).direction) === 'rtl'
    const next = tabAfterKey(event.key, index, channels.length, rtl)
    if (next === null) return
    event.preventDefault()
    setChannel(channels[next]!)
    tabs.current[next]?.focus()
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div role="tablist" aria-label={t.channels} className="mb-4 flex flex-wrap gap-2">
        {channels.map((c, i) => (
          <button
            key={c}
            ref={(el) => {
              tabs.current[i] = el
            }}
            id={`prompt-tab-${c}`}
            type="button"
            role="tab"
            aria-selected={c === channel}
            aria-controls={`prompt-panel-${c}`}
            tabIndex={c === channel ? 0 : -1}
            onClick={() => setChannel(c)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${
              c === channel ? 'bg-slate-900 text-white' : 'border border-slate-300 bg-white'
            }`}
          >
            {t.channelNames[c]}
          </button>
        ))}
      </div>
      {channels.map((c) => (
        <div
          key={c}
          role="tabpanel"
          id={`prompt-panel-${c}`}
          aria-labelledby={`prompt-tab-${c}`}
          hidden={c !== channel}
          tabIndex={0}
          className="focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-blue-700"
        >
          {c === channel && <ChannelPrompt channel={c} />}
        </div>
      ))}
    </>
  )
}

function ChannelPrompt({ channel }: { channel: Channel }) {
  const firstPage = `/api/v1/prompts/${channel}?limit=${pageSize}`
  const history = useApiQuery<PromptHistory>(firstPage)
  const { client } = useAuth()
  // The pages read after the first, for the first page they followed (a reload starts the list again).
  const [more, setMore] = useState<{ after: PromptHistory; list: CursorPage<PromptVersion> } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)
  const zone = useTimeZone()
  const [text, setText] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [state, setState] = useState<{ saving: boolean; error: string | null; saved: string | null }>({ saving: false, error: null, saved: null })
  const [diffFor, setDiffFor] = useState<number | null>(null)
  const current = history.data?.current.version

  useEffect(() => {
    if (history.data) setText(history.data.current.text)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current])

  if (!history.data || text === null) {
    return history.status === 'error' ? <ErrorState error={history.error} onRetry={history.reload} /> : <Loading />
  }
  const data = history.data
  const shown = more && more.after === data ? more.list : { items: data.items, next: data.next }

  async function loadMore() {
    if (!shown.next) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await client.get<PromptHistory>(pathAfter(firstPage, shown.next))
      const list = appendPage(shown, page, (v) => v.version)
      setMore({ after: data, list })
      // Keyboard users continue at the first version just read (the button may be gone after the last page).
      const first = list.items[shown.items.length]
      if (first) requestAnimationFrame(() => document.querySelector<HTMLElement>(`li[data-version="${first.version}"]`)?.focus())
    } catch (error) {
      setMoreError(saveErrorMessage(error))
    } finally {
      setLoadingMore(false)
    }
  }

  async function run(action: () => Promise<unknown>, saved: string) {
    setState({ saving: true, error: null, saved: null })
    try {
      await action()
      setState({ saving: false, error: null, saved })
      setErrors({})
      setNote('')
      history.reload()
    } catch (error) {
      setErrors(fieldErrorsOf(error))
      setState({ saving: false, error: saveErrorMessage(error), saved: null })
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (text!.trim() === '') {
      setErrors({ text: t.textRequired })
      return
    }
    void run(
      () => client.put(`/api/v1/prompts/${channel}`, { body: { text, note: note.trim() || null, baseVersion: data.current.version } }),
      t.saved,
    )
  }

  return (
    <div className="space-y-6">
      <Panel title={t.editTitle(t.channelNames[channel])}>
        <form onSubmit={submit} noValidate className="space-y-4">
          <TextAreaField
            id="prompt-text"
            label={t.text}
            hint={t.textHint}
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={errorFor(errors, 'text')}
          />
          <TextField id="prompt-note" label={t.note} value={note} onChange={(e) => setNote(e.target.value)} error={errorFor(errors, 'note')} />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="primary" disabled={state.saving}>
              {state.saving ? messages.common.saving : t.saveVersion}
            </Button>
            <SaveFeedback error={state.error} saved={state.saved} />
          </div>
        </form>
      </Panel>
      <Panel title={t.historyTitle}>
        <ol className="space-y-3">
          {shown.items.map((item) => (
            <li
              key={item.version}
              data-version={item.version}
              tabIndex={-1}
              className="rounded-lg border border-slate-200 p-3 focus-visible:outline-2 focus-visible:outline-blue-700"
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-semibold">
                    {t.version(item.version)}{' '}
                    {item.version === data.current.version && <Badge tone="blue">{t.current}</Badge>}
                  </p>
                  <p className="text-sm text-slate-600">
                    {item.createdAt ? formatDateTime(item.createdAt, zone) : t.defaultText}
                    {item.authorName && (
                      <>
                        {' · '}
                        <bdi>{item.authorName}</bdi>
                      </>
                    )}
                  </p>
                  {item.note && <p className="text-sm">{item.note}</p>}
                </div>
                <div className="flex flex-wrap gap-2">
                  {item.version !== data.current.version && (
                    <>
                      <Button
                        aria-expanded={diffFor === item.version}
                        onClick={() => setDiffFor(diffFor === item.version ? null : item.version)}
                      >
                        {diffFor === item.version ? t.hideDiff : t.showDiff}
                      </Button>
                      <Button
                        disabled={state.saving}
                        aria-label={t.restoreVersion(item.version)}
                        onClick={() =>
                          run(
                            () =>
                              client.post(`/api/v1/prompts/${channel}/versions/${item.version}/rollback`, {
                                body: { baseVersion: data.current.version },
                              }),
                            t.restored(item.version),
                          )
                        }
                      >
                        {t.restore}
                      </Button>
                    </>
                  )}
                </div>
              </div>
              {diffFor === item.version && <PromptDiffView channel={channel} from={item.version} to={data.current.version} />}
            </li>
          ))}
        </ol>
        {shown.next && (
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button onClick={() => void loadMore()} disabled={loadingMore} aria-busy={loadingMore}>
              {loadingMore ? messages.common.loading : messages.common.loadMore}
            </Button>
            {moreError && (
              <p role="alert" className="text-sm text-red-800">
                {moreError}
              </p>
            )}
          </div>
        )}
      </Panel>
    </div>
  )
}

function PromptDiffView({ channel, from, to }: { channel: Channel; from: number; to: number }) {
  const diff = useApiQuery<PromptDiff>(`/api/v1/prompts/${channel}/diff?from=${from}&to=${to}`)
  if (diff.status === 'loading') return <Loading />
  if (diff.status === 'error') return <ErrorState error={diff.error} onRetry={diff.reload} />
  return (
    <div className="mt-3">
      <p className="mb-1 text-sm text-slate-600">{t.diffCaption(from, to)}</p>
      <DiffView lines={diff.data.lines} label={t.diffCaption(from, to)} />
    </div>
  )
}
