import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { formatDateTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { lineDiff } from './diff'
import { checkRange, errorFor, saveErrorMessage, toInteger, type FieldErrors } from './forms'
import { TextAreaField } from '../../components/TextField'
import { Badge, CheckboxField, DiffView, Panel, SaveFeedback, SelectField } from './ui'
import { settingsPath, useSettingsDocument, type SettingsDocument } from './useSettingsDocument'

const t = messages.settings.assistant

export const voices = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const

export interface AssistantForm {
  assistantName: string
  greeting: string
  voice: string
  assistantGender: string
  botSpeaksFirst: boolean
  onGoodbye: boolean
  onLeadCaptured: boolean
  warningAfterSeconds: string
  hangupAfterSeconds: string
  maxWarnings: string
  maxCallMinutes: string
}

export function assistantFormOf(s: SettingsDocument): AssistantForm {
  return {
    assistantName: s.assistantName,
    greeting: s.greeting,
    voice: s.voice,
    assistantGender: String(s.assistantGender).toLowerCase(),
    botSpeaksFirst: s.botSpeaksFirst,
    onGoodbye: s.autoHangup.onGoodbye,
    onLeadCaptured: s.autoHangup.onLeadCaptured,
    warningAfterSeconds: String(s.silence.warningAfterSeconds),
    hangupAfterSeconds: String(s.silence.hangupAfterSeconds),
    maxWarnings: String(s.silence.maxWarnings),
    maxCallMinutes: String(s.maxCallMinutes),
  }
}

/** Checks made before the Api is asked, keyed as the Api keys its field errors. */
export function validateAssistant(form: AssistantForm): FieldErrors {
  const errors: FieldErrors = {}
  if (form.assistantName.trim() === '') errors['assistantname'] = t.nameRequired
  if (form.greeting.trim() === '') errors['greeting'] = t.greetingRequired
  const ranges: [keyof AssistantForm, string, number, number][] = [
    ['warningAfterSeconds', 'silence.warningafterseconds', 3, 120],
    ['hangupAfterSeconds', 'silence.hangupafterseconds', 5, 600],
    ['maxWarnings', 'silence.maxwarnings', 0, 5],
    ['maxCallMinutes', 'maxcallminutes', 1, 120],
  ]
  for (const [field, key, min, max] of ranges) {
    const problem = checkRange(String(form[field]), min, max)
    if (problem) errors[key] = problem
  }
  return errors
}

export function applyAssistant(s: SettingsDocument, form: AssistantForm): SettingsDocument {
  return {
    ...s,
    assistantName: form.assistantName.trim(),
    greeting: form.greeting.trim(),
    voice: form.voice,
    assistantGender: form.assistantGender,
    botSpeaksFirst: form.botSpeaksFirst,
    autoHangup: { ...s.autoHangup, onGoodbye: form.onGoodbye, onLeadCaptured: form.onLeadCaptured },
    silence: {
      ...s.silence,
      warningAfterSeconds: toInteger(form.warningAfterSeconds) ?? s.silence.warningAfterSeconds,
      hangupAfterSeconds: toInteger(form.hangupAfterSeconds) ?? s.silence.hangupAfterSeconds,
      maxWarnings: toInteger(form.maxWarnings) ?? s.silence.maxWarnings,
    },
    maxCallMinutes: toInteger(form.maxCallMinutes) ?? s.maxCallMinutes,
  }
}

export default function AssistantPage() {
  const { query, save, saveWith, clearSaved } = useSettingsDocument()
  const [form, setForm] = useState<AssistantForm | null>(null)
  const [localErrors, setLocalErrors] = useState<FieldErrors>({})
  const history = useApiQuery<SettingsHistoryView>(`${settingsPath}/history`)
  const version = query.data?.version

  useEffect(() => {
    if (query.data) setForm(assistantFormOf(query.data.settings))
    // Only a new version of the settings replaces what the user typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version])

  if (!form) {
    return (
      <>
        <PageHeader title={t.title} />
        {query.status === 'error' ? <ErrorState error={query.error} onRetry={query.reload} /> : <Loading />}
      </>
    )
  }

  const errors = { ...save.fieldErrors, ...localErrors }
  const set = <K extends keyof AssistantForm>(key: K, value: AssistantForm[K]) => {
    clearSaved()
    setForm({ ...form, [key]: value })
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problems = validateAssistant(form!)
    setLocalErrors(problems)
    if (Object.keys(problems).length > 0) return
    if (await saveWith((s) => applyAssistant(s, form!), t.saved)) history.reload()
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        <Panel title={t.formTitle}>
          <form onSubmit={submit} noValidate className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                id="assistant-name"
                label={t.assistantName}
                value={form.assistantName}
                onChange={(e) => set('assistantName', e.target.value)}
                error={errorFor(errors, 'assistantName')}
              />
              <SelectField
                id="assistant-voice"
                label={t.voice}
                value={form.voice}
                onChange={(e) => set('voice', e.target.value)}
                options={voices.map((v) => ({ value: v, label: v }))}
                error={errorFor(errors, 'voice')}
              />
              <SelectField
                id="assistant-gender"
                label={t.gender}
                value={form.assistantGender}
                onChange={(e) => set('assistantGender', e.target.value)}
                options={[
                  { value: 'female', label: t.female },
                  { value: 'male', label: t.male },
                ]}
                error={errorFor(errors, 'assistantGender')}
              />
              <TextField
                id="assistant-max-minutes"
                label={t.maxCallMinutes}
                inputMode="numeric"
                value={form.maxCallMinutes}
                onChange={(e) => set('maxCallMinutes', e.target.value)}
                error={errorFor(errors, 'maxCallMinutes')}
              />
            </div>
            <TextAreaField
              id="assistant-greeting"
              label={t.greeting}
              hint={t.greetingHint}
              rows={3}
              value={form.greeting}
              onChange={(e) => set('greeting', e.target.value)}
              error={errorFor(errors, 'greeting')}
            />
            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold">{t.behaviour}</legend>
              <CheckboxField id="bot-first" label={t.botSpeaksFirst} checked={form.botSpeaksFirst} onChange={(v) => set('botSpeaksFirst', v)} />
              <CheckboxField id="hangup-goodbye" label={t.onGoodbye} checked={form.onGoodbye} onChange={(v) => set('onGoodbye', v)} />
              <CheckboxField
                id="hangup-lead"
                label={t.onLeadCaptured}
                checked={form.onLeadCaptured}
                onChange={(v) => set('onLeadCaptured', v)}
              />
            </fieldset>
            <fieldset>
              <legend className="text-sm font-semibold">{t.silence}</legend>
              <div className="mt-2 grid gap-4 sm:grid-cols-3">
                <TextField
                  id="silence-warning"
                  label={t.warningAfter}
                  inputMode="numeric"
                  value={form.warningAfterSeconds}
                  onChange={(e) => set('warningAfterSeconds', e.target.value)}
                  error={errorFor(errors, 'silence.warningAfterSeconds') ?? errorFor(errors, 'silence')}
                />
                <TextField
                  id="silence-hangup"
                  label={t.hangupAfter}
                  inputMode="numeric"
                  value={form.hangupAfterSeconds}
                  onChange={(e) => set('hangupAfterSeconds', e.target.value)}
                  error={errorFor(errors, 'silence.hangupAfterSeconds')}
                />
                <TextField
                  id="silence-warnings"
                  label={t.maxWarnings}
                  inputMode="numeric"
                  value={form.maxWarnings}
                  onChange={(e) => set('maxWarnings', e.target.value)}
                  error={errorFor(errors, 'silence.maxWarnings')}
                />
              </div>
            </fieldset>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" variant="primary" disabled={save.saving} aria-busy={save.saving}>
                {save.saving ? messages.common.saving : messages.common.save}
              </Button>
              <SaveFeedback error={save.error} saved={save.saved} />
            </div>
          </form>
        </Panel>
        <SettingsHistory
          history={history}
          onRestored={() => {
            clearSaved()
            query.reload()
          }}
        />
      </div>
    </>
  )
}

interface AssistantValues {
  assistantName: string
  greeting: string
  voice: string
  botSpeaksFirst: boolean
}

interface SettingsVersion {
  version: number
  changedAt: string
  changedBy: string | null
  changedSettings: string[]
  assistant: AssistantValues
}

interface SettingsHistoryView {
  currentVersion: number
  tenantVersion: number
  items: SettingsVersion[]
}

/** The names of changed settings in Hebrew (unknown names as they are). */
export function changedSettingsLabel(names: readonly string[]): string {
  if (names.length === 0) return t.history.created
  return names.map((name) => (t.history.fields as Record<string, string>)[name] ?? name).join(', ')
}

function SettingsHistory({
  history,
  onRestored,
}: {
  history: ReturnType<typeof useApiQuery<SettingsHistoryView>>
  onRestored: () => void
}) {
  const { client } = useAuth()
  const zone = useTimeZone()
  const [busy, setBusy] = useState<number | null>(null)
  const [result, setResult] = useState<{ error: string | null; saved: string | null }>({ error: null, saved: null })

  async function restore(version: number) {
    if (!history.data) return
    setBusy(version)
    setResult({ error: null, saved: null })
    try {
      await client.post(`${settingsPath}/history/${version}/rollback`, { body: { expectedVersion: history.data.tenantVersion } })
      setResult({ error: null, saved: t.history.restored(version) })
      history.reload()
      onRestored()
    } catch (error) {
      setResult({ error: saveErrorMessage(error), saved: null })
      history.reload()
    } finally {
      setBusy(null)
    }
  }

  return (
    <Panel title={t.history.title} id="settings-history">
      <p className="mb-3 text-sm text-slate-600">{t.history.intro}</p>
      <div className="mb-3">
        <SaveFeedback error={result.error} saved={result.saved} />
      </div>
      {history.status === 'loading' && <Loading />}
      {history.status === 'error' && !history.data && <ErrorState error={history.error} onRetry={history.reload} />}
      {history.data && (
        <ol className="space-y-3" aria-label={t.history.title}>
          {history.data.items.map((item, index) => {
            const previous = history.data!.items[index + 1]
            const greetingChanged = previous && previous.assistant.greeting !== item.assistant.greeting
            const current = item.version === history.data!.currentVersion
            return (
              <li key={item.version} data-version={item.version} className="rounded-lg border border-slate-200 p-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-semibold">
                      {t.history.version(item.version)} {current && <Badge tone="blue">{t.history.current}</Badge>}
                    </p>
                    <p className="text-sm text-slate-600">
                      {formatDateTime(item.changedAt, zone)}
                      {item.changedBy && (
                        <>
                          {' · '}
                          <bdi>{item.changedBy}</bdi>
                        </>
                      )}
                    </p>
                    <p className="text-sm text-slate-700">
                      {t.history.changed}: {changedSettingsLabel(item.changedSettings)}
                    </p>
                  </div>
                  {!current && (
                    <Button
                      onClick={() => restore(item.version)}
                      disabled={busy !== null}
                      aria-busy={busy === item.version}
                      aria-label={t.history.restoreVersion(item.version)}
                    >
                      {busy === item.version ? t.history.restoring : t.history.restore}
                    </Button>
                  )}
                </div>
                <div className="mt-2">
                  {greetingChanged ? (
                    <DiffView lines={lineDiff(previous.assistant.greeting, item.assistant.greeting)} label={t.history.greetingDiff(item.version)} />
                  ) : (
                    <p className="text-sm text-slate-600">
                      {t.history.greeting}: <span className="text-slate-900">{item.assistant.greeting}</span>
                    </p>
                  )}
                </div>
              </li>
            )
          })}
        </ol>
      )}
    </Panel>
  )
}
