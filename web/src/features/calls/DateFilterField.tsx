import { useRef } from 'react'
import { messages } from '../../messages'
import { parseDay, showDay } from './dateRange'

const t = messages.calls

const canShowPicker = typeof HTMLInputElement !== 'undefined' && typeof HTMLInputElement.prototype.showPicker === 'function'

/**
 * A date typed as dd/MM/yyyy whatever the browser's locale, with its Hebrew error under it and a small calendar button
 * (where the browser can open its own date picker) that fills the field with the day chosen.
 */
export function DateFilterField({
  id,
  label,
  value,
  error,
  onChange,
  onCommit,
  onPick,
}: {
  id: string
  label: string
  /** The text as typed. */
  value: string
  error?: string
  onChange: (text: string) => void
  /** The user is done with the field (it lost focus, or Enter). */
  onCommit: () => void
  /** A day chosen in the calendar, as dd/MM/yyyy. */
  onPick: (text: string) => void
}) {
  const picker = useRef<HTMLInputElement>(null)
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <div className="relative mt-1 flex items-stretch gap-1">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t.datePlaceholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onCommit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              onCommit()
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700 aria-invalid:border-red-500"
        />
        {canShowPicker && (
          <>
            <button
              type="button"
              aria-label={t.pickDate(label)}
              title={t.pickDate(label)}
              onClick={() => {
                try {
                  picker.current?.showPicker()
                } catch {
                  // Some browsers refuse outside a direct gesture; typing the date still works.
                }
              }}
              className="shrink-0 rounded-md border border-slate-300 bg-white px-2 text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700"
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6">
                <rect x="3" y="4.5" width="14" height="12" rx="1.5" />
                <path d="M3 8.5h14M7 3v3M13 3v3" strokeLinecap="round" />
              </svg>
            </button>
            <input
              ref={picker}
              type="date"
              tabIndex={-1}
              aria-hidden="true"
              value={parseDay(value) ?? ''}
              onChange={(e) => e.target.value && onPick(showDay(e.target.value))}
              className="pointer-events-none absolute end-0 bottom-0 size-px opacity-0"
            />
          </>
        )}
      </div>
      <p id={hintId} className="sr-only">
        {t.dateHint}
      </p>
      {error && (
        <p id={errorId} role="alert" className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}
