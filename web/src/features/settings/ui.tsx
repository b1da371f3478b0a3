import { type ReactNode, type SelectHTMLAttributes } from 'react'
import { messages } from '../../messages'
import { diffMark, type DiffLine } from './diff'

const controlClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-start shadow-sm aria-invalid:border-red-500 focus-visible:outline-2 focus-visible:outline-blue-700'

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  )
}

/** A labelled select with its error. */
export function SelectField({
  id,
  label,
  error,
  options,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & {
  id: string
  label: string
  error?: string
  options: readonly { value: string; label: string }[]
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        {...select}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={controlClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  )
}

/** A labelled checkbox. */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  hint?: string
}) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-1 size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-blue-700"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            {hint}
          </p>
        )}
      </div>
    </div>
  )
}

/** A card holding one part of a settings page, with its heading (h2). */
export function Panel({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  const headingId = `${id ?? title.replace(/\s+/g, '-')}-heading`
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  )
}

/** What became of the last save: the Api's Hebrew message (alert) or a confirmation (status). */
export function SaveFeedback({ error, saved }: { error: string | null; saved: string | null }) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      <p role="status" className="text-sm font-medium text-green-800">
        {!error && saved ? `✓ ${saved}` : ''}
      </p>
    </>
  )
}

const lineClass: Record<DiffLine['kind'], string> = {
  unchanged: 'text-slate-700',
  added: 'bg-green-50 text-green-900',
  removed: 'bg-red-50 text-red-900 line-through decoration-red-400/60',
}

/** A line diff: every line with its mark (+ added, − removed), so it reads without colour too. */
export function DiffView({ lines, label }: { lines: readonly DiffLine[]; label: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <ol aria-label={label} className="min-w-0 text-sm">
        {lines.map((line, index) => (
          <li key={index} data-diff={line.kind} className={`flex gap-2 px-2 py-0.5 whitespace-pre-wrap ${lineClass[line.kind]}`}>
            <span aria-hidden="true" className="w-4 shrink-0 text-center font-mono font-bold">
              {diffMark(line.kind)}
            </span>
            <span className="sr-only">
              {line.kind === 'added' ? messages.settings.diff.added : line.kind === 'removed' ? messages.settings.diff.removed : ''}
            </span>
            <span className="min-w-0 break-words">{line.text || '\u00a0'}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** Small tone-coloured label (status, role, …). */
export function Badge({ tone = 'slate', children }: { tone?: 'slate' | 'green' | 'red' | 'amber' | 'blue'; children: ReactNode }) {
  const tones = {
    slate: 'bg-slate-100 text-slate-800 ring-slate-500/20',
    green: 'bg-green-50 text-green-800 ring-green-600/20',
    red: 'bg-red-50 text-red-800 ring-red-600/20',
    amber: 'bg-amber-50 text-amber-900 ring-amber-600/20',
    blue: 'bg-blue-50 text-blue-800 ring-blue-600/20',
  }
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}>{children}</span>
}
