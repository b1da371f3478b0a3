import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The overview section: every route under /overview. */
export default function OverviewSection() {
  return <ComingSoonPage title={messages.overview.title} />
}
