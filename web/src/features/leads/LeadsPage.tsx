import { useEffect, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { Button } from '../../components/Button'
import { PageHeader } from '../../components/PageState'
import { messages } from '../../messages'
import { CreateLeadDialog } from './CreateLeadDialog'
import { LeadsBoard } from './LeadsBoard'
import { LeadsTable } from './LeadsTable'

const t = messages.leads

/** /leads: search (kept in the URL as `q`), the table or the kanban (`view=board`), and a new lead. */
export function LeadsPage() {
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const query = params.get('q') ?? ''
  const view = params.get('view') === 'board' ? 'board' : 'table'
  const [typed, setTyped] = useState(query)
  const [creating, setCreating] = useState(false)

  useEffect(() => setTyped(query), [query])

  // The URL follows the search box after a short pause, so each keystroke does not become a request.
  useEffect(() => {
    if (typed.trim() === query) return
    const timer = setTimeout(() => {
      setParams(
        (p) => {
          const next = new URLSearchParams(p)
          if (typed.trim()) next.set('q', typed.trim())
          else next.delete('q')
          return next
        },
        { replace: true },
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [typed, query, setParams])

  function setView(next: 'table' | 'board') {
    setParams((p) => {
      const n = new URLSearchParams(p)
      if (next === 'board') n.set('view', 'board')
      else n.delete('view')
      return n
    })
  }

  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-semibold ${active ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`

  return (
    <>
      <PageHeader
        title={t.title}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            {t.newLead}
          </Button>
        }
      >
        {t.intro}
      </PageHeader>

      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <form role="search" className="min-w-0 flex-1 sm:max-w-sm" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="lead-search" className="block text-sm font-medium">
            {t.searchLabel}
          </label>
          <input
            id="lead-search"
            type="search"
            value={typed}
            placeholder={t.searchPlaceholder}
            onChange={(e) => setTyped(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
          />
        </form>
        <div role="group" aria-label={t.views} className="inline-flex gap-1 rounded-lg bg-slate-200 p-1">
          <button type="button" aria-pressed={view === 'table'} className={tabClass(view === 'table')} onClick={() => setView('table')}>
            {t.tableView}
          </button>
          <button type="button" aria-pressed={view === 'board'} className={tabClass(view === 'board')} onClick={() => setView('board')}>
            {t.boardView}
          </button>
        </div>
      </div>

      {view === 'table' ? (
        <LeadsTable search={query} onClearSearch={() => setTyped('')} onCreate={() => setCreating(true)} />
      ) : (
        <LeadsBoard search={query} />
      )}

      <CreateLeadDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(lead) => {
          setCreating(false)
          navigate(`/leads/${lead.id}`)
        }}
      />
    </>
  )
}
