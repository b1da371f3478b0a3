import type { DueWindow } from '../leads/types'

export type TaskStatus = 'open' | 'in_progress' | 'done'

export const taskStatuses: readonly TaskStatus[] = ['open', 'in_progress', 'done']

export interface WorkTask {
  id: string
  title: string
  description: string | null
  status: TaskStatus
  position: number
  dueAt: string | null
  dueWindow: DueWindow | null
  assigneeUserId: string | null
  assigneeName: string | null
  leadId: string | null
  leadName: string | null
  leadPhone: string | null
  version: number
}

export interface TaskColumn {
  status: TaskStatus
  count: number
  items: WorkTask[]
  next: string | null
}

export interface TaskPage {
  items: WorkTask[]
  next: string | null
}

export interface TaskBoardAnswer {
  columns: TaskColumn[]
}

export const taskPaths = {
  board: '/api/v1/tasks/board?limit=50',
  list: '/api/v1/tasks',
  create: '/api/v1/tasks',
  task: (id: string) => `/api/v1/tasks/${id}`,
  move: (id: string) => `/api/v1/tasks/${id}/move`,
}
