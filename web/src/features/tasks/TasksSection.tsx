import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../../pages/NotFoundPage'
import { TasksBoardPage } from './TasksBoardPage'

/** The tasks section: every route under /tasks. */
export default function TasksSection() {
  return (
    <Routes>
      <Route index element={<TasksBoardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
