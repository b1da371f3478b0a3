import { messages } from '../../messages'

export function ConnectionErrorPanel({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-5 text-red-900">
      <h2 className="text-lg font-bold">{messages.status.connectionError}</h2>
      <p className="mt-1 text-sm text-red-800">{messages.status.connectionErrorHint}</p>
      <button
        type="button"
        onClick={retrying ? undefined : onRetry}
        aria-busy={retrying}
        className="mt-4 inline-flex items-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 aria-busy:cursor-wait aria-busy:opacity-70"
      >
        {retrying ? messages.status.retrying : messages.status.retry}
      </button>
    </div>
  )
}
