import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { CallPage } from './CallPage'
import { CallsListPage } from './CallsListPage'

/** The calls section: the list at /calls and one call at /calls/:id. */
export default function CallsSection() {
  return (
    <Routes>
      <Route index element={<CallsListPage />} />
      <Route path=":id" element={<CallPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
