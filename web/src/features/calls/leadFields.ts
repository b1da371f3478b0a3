import { messages } from '../../messages'

const t = messages.calls

/** The kinds of lead field a business defines (the Api's `LeadFieldType`, snake_case). */
export type LeadFieldType = 'text' | 'long_text' | 'number' | 'phone' | 'email' | 'select' | 'date' | 'boolean'

/** One of the business's lead fields, as its settings hold it (`settings.leadFields`). */
export interface LeadFieldDefinition {
  key: string
  label: string
  type: LeadFieldType
  options?: string[] | null
  collectOnCall?: boolean
}

/** A collected detail ready to show: the business's label, or the key for a field the business no longer has. */
export interface CollectedFieldRow {
  key: string
  label: string
  /** False when the business has no field with this key (any more): the label is the key itself. */
  known: boolean
  type: LeadFieldType | null
  /** The stored value. */
  value: string
  /** The value as people read it: an option's label, כן/לא, dd/MM/yyyy, a grouped number. */
  display: string
}

const numberFormat = new Intl.NumberFormat('he-IL', { maximumFractionDigits: 12 })

/** The field with `key`, if the business still has it. */
export function findField(definitions: readonly LeadFieldDefinition[] | null | undefined, key: string): LeadFieldDefinition | undefined {
  return definitions?.find((d) => d.key === key)
}

/** The label people know a field by; the key when the business no longer has the field (or its fields are unknown). */
export function fieldLabel(definitions: readonly LeadFieldDefinition[] | null | undefined, key: string): string {
  return findField(definitions, key)?.label ?? key
}

/** A stored value as the business reads it, by the field's type; unchanged when it does not fit the type. */
export function fieldValueText(definition: LeadFieldDefinition | undefined, value: string): string {
  if (!definition) return value
  switch (definition.type) {
    case 'boolean': {
      const v = value.trim().toLowerCase()
      if (v === 'true') return t.yes
      if (v === 'false') return t.no
      return value
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
      return m ? `${m[3]}/${m[2]}/${m[1]}` : value
    }
    case 'number': {
      const n = Number(value)
      return value.trim() !== '' && Number.isFinite(n) ? numberFormat.format(n) : value
    }
    case 'select': {
      const v = value.trim().toLowerCase()
      return definition.options?.find((o) => o.trim().toLowerCase() === v)?.trim() ?? value
    }
    default:
      return value
  }
}

/**
 * The collected details to show: in the order of the business's fields, then any the business no longer has (by key),
 * each with its label and readable value.
 */
export function collectedFieldRows(
  fields: Record<string, string>,
  definitions: readonly LeadFieldDefinition[] | null | undefined,
): CollectedFieldRow[] {
  const order = new Map((definitions ?? []).map((d, i) => [d.key, i]))
  return Object.entries(fields)
    .map(([key, value]): CollectedFieldRow => {
      const definition = findField(definitions, key)
      return {
        key,
        label: definition?.label ?? key,
        known: Boolean(definition),
        type: definition?.type ?? null,
        value,
        display: fieldValueText(definition, value),
      }
    })
    .sort((a, b) => {
      const ia = order.get(a.key) ?? Infinity
      const ib = order.get(b.key) ?? Infinity
      if (ia !== ib) return ia < ib ? -1 : 1
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
    })
}

/**
 * The keys of a "fields collected" event (`budget, city`) as the business's labels, in the order of its fields
 * (`עיר / אזור, תקציב (₪)`); a key the business no longer has stays a key, after them.
 */
export function fieldKeysText(keys: string, definitions: readonly LeadFieldDefinition[] | null | undefined): string {
  const collected = Object.fromEntries(
    keys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => [k, '']),
  )
  return collectedFieldRows(collected, definitions)
    .map((row) => row.label)
    .join(', ')
}
