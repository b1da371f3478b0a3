import { useState, type FormEvent } from 'react'
import { Route, Routes, useNavigate } from 'react-router'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader, Phone } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { formatDate } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { useAuth } from '../auth/AuthProvider'
import { errorFor, toInteger } from '../settings/forms'
import { ConfirmDialog } from '../../components/Dialog'
import { Badge, Panel, SaveFeedback } from '../settings/ui'
import { useAction } from '../settings/useAction'

const t = messages.tenants

interface TenantSummary {
  id: string
  name: string
  slug: string
  status: string
  phoneNumbers: string[]
  createdAt: string
  limits: { maxConcurrentCalls: number; maxOutboundCalls: number }
}

/** A slug the Api accepts: lower-case Latin letters, digits and dashes. */
export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)
}

/** The tenants section: every route under /tenants. */
export default function TenantsSection() {
  return (
    <Routes>
      <Route index element={<TenantsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}

function TenantsPage() {
  const list = useApiQuery<TenantSummary[]>('/api/v1/tenants')
  const { client, session, refresh } = useAuth()
  const navigate = useNavigate()
  const zone = useTimeZone()
  const { state, run, fail } = useAction()
  const [name, setName] = useState('')
  const [slug, setSlug] = useState('')
  const [managing, setManaging] = useState<string | null>(null)
  const [suspending, setSuspending] = useState<TenantSummary | null>(null)
  const [reason, setReason] = useState('')
  const selected = session.kind === 'signed-in' ? session.user.tenantId : null

  async function create(event: FormEvent) {
    event.preventDefault()
    const problems: Record<string, string> = {}
    if (name.trim() === '') problems.name = t.nameRequired
    if (!isValidSlug(slug.trim())) problems.slug = t.slugInvalid
    if (Object.keys(problems).length > 0) return fail(problems)
    if (await run(() => client.post('/api/v1/tenants', { body: { name: name.trim(), slug: slug.trim() } }), t.created)) {
      setName('')
      setSlug('')
      list.reload()
    }
  }

  async function choose(tenant: TenantSummary) {
    const done = await run(async () => {
      await client.post('/api/v1/auth/tenant', { body: { tenantId: tenant.id } })
      await refresh()
      return true
    }, t.chosen)
    if (done) navigate('/overview')
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="space-y-6">
        <SaveFeedback error={state.error} saved={state.saved} />
        <Panel title={t.listTitle}>
          {list.status === 'loading' && <Loading />}
          {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
          {list.data && list.data.length === 0 && <EmptyState title={t.empty} body={t.emptyBody} />}
          {list.data && list.data.length > 0 && (
            <ul className="space-y-3">
              {list.data.map((tenant) => {
                const active = tenant.status.toLowerCase() === 'active'
                return (
                  <li key={tenant.id} data-tenant={tenant.slug} className="rounded-lg border border-slate-200 p-3">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="min-w-0">
                        <p className="font-semibold">
                          <bdi>{tenant.name}</bdi> <Badge tone={active ? 'green' : 'red'}>{active ? t.active : t.suspended}</Badge>{' '}
                          {selected === tenant.id && <Badge tone="blue">{t.current}</Badge>}
                        </p>
                        <p className="text-sm text-slate-600">
                          <bdi dir="ltr">{tenant.slug}</bdi> · {formatDate(tenant.createdAt, zone)}
                        </p>
                        <p className="text-sm">
                          {t.limitsTitle}: {t.limitsValue(tenant.limits.maxConcurrentCalls, tenant.limits.maxOutboundCalls)}
                        </p>
                        <p className="text-sm">
                          {t.phones}:{' '}
                          {tenant.phoneNumbers.length === 0
                            ? t.noPhones
                            : tenant.phoneNumbers.map((p, i) => (
                                <span key={p}>
                                  {i > 0 && ', '}
                                  <Phone value={p} />
                                </span>
                              ))}
                        </p>
                      </div>
                      <div className="flex flex-wrap gap-1">
                        <Button variant="primary" aria-label={t.chooseOf(tenant.name)} disabled={state.busy} onClick={() => void choose(tenant)}>
                          {t.choose}
                        </Button>
                        <Button aria-expanded={managing === tenant.id} aria-label={t.manageOf(tenant.name)} onClick={() => setManaging(managing === tenant.id ? null : tenant.id)}>
                          {t.manage}
                        </Button>
                        {active ? (
                          <Button variant="ghost" className="text-red-700" aria-label={t.suspendOf(tenant.name)} onClick={() => setSuspending(tenant)}>
                            {t.suspend}
                          </Button>
                        ) : (
                          <Button
                            variant="ghost"
                            onClick={async () => {
                              await run(() => client.post(`/api/v1/tenants/${tenant.id}/reactivate`), t.reactivated)
                              list.reload()
                            }}
                          >
                            {t.reactivate}
                          </Button>
                        )}
                      </div>
                    </div>
                    {managing === tenant.id && <ManageTenant tenant={tenant} onChanged={list.reload} />}
                  </li>
                )
              })}
            </ul>
          )}
        </Panel>
        <Panel title={t.createTitle}>
          <form onSubmit={create} noValidate className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <TextField id="tenant-name" label={t.name} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(state.fieldErrors, 'name')} />
            <TextField id="tenant-slug" label={t.slug} dir="ltr" value={slug} onChange={(e) => setSlug(e.target.value)} error={errorFor(state.fieldErrors, 'slug')} />
            <Button type="submit" variant="primary" disabled={state.busy}>
              {t.create}
            </Button>
          </form>
        </Panel>
      </div>
      <ConfirmDialog
        open={suspending !== null}
        title={t.confirmSuspend(suspending?.name ?? '')}
        body={
          <div className="space-y-3">
            <p>{t.confirmSuspendBody}</p>
            <TextField id="suspend-reason" label={t.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        }
        confirmLabel={t.suspend}
        onCancel={() => setSuspending(null)}
        onConfirm={async () => {
          const tenant = suspending!
          setSuspending(null)
          await run(() => client.post(`/api/v1/tenants/${tenant.id}/suspend`, { body: { reason: reason.trim() } }), t.suspended_done)
          setReason('')
          list.reload()
        }}
      />
    </>
  )
}

function ManageTenant({ tenant, onChanged }: { tenant: TenantSummary; onChanged: () => void }) {
  const { client } = useAuth()
  const { state, run } = useAction()
  const [phone, setPhone] = useState('')
  const [total, setTotal] = useState(String(tenant.limits.maxConcurrentCalls))
  const [outbound, setOutbound] = useState(String(tenant.limits.maxOutboundCalls))

  return (
    <div className="mt-3 grid gap-4 border-t border-slate-100 pt-3 sm:grid-cols-2">
      <form
        noValidate
        className="space-y-2"
        onSubmit={async (e) => {
          e.preventDefault()
          if (await run(() => client.post(`/api/v1/tenants/${tenant.id}/phone-numbers`, { body: { phoneNumber: phone.trim() } }), t.phoneAdded)) {
            setPhone('')
            onChanged()
          }
        }}
      >
        <TextField id={`phone-${tenant.id}`} label={t.phone} dir="ltr" value={phone} onChange={(e) => setPhone(e.target.value)} error={errorFor(state.fieldErrors, 'phoneNumber')} />
        <Button type="submit">{t.addPhone}</Button>
        <ul className="space-y-1">
          {tenant.phoneNumbers.map((p) => (
            <li key={p} className="flex items-center gap-2 text-sm">
              <Phone value={p} />
              <Button
                variant="ghost"
                aria-label={t.releasePhone(p)}
                onClick={async () => {
                  await run(() => client.delete(`/api/v1/tenants/${tenant.id}/phone-numbers/${encodeURIComponent(p)}`), t.phoneReleased)
                  onChanged()
                }}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      </form>
      <form
        noValidate
        className="space-y-2"
        onSubmit={async (e) => {
          e.preventDefault()
          const saved = await run(
            () =>
              client.put(`/api/v1/tenants/${tenant.id}/limits`, {
                body: { maxConcurrentCalls: toInteger(total) ?? 0, maxOutboundCalls: toInteger(outbound) ?? 0 },
              }),
            t.limitsSaved,
          )
          if (saved) onChanged()
        }}
      >
        <p className="font-medium">{t.limitsTitle}</p>
        <TextField id={`total-${tenant.id}`} label={t.maxConcurrent} inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} error={errorFor(state.fieldErrors, 'maxConcurrentCalls')} />
        <TextField id={`outbound-${tenant.id}`} label={t.maxOutbound} inputMode="numeric" value={outbound} onChange={(e) => setOutbound(e.target.value)} error={errorFor(state.fieldErrors, 'maxOutboundCalls')} />
        <Button type="submit">{t.saveLimits}</Button>
      </form>
      <div className="sm:col-span-2">
        <SaveFeedback error={state.error} saved={state.saved} />
      </div>
    </div>
  )
}
