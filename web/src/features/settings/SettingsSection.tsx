import { messages } from '../../messages'
import { ComingSoonPage } from '../../pages/ComingSoonPage'

/** The settings section: every route under /settings. */
export default function SettingsSection() {
  return <ComingSoonPage title={messages.settings.title} />
}
