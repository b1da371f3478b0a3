import { useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { formatDateTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { errorFor } from './forms'
import { SecretOnce } from './SecretOnce'
import { ConfirmDialog } from '../../components/Dialog'
import { Badge, Panel, SaveFeedback, SelectField } from './ui'
import { useAction } from './useAction'

const t = messages.settings.apiKeys

interface ApiKey {
  id: string
  name: string
  prefix: string
  role: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export default function ApiKeysPage() {
  const list = useApiQuery<ApiKey[]>('/api/v1/api-keys')
  const { client } = useAuth()
  const zone = useTimeZone()
  const { state, run, fail } = useAction()
  const [name, setName] = useState('')
  const [role, setRole] = useState('agent')
  const [created, setCreated] = useState<string | null>(null)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)

  async function create(event: FormEvent) {
    event.preventDefault()
    if (name.trim() === '') return fail({ name: t.nameRequired })
    const key = await run(() => client.post<{ key: string }>('/api/v1/api-keys', { body: { name: name.trim(), role } }), t.created)
    if (key) {
      setCreated(key.key)
      setName('')
      list.reload()
    }
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        {created && <SecretOnce label={t.keyTitle} value={created} onDone={() => setCreated(null)} />}
        <Panel title={t.addTitle}>
          <form onSubmit={create} noValidate className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
            <TextField id="key-name" label={t.name} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(state.fieldErrors, 'name')} />
            <SelectField
              id="key-role"
              label={t.role}
              value={role}
              onChange={(e) => setRole(e.target.value)}
              options={['agent', 'admin', 'owner'].map((r) => ({ value: r, label: messages.roles[r] ?? r }))}
              error={errorFor(state.fieldErrors, 'role')}
            />
            <Button type="submit" variant="primary" disabled={state.busy}>
              {t.create}
            </Button>
          </form>
          <div className="mt-3">
            <SaveFeedback error={state.error} saved={state.saved} />
          </div>
        </Panel>
        <Panel title={t.listTitle}>
          {list.status === 'loading' && <Loading />}
          {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
          {list.data && list.data.length === 0 && <EmptyState title={t.empty} body={t.emptyBody} />}
          {list.data && list.data.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[36rem] text-sm">
                <thead>
                  <tr className="text-slate-600">
                    <th className="py-1 text-start font-medium">{t.name}</th>
                    <th className="py-1 text-start font-medium">{t.prefix}</th>
                    <th className="py-1 text-start font-medium">{t.role}</th>
                    <th className="py-1 text-start font-medium">{t.lastUsed}</th>
                    <th className="py-1">
                      <span className="sr-only">{t.actions}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((key) => (
                    <tr key={key.id} className="border-t border-slate-100">
                      <td className="py-1.5">
                        <bdi>{key.name}</bdi>
                      </td>
                      <td>
                        <bdi dir="ltr" className="font-mono">
                          psk_{key.prefix}…
                        </bdi>
                      </td>
                      <td>{messages.roles[key.role] ?? key.role}</td>
                      <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, zone) : t.neverUsed}</td>
                      <td className="text-end">
                        {key.revokedAt ? (
                          <Badge tone="red">{t.revoked}</Badge>
                        ) : (
                          <Button variant="ghost" className="text-red-700" aria-label={t.revokeOf(key.name)} onClick={() => setRevoking(key)}>
                            {t.revoke}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={t.confirmRevoke(revoking?.name ?? '')}
        body={t.confirmRevokeBody}
        confirmLabel={t.revoke}
        onCancel={() => setRevoking(null)}
        onConfirm={async () => {
          const key = revoking!
          setRevoking(null)
          await run(() => client.delete(`/api/v1/api-keys/${key.id}`), t.revokedDone)
          list.reload()
        }}
      />
    </>
  )
}
