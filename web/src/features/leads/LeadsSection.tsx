import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { LeadPage } from './LeadPage'
import { LeadsPage } from './LeadsPage'

/** The leads section: the table and kanban at /leads, one lead at /leads/:id. */
export default function LeadsSection() {
  return (
    <Routes>
      <Route index element={<LeadsPage />} />
      <Route path=":id" element={<LeadPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
