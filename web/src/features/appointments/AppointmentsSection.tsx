import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { AppointmentsPage } from './AppointmentsPage'

/** The appointments section: every route under /appointments. */
export default function AppointmentsSection() {
  return (
    <Routes>
      <Route index element={<AppointmentsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
