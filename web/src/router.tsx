import { createBrowserRouter, Outlet } from 'react-router'
import { AppShell } from './components/AppShell'
import { RequireSection } from './components/RequireSection'
import { AuthProvider } from './features/auth/AuthProvider'
import { sectionPaths, sections } from './lib/navigation'
import { messages } from './messages'
import { ComingSoonPage } from './pages/ComingSoonPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { SignInPage } from './pages/SignInPage'
import { StatusPage } from './pages/StatusPage'

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
          ...sections.map((section) => ({
            path: `${sectionPaths[section].slice(1)}/*`,
            element: (
              <RequireSection section={section}>
                <ComingSoonPage title={messages.nav[section]} />
              </RequireSection>
            ),
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]

export const router = createBrowserRouter(routes)
