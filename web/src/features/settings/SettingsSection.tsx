import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react'
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router'
import { Loading } from '../../components/PageState'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { messages } from '../../messages'
import AssistantPage from './AssistantPage'
import BusinessPage from './BusinessPage'

const PromptsPage = lazy(() => import('./PromptsPage'))
const HoursPage = lazy(() => import('./HoursPage'))
const StatusesPage = lazy(() => import('./StatusesPage'))
const FaqPage = lazy(() => import('./FaqPage'))
const WebhooksPage = lazy(() => import('./WebhooksPage'))
const ApiKeysPage = lazy(() => import('./ApiKeysPage'))
const UsersPage = lazy(() => import('./UsersPage'))

/** The settings' pages, each at its own address under /settings. */
export const settingsPages: { path: string; label: string; Page: ComponentType }[] = [
  { path: 'business', label: messages.settings.tabs.business, Page: BusinessPage },
  { path: 'assistant', label: messages.settings.tabs.assistant, Page: AssistantPage },
  { path: 'prompts', label: messages.settings.tabs.prompts, Page: PromptsPage },
  { path: 'hours', label: messages.settings.tabs.hours, Page: HoursPage },
  { path: 'statuses', label: messages.settings.tabs.statuses, Page: StatusesPage },
  { path: 'faq', label: messages.settings.tabs.faq, Page: FaqPage },
  { path: 'webhooks', label: messages.settings.tabs.webhooks, Page: WebhooksPage },
  { path: 'api-keys', label: messages.settings.tabs.apiKeys, Page: ApiKeysPage },
  { path: 'users', label: messages.settings.tabs.users, Page: UsersPage },
]

function tabClass({ isActive }: { isActive: boolean }) {
  return `block shrink-0 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-blue-700 ${
    isActive ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-100'
  }`
}

/** The settings section: every route under /settings, with the list of its pages above them. */
export default function SettingsSection() {
  const nav = useRef<HTMLElement>(null)
  const { pathname } = useLocation()
  // On a narrow screen the list of pages scrolls sideways: keep the current page's tab in view.
  useEffect(() => {
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' })
  }, [pathname])
  return (
    <div className="space-y-6">
      <nav ref={nav} aria-label={messages.settings.navigation} className="-mx-1 overflow-x-auto pb-1">
        <ul className="flex gap-1 px-1">
          {settingsPages.map(({ path, label }) => (
            <li key={path}>
              <NavLink to={`/settings/${path}`} className={tabClass}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to="business" replace />} />
          {settingsPages.map(({ path, Page }) => (
            <Route key={path} path={`${path}/*`} element={<Page />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </div>
  )
}
