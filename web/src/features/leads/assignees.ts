import { messages } from '../../messages'
import type { Assignable } from './types'

export interface AssigneeOption {
  id: string
  label: string
}

/**
 * The choices of an assignee select: the business's people as the directory lists them, each with its role, the
 * signed-in user marked; a current holder the directory no longer lists (disabled since) stays, under the name the
 * lead or task carries, so the select still shows who holds it.
 */
export function assigneeOptions(
  people: Assignable[],
  current: { id: string | null; name: string | null } | null,
  meId: string | null,
): AssigneeOption[] {
  const options = people.map((p) => ({ id: p.id, label: labelOf(p, meId) }))
  if (current?.id && !people.some((p) => p.id === current.id))
    options.push({ id: current.id, label: current.name ?? messages.leads.assignees.unknown })
  return options
}

function labelOf(person: Assignable, meId: string | null): string {
  const role = person.role ? messages.roles[person.role] : undefined
  const name = role ? messages.leads.assignees.withRole(person.name, role) : person.name
  return person.id === meId ? messages.leads.page.me(name) : name
}
