import { useEffect, useId, useState, type ReactNode } from 'react'
import { Phone } from '../../components/PageState'
import { useAuth } from '../auth/AuthProvider'
import { messages } from '../../messages'

export interface LeadOption {
  id: string
  name: string | null
  phone: string | null
}

/**
 * Searches the business's leads by name or phone as the user types (a short pause between keystrokes), and lists what
 * it finds; `renderAction` gives each found lead its button (pick, add…).
 */
export function LeadSearch({
  label,
  renderAction,
  autoFocus,
}: {
  label: string
  renderAction: (lead: LeadOption) => ReactNode
  autoFocus?: boolean
}) {
  const { client } = useAuth()
  const id = useId()
  const [text, setText] = useState('')
  const [state, setState] = useState<{ status: 'idle' | 'loading' | 'ready' | 'error'; items: LeadOption[]; error?: string }>({
    status: 'idle',
    items: [],
  })

  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, status: 'loading' }))
      const query = new URLSearchParams({ limit: '8' })
      if (text.trim()) query.set('search', text.trim())
      client.get<{ items: LeadOption[] }>(`/api/v1/leads?${query}`, { signal: controller.signal }).then(
        (page) => setState({ status: 'ready', items: page.items }),
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'error', items: [], error: error instanceof Error ? error.message : String(error) })
        },
      )
    }, 250)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [client, text])

  const t = messages.appointments.book
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        autoFocus={autoFocus}
        onChange={(e) => setText(e.target.value)}
        placeholder={t.leadSearchHint}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
      />
      <div aria-live="polite" className="mt-2">
        {state.status === 'loading' && <p className="text-sm text-slate-600">{t.searching}</p>}
        {state.status === 'error' && (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
        {state.status === 'ready' && state.items.length === 0 && <p className="text-sm text-slate-600">{t.noLeads}</p>}
      </div>
      {state.items.length > 0 && (
        <ul className="mt-1 max-h-60 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200" data-testid="lead-results">
          {state.items.map((lead) => (
            <li key={lead.id} className="flex items-center justify-between gap-2 px-3 py-2">
              <div className="min-w-0">
                <p className="truncate font-medium">
                  <bdi>{lead.name ?? messages.appointments.noLeadName}</bdi>
                </p>
                <p className="text-sm text-slate-600">
                  <Phone value={lead.phone} />
                </p>
              </div>
              {renderAction(lead)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
