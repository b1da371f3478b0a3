import { Phone } from '../../components/PageState'
import { useApiQuery } from '../../lib/useApiQuery'
import { collectedFieldRows, type LeadFieldDefinition } from './leadFields'

/**
 * The business's lead fields (labels, types, options), read from its settings. Null while they load or when they cannot
 * be read: the details then show under their keys.
 */
export function useLeadFieldDefinitions(): LeadFieldDefinition[] | null {
  const settings = useApiQuery<{ settings: { leadFields?: LeadFieldDefinition[] } }>('/api/v1/business/settings')
  return settings.data?.settings.leadFields ?? null
}

/** Collected details as a list of the business's labels and readable values. */
export function CollectedFieldList({
  fields,
  definitions,
  className = 'grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm',
}: {
  fields: Record<string, string>
  definitions: readonly LeadFieldDefinition[] | null
  className?: string
}) {
  return (
    <dl className={className} data-testid="collected-fields">
      {collectedFieldRows(fields, definitions).map((row) => (
        <div key={row.key} className="contents" data-field={row.key}>
          <dt className="text-slate-600">
            {row.known ? row.label : <bdi dir="ltr">{row.label}</bdi>}
          </dt>
          <dd dir={row.type === 'phone' || row.type === 'email' ? undefined : 'auto'} className={row.type === 'number' || row.type === 'date' ? 'tabular-nums' : undefined}>
            {row.type === 'phone' ? (
              <Phone value={row.value} />
            ) : row.type === 'email' ? (
              <bdi dir="ltr">{row.display}</bdi>
            ) : (
              row.display
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}
