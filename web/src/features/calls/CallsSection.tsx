import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The calls section: every route under /calls. */
export default function CallsSection() {
  return <ComingSoonPage title={messages.calls.title} />
}
