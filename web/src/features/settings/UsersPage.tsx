import { useRef, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { useApiQuery } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { errorFor, type FieldErrors } from './forms'
import { ConfirmDialog } from '../../components/Dialog'
import { Badge, Panel, SaveFeedback, SelectField } from './ui'
import { generatePassword } from './password'
import { SecretOnce } from './SecretOnce'
import { useAction } from './useAction'

const t = messages.settings.users

interface User {
  id: string
  email: string
  displayName: string
  role: string
  isDisabled: boolean
}

export interface NewUser {
  displayName: string
  email: string
  role: string
}

export function validateNewUser(user: NewUser): FieldErrors {
  const errors: FieldErrors = {}
  if (user.displayName.trim() === '') errors.displayname = t.nameRequired
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(user.email.trim())) errors.email = t.emailInvalid
  return errors
}

const emptyUser: NewUser = { displayName: '', email: '', role: 'agent' }

export default function UsersPage() {
  const list = useApiQuery<User[]>('/api/v1/users')
  const { client, session } = useAuth()
  const { state, run, fail } = useAction()
  const [draft, setDraft] = useState<NewUser>(emptyUser)
  const [disabling, setDisabling] = useState<User | null>(null)
  const [handover, setHandover] = useState<{ name: string; email: string; password: string } | null>(null)
  const handoverRef = useRef<HTMLDivElement>(null)
  const me = session.kind === 'signed-in' ? session.user.id : null
  const roleOptions = ['agent', 'admin', 'owner'].map((r) => ({ value: r, label: messages.roles[r] ?? r }))

  async function setEnabled(user: User, enabled: boolean) {
    await run(() => client.post(`/api/v1/users/${user.id}/${enabled ? 'enable' : 'disable'}`), enabled ? t.enabled : t.disabledDone)
    list.reload()
  }

  async function create(event: FormEvent) {
    event.preventDefault()
    const problems = validateNewUser(draft)
    if (Object.keys(problems).length > 0) return fail(problems)
    // No invitation is sent: the user is created with a password drawn here, shown once for the admin to hand over.
    const password = generatePassword()
    const user = { displayName: draft.displayName.trim(), email: draft.email.trim(), role: draft.role }
    const done = await run(() => client.post('/api/v1/users', { body: { ...user, password } }), t.created)
    if (done) {
      setHandover({ name: user.displayName, email: user.email, password })
      setDraft(emptyUser)
      list.reload()
      requestAnimationFrame(() => handoverRef.current?.focus())
    }
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        {handover && (
          <div ref={handoverRef} tabIndex={-1} className="space-y-2 focus-visible:outline-2 focus-visible:outline-blue-700">
            <SecretOnce label={t.passwordTitle(handover.name)} value={handover.password} onDone={() => setHandover(null)} />
            <p className="text-sm text-slate-700">
              {t.signInWith} <bdi dir="ltr">{handover.email}</bdi>
            </p>
          </div>
        )}
        <Panel title={t.addTitle}>
          <p className="mb-2 text-sm text-slate-700">{t.howItWorks}</p>
          <p className="mb-3 text-sm text-slate-600">{t.rules}</p>
          <form onSubmit={create} noValidate className="grid gap-4 sm:grid-cols-2">
            <TextField
              id="user-name"
              label={t.name}
              value={draft.displayName}
              onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
              error={errorFor(state.fieldErrors, 'displayName')}
            />
            <TextField
              id="user-email"
              label={t.email}
              type="email"
              dir="ltr"
              value={draft.email}
              onChange={(e) => setDraft({ ...draft, email: e.target.value })}
              error={errorFor(state.fieldErrors, 'email')}
            />
            <SelectField
              id="user-role"
              label={t.role}
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value })}
              options={roleOptions}
              error={errorFor(state.fieldErrors, 'role')}
            />
            <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
              <Button type="submit" variant="primary" disabled={state.busy}>
                {t.create}
              </Button>
            </div>
          </form>
        </Panel>
        <SaveFeedback error={state.error} saved={state.saved} />
        <Panel title={t.listTitle}>
          {list.status === 'loading' && <Loading />}
          {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
          {list.data && (
            <ul className="divide-y divide-slate-100">
              {list.data.map((user) => (
                <li key={user.id} data-user={user.email} className="flex flex-wrap items-end justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <p className="font-semibold">
                      <bdi>{user.displayName}</bdi> {user.isDisabled && <Badge tone="red">{t.disabled}</Badge>}
                    </p>
                    <p className="text-sm text-slate-600">
                      <bdi dir="ltr">{user.email}</bdi>
                    </p>
                  </div>
                  {user.id === me ? (
                    <Badge tone="blue">{t.you}</Badge>
                  ) : (
                    <div className="flex flex-wrap items-end gap-2">
                      <div className="w-36">
                        <SelectField
                          id={`role-${user.id}`}
                          label={t.roleOf(user.displayName)}
                          value={user.role}
                          disabled={state.busy}
                          onChange={async (e) => {
                            const role = e.target.value
                            await run(() => client.put(`/api/v1/users/${user.id}/role`, { body: { role } }), t.roleChanged)
                            list.reload()
                          }}
                          options={roleOptions.some((o) => o.value === user.role) ? roleOptions : [{ value: user.role, label: messages.roles[user.role] ?? user.role }, ...roleOptions]}
                        />
                      </div>
                      <Button
                        disabled={state.busy}
                        aria-label={user.isDisabled ? t.enableOf(user.displayName) : t.disableOf(user.displayName)}
                        className={user.isDisabled ? undefined : 'text-red-700'}
                        onClick={() => (user.isDisabled ? void setEnabled(user, true) : setDisabling(user))}
                      >
                        {user.isDisabled ? t.enable : t.disable}
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
      <ConfirmDialog
        open={disabling !== null}
        title={t.confirmDisable(disabling?.displayName ?? '')}
        body={t.confirmDisableBody}
        confirmLabel={t.disable}
        busy={state.busy}
        onCancel={() => setDisabling(null)}
        onConfirm={async () => {
          const user = disabling!
          setDisabling(null)
          await setEnabled(user, false)
        }}
      />
    </>
  )
}
