import { createBrowserRouter, Navigate, Outlet } from 'react-router'
import { AppShell } from './components/AppShell'
import { RequireSection } from './components/RequireSection'
import { AuthProvider } from './features/auth/AuthProvider'
import type { ComponentType } from 'react'
import AppointmentsSection from './features/appointments/AppointmentsSection'
import CallsSection from './features/calls/CallsSection'
import LeadsSection from './features/leads/LeadsSection'
import OutboundSection from './features/outbound/OutboundSection'
import OverviewSection from './features/overview/OverviewSection'
import SettingsSection from './features/settings/SettingsSection'
import TasksSection from './features/tasks/TasksSection'
import TenantsSection from './features/tenants/TenantsSection'
import { homePath, sectionPaths, sections, type Section } from './lib/navigation'
import { Loading } from './components/PageState'
import { useAuth } from './features/auth/AuthProvider'
import { NotFoundPage } from './pages/NotFoundPage'
import { SignInPage } from './pages/SignInPage'
import { StatusPage } from './pages/StatusPage'

/** Each section's page tree; a section routes within itself (e.g. /calls/:id). */
const sectionPages: Record<Section, ComponentType> = {
  overview: OverviewSection,
  calls: CallsSection,
  leads: LeadsSection,
  appointments: AppointmentsSection,
  tasks: TasksSection,
  outbound: OutboundSection,
  settings: SettingsSection,
  tenants: TenantsSection,
}

/** `/`: a signed-in user goes to the first section of their role (the overview for a business); a visitor sees the system's status. */
function Home() {
  const { session } = useAuth()
  if (session.kind === 'loading') return <Loading />
  if (session.kind === 'signed-in') return <Navigate to={homePath(session.user.role, session.user.tenantId !== null)} replace />
  return <StatusPage />
}

function SessionRoot() {
  return (
    <AuthProvider>
      <Outlet />
    </AuthProvider>
  )
}

export const routes = [
  {
    element: <SessionRoot />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        path: '/',
        element: <AppShell />,
        children: [
          { index: true, element: <Home /> },
          { path: 'status', element: <StatusPage /> },
          ...sections.map((section) => {
            const Page = sectionPages[section]
            return {
              path: `${sectionPaths[section].slice(1)}/*`,
              element: (
                <RequireSection section={section}>
                  <Page />
                </RequireSection>
              ),
            }
          }),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]

export const router = createBrowserRouter(routes)
