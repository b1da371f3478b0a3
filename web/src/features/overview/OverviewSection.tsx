import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { OverviewPage } from './OverviewPage'

/** The overview section: every route under /overview. */
export default function OverviewSection() {
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
