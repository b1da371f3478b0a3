import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { OutboundPage } from './OutboundPage'

/** The outbound section: every route under /outbound. */
export default function OutboundSection() {
  return (
    <Routes>
      <Route index element={<OutboundPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
