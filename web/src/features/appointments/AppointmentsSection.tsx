import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The appointments section: every route under /appointments. */
export default function AppointmentsSection() {
  return <ComingSoonPage title={messages.appointments.title} />
}
