import { createBrowserRouter, Outlet } from 'react-router'
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
import { sectionPaths, sections, type Section } from './lib/navigation'
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
          { index: true, element: <StatusPage /> },
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
