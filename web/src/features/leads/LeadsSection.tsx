import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The leads section: every route under /leads. */
export default function LeadsSection() {
  return <ComingSoonPage title={messages.leads.title} />
}
