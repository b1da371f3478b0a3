import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The outbound section: every route under /outbound. */
export default function OutboundSection() {
  return <ComingSoonPage title={messages.outbound.title} />
}
