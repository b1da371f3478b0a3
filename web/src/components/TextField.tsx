import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react'

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-start shadow-sm aria-invalid:border-red-500 focus-visible:outline-2 focus-visible:outline-blue-700'

interface FieldFrame {
  id: string
  label: string
  /** The field's error, shown under it and tied to the control for screen readers. */
  error?: string
  /** A line of help under the field, also tied to it. */
  hint?: string
}

/** The label, the control, its hint and its error: every form field of the dashboard reads the same. */
function Field({ id, label, error, hint, children }: FieldFrame & { children: (describedBy: string | undefined) => ReactNode }) {
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children(describedBy)}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}

/** A labelled input with its hint and error. */
export function TextField({
  id,
  label,
  error,
  hint,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & FieldFrame) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy) => (
        <input id={id} {...input} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={fieldClass} />
      )}
    </Field>
  )
}

/** A labelled multi-line field with its hint and error. */
export function TextAreaField({
  id,
  label,
  error,
  hint,
  ...input
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> & FieldFrame) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy) => (
        <textarea id={id} {...input} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={fieldClass} />
      )}
    </Field>
  )
}
