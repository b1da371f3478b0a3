import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The tenants section: every route under /tenants. */
export default function TenantsSection() {
  return <ComingSoonPage title={messages.tenants.title} />
}
