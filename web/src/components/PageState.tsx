import type { ReactNode } from 'react'
import { messages } from '../messages'
import { Button } from './Button'

/** A page's heading, its document title and the actions beside it. */
export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-start justify-between gap-3">
      <title>{messages.app.documentTitle(title)}</title>
      <div className="min-w-0">
        <h1 className="text-2xl font-bold sm:text-3xl">{title}</h1>
        {children && <div className="mt-1 text-slate-600">{children}</div>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  )
}

/** Nothing to show yet: what this place holds and, when there is one, the first thing to do. */
export function EmptyState({ title, body, action }: { title: string; body?: string; action?: ReactNode }) {
  return (
    <div data-testid="empty-state" className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center sm:p-10">
      <p className="font-semibold">{title}</p>
      {body && <p className="mt-1 text-slate-600">{body}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  )
}

/** A read that failed: the Hebrew reason and a way to try again. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{messages.common.loadFailed}</p>
      <p className="mt-1">{error.message}</p>
      {onRetry && (
        <Button className="mt-3" onClick={onRetry}>
          {messages.common.retry}
        </Button>
      )}
    </div>
  )
}

/** Waiting for the Api. */
export function Loading({ label = messages.common.loading }: { label?: string }) {
  return (
    <p role="status" className="text-slate-600">
      {label}
    </p>
  )
}

/** A phone number, isolated so that RTL text around it never reorders its digits. */
export function Phone({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="text-slate-500">{messages.common.none}</span>
  return (
    <bdi dir="ltr" className="tabular-nums">
      {value}
    </bdi>
  )
}

/** The Api's Hebrew refusal of a change, announced at once. */
export function ProblemAlert({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-900">
      {message}
    </p>
  )
}

/** The outcome of an action the user took: a Hebrew error announced at once, or a quiet confirmation. */
export interface NoticeMessage {
  kind: 'ok' | 'error'
  text: string
}

export function Notice({ notice, className = '' }: { notice: NoticeMessage | null; className?: string }) {
  if (!notice) return null
  return (
    <p
      role={notice.kind === 'error' ? 'alert' : 'status'}
      className={`rounded-md border px-3 py-2 text-sm ${notice.kind === 'error' ? 'border-red-200 bg-red-50 text-red-900' : 'border-green-200 bg-green-50 text-green-900'} ${className}`}
    >
      {notice.text}
    </p>
  )
}
