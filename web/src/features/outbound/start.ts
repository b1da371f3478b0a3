import type { ApiClient } from '../../lib/api'

export const startPath = '/api/v1/outbound/calls'
export const idempotencyHeader = 'Idempotency-Key'

export interface StartBody {
  leadIds: string[]
  templateId: string
}

export interface StartedCall {
  callId: string | null
  leadId: string
  leadName: string | null
  status: string
  errorCode: string | null
  error: string | null
}

export interface Started {
  calls: StartedCall[]
}

/** A random key of 32 hex digits (`crypto.getRandomValues` works on plain http too, unlike `randomUUID`). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function sameBody(a: StartBody, b: StartBody): boolean {
  return a.templateId === b.templateId && a.leadIds.length === b.leadIds.length && a.leadIds.every((id, i) => id === b.leadIds[i])
}

/**
 * Starts outbound calls with an `Idempotency-Key`: one key per start attempt. Starting the same leads with the same
 * template again after a failure (a lost answer, the limit, a network error) is a retry of that attempt and sends the same
 * key, so the Api never dials twice for it; a changed selection or template, or a start after a success, is a new
 * attempt with a new key.
 */
export class OutboundStarter {
  private attempt: { body: StartBody; key: string } | null = null
  private readonly newKey: () => string

  constructor(newKey: () => string = newIdempotencyKey) {
    this.newKey = newKey
  }

  async start(client: Pick<ApiClient, 'post'>, body: StartBody): Promise<Started> {
    if (!this.attempt || !sameBody(this.attempt.body, body)) {
      this.attempt = { body: { leadIds: [...body.leadIds], templateId: body.templateId }, key: this.newKey() }
    }
    const attempt = this.attempt
    const started = await client.post<Started>(startPath, { body, headers: { [idempotencyHeader]: attempt.key } })
    if (this.attempt === attempt) this.attempt = null
    return started
  }
}
