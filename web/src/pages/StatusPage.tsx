import { CheckList } from '../features/status/CheckList'
import { ConnectionErrorPanel } from '../features/status/ConnectionErrorPanel'
import { OverallSummary } from '../features/status/OverallSummary'
import { useHealthReport } from '../features/status/useHealthReport'
import { formatDateTime } from '../lib/datetime'
import { useTimeZone } from '../lib/useApiQuery'
import { messages } from '../messages'

export function StatusPage() {
  const { state, reloading, reload } = useHealthReport()
  const timeZone = useTimeZone()

  return (
    <section aria-labelledby="status-title" className="space-y-6">
      <title>{messages.app.documentTitle(messages.status.title)}</title>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 id="status-title" className="text-2xl font-bold sm:text-3xl">
            {messages.status.title}
          </h1>
          <p className="mt-1 text-slate-600">{messages.status.intro}</p>
        </div>
        {state.kind === 'ready' && (
          <button
            type="button"
            onClick={reloading ? undefined : reload}
            aria-busy={reloading}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100 aria-busy:cursor-wait aria-busy:opacity-60"
          >
            {reloading ? messages.status.refreshing : messages.status.refresh}
          </button>
        )}
      </div>

      <div role="status" aria-live="polite">
        {state.kind === 'loading' && <p className="text-slate-600">{messages.status.loading}</p>}
        {state.kind === 'ready' && <OverallSummary state={state.view.state} />}
      </div>

      {state.kind === 'error' && <ConnectionErrorPanel onRetry={reload} retrying={reloading} />}

      {state.kind === 'ready' && (
        <>
          <div>
            <h2 className="sr-only">{messages.status.checksHeading}</h2>
            <CheckList checks={state.view.checks} />
          </div>
          <p className="text-sm text-slate-500">
            {messages.status.checkedAtLabel}{' '}
            <time dateTime={state.checkedAt.toISOString()} dir="ltr">
              {formatDateTime(state.checkedAt, timeZone)}
            </time>
          </p>
        </>
      )}
    </section>
  )
}
