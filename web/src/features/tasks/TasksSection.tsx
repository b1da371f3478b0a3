import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The tasks section: every route under /tasks. */
export default function TasksSection() {
  return <ComingSoonPage title={messages.tasks.title} />
}
