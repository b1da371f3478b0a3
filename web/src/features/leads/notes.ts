import { messages } from '../../messages'

/** The Api's limit for one file. */
export const maxFileBytes = 10 * 1024 * 1024

/** Whether a stored file shows as a picture (its type as the Api found it in the bytes). */
export function isImage(contentType: string): boolean {
  return /^image\/(png|jpeg|gif|webp)$/i.test(contentType)
}

/** A size as people read it: 512 B, 12 KB, 3.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** What stops a note before it is sent: nothing at all to save, or a file over the limit. */
export function noteProblem(text: string, file: { size: number } | null): string | null {
  if (!text.trim() && !file) return messages.leads.notes.needsContent
  if (file && file.size > maxFileBytes) return messages.leads.notes.tooLarge
  return null
}

/** Whether the signed-in user may edit a note and change its files: its author, or an admin and up. */
export function canChangeNote(note: { authorUserId?: string }, me: { id: string; role: string } | null): boolean {
  if (!me) return false
  return me.role !== 'agent' || note.authorUserId === me.id
}

/** What stops an edited text: a note without files needs some text. */
export function editProblem(text: string, fileCount: number): string | null {
  if (!text.trim() && fileCount === 0) return messages.leads.notes.needsContent
  return null
}

/** A note's last file may go only while the note has text; otherwise the note itself is deleted. */
export function canRemoveFile(note: { text: string; attachments: unknown[] }): boolean {
  return note.text.trim() !== '' || note.attachments.length > 1
}
