import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading, PageHeader, Phone } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { useApiQuery } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { errorFor, fieldErrorsOf, saveErrorMessage, type FieldErrors } from './forms'
import { Badge, Panel, SaveFeedback, SelectField } from './ui'

const t = messages.settings.business

interface Profile {
  id: string
  name: string
  slug: string
  timeZone: string
  address: string | null
  status: string
  limits: { maxConcurrentCalls: number; maxOutboundCalls: number }
  phoneNumbers: string[]
  version: number
}

export const timeZones = ['Asia/Jerusalem', 'Europe/London', 'Europe/Paris', 'America/New_York', 'UTC'] as const

export interface ProfileForm {
  name: string
  address: string
  timeZone: string
}

export function validateProfile(form: ProfileForm): FieldErrors {
  const errors: FieldErrors = {}
  if (form.name.trim() === '') errors['name'] = t.nameRequired
  if (form.address.length > 200) errors['address'] = t.addressTooLong
  return errors
}

export default function BusinessPage() {
  const query = useApiQuery<Profile>('/api/v1/business')
  const { client, session, refresh } = useAuth()
  const [form, setForm] = useState<ProfileForm | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [state, setState] = useState<{ saving: boolean; error: string | null; saved: string | null }>({ saving: false, error: null, saved: null })
  const isOwner = session.kind === 'signed-in' && (session.user.role === 'owner' || session.user.role === 'system_admin')

  useEffect(() => {
    if (query.data) setForm({ name: query.data.name, address: query.data.address ?? '', timeZone: query.data.timeZone })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.data?.version])

  if (!form || !query.data) {
    return (
      <>
        <PageHeader title={t.title} />
        {query.status === 'error' ? <ErrorState error={query.error} onRetry={query.reload} /> : <Loading />}
      </>
    )
  }
  const profile = query.data

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problems = validateProfile(form!)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    setState({ saving: true, error: null, saved: null })
    try {
      await client.put('/api/v1/business', {
        body: { name: form!.name.trim(), timeZone: form!.timeZone, address: form!.address.trim(), expectedVersion: profile.version },
      })
      setState({ saving: false, error: null, saved: t.saved })
      query.reload()
      void refresh()
    } catch (error) {
      setErrors(fieldErrorsOf(error))
      setState({ saving: false, error: saveErrorMessage(error), saved: null })
    }
  }

  const zones = timeZones.includes(form.timeZone as (typeof timeZones)[number]) ? timeZones : [form.timeZone, ...timeZones]
  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        <Panel title={t.formTitle}>
          <form onSubmit={submit} noValidate className="space-y-4">
            <TextField
              id="business-name"
              label={t.name}
              value={form.name}
              disabled={!isOwner}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              error={errorFor(errors, 'name')}
            />
            <TextField
              id="business-address"
              label={t.address}
              value={form.address}
              disabled={!isOwner}
              onChange={(e) => setForm({ ...form, address: e.target.value })}
              error={errorFor(errors, 'address')}
            />
            <SelectField
              id="business-zone"
              label={t.timeZone}
              value={form.timeZone}
              disabled={!isOwner}
              onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
              options={zones.map((z) => ({ value: z, label: z }))}
              error={errorFor(errors, 'timeZone')}
            />
            {isOwner ? (
              <div className="flex flex-wrap items-center gap-3">
                <Button type="submit" variant="primary" disabled={state.saving} aria-busy={state.saving}>
                  {state.saving ? messages.common.saving : messages.common.save}
                </Button>
                <SaveFeedback error={state.error} saved={state.saved} />
              </div>
            ) : (
              <p className="text-sm text-slate-600">{t.ownerOnly}</p>
            )}
          </form>
        </Panel>
        <Panel title={t.detailsTitle}>
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-600">{t.slug}</dt>
              <dd>
                <bdi>{profile.slug}</bdi>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t.status}</dt>
              <dd>
                <Badge tone={profile.status.toLowerCase() === 'active' ? 'green' : 'red'}>
                  {profile.status.toLowerCase() === 'active' ? messages.tenants.active : messages.tenants.suspended}
                </Badge>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t.phones}</dt>
              <dd>
                {profile.phoneNumbers.length === 0 ? (
                  messages.common.none
                ) : (
                  <ul>
                    {profile.phoneNumbers.map((p) => (
                      <li key={p}>
                        <Phone value={p} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t.limits}</dt>
              <dd>{t.limitsValue(profile.limits.maxConcurrentCalls, profile.limits.maxOutboundCalls)}</dd>
            </div>
          </dl>
        </Panel>
      </div>
    </>
  )
}
