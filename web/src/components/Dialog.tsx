import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react'
import { messages } from '../messages'
import { Button } from './Button'

/** Opens a native `<dialog>` as a modal while `open` (focus moves in and stays there; the page behind is inert). */
function useModal(ref: RefObject<HTMLDialogElement | null>, open: boolean) {
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal()
      else dialog.setAttribute('open', '')
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close()
      else dialog.removeAttribute('open')
    }
  }, [ref, open])
}

const panelClass =
  'm-auto rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40'

/**
 * Asks before a destructive action, in a modal native dialog (Escape cancels, focus stays inside). While `busy` the
 * buttons wait; an `error` from the attempt shows inside the dialog.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  busyLabel,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean
  title: string
  body?: ReactNode
  confirmLabel: string
  /** What the confirm button says while the action runs (default: its label with an ellipsis). */
  busyLabel?: string
  busy?: boolean
  error?: string | null
  onConfirm: () => void
  onCancel: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useModal(ref, open)
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        if (!busy) onCancel()
      }}
      className={`${panelClass} w-[min(28rem,calc(100vw-2rem))]`}
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="text-lg font-bold">
            {title}
          </h2>
          {body && <div className="mt-2 text-slate-700">{body}</div>}
          {error && (
            <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              {error}
            </p>
          )}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <Button onClick={onCancel} disabled={busy} autoFocus>
              {messages.common.cancel}
            </Button>
            <Button variant="danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
              {busy ? (busyLabel ?? `${confirmLabel}…`) : confirmLabel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  )
}

/** A modal native dialog holding a form; closing (Escape or the close button) calls `onClose`. */
export function FormDialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean
  title: string
  onClose: () => void
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useModal(ref, open)
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      className={`${panelClass} w-[min(32rem,calc(100vw-2rem))]`}
    >
      {open && (
        <div className="p-5">
          <div className="flex items-start justify-between gap-3">
            <h2 id={titleId} className="text-lg font-bold">
              {title}
            </h2>
            <Button variant="ghost" onClick={onClose} aria-label={messages.common.close}>
              ✕
            </Button>
          </div>
          <div className="mt-3">{children}</div>
        </div>
      )}
    </dialog>
  )
}

/**
 * A modal dialog on the native `<dialog>`: focus moves into it and stays there, Escape closes it, and the page behind
 * is inert. Shown while mounted.
 */
export function Modal({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null)
  const closeRef = useRef(onClose)
  closeRef.current = onClose
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal()
    const cancel = (event: Event) => {
      event.preventDefault()
      closeRef.current()
    }
    dialog?.addEventListener('cancel', cancel)
    return () => dialog?.removeEventListener('cancel', cancel)
  }, [])
  const titleId = useId()
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      className={`${panelClass} w-[calc(100%-2rem)] max-w-lg`}
    >
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-5 py-3">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label={messages.common.close}
          className="rounded-md px-2 py-1 text-xl leading-none text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          ×
        </button>
      </div>
      <div className="max-h-[75vh] overflow-y-auto px-5 py-4">{children}</div>
    </dialog>
  )
}
