import { useState } from 'react'
import { Button } from '../../components/Button'
import { messages } from '../../messages'

/** A secret the Api shows only once: the value, a copy button and a clear warning. */
export function SecretOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  return (
    <div role="region" aria-label={label} className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="font-semibold text-amber-950">{label}</p>
      <p className="mt-1 text-sm text-amber-900">{messages.settings.secret.warning}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code dir="ltr" data-testid="secret-value" className="min-w-0 flex-1 overflow-x-auto rounded bg-white px-2 py-1.5 font-mono text-sm break-all">
          {value}
        </code>
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false))
          }}
        >
          {messages.settings.secret.copy}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {messages.settings.secret.done}
        </Button>
      </div>
      <p role="status" className="mt-1 text-sm text-green-800">
        {copied ? messages.settings.secret.copied : ''}
      </p>
    </div>
  )
}
