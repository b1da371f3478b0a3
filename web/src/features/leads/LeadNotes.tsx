import { useRef, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading } from '../../components/PageState'
import { useApiQuery } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { ConfirmDialog } from '../../components/Dialog'
import { NoteItem } from './NoteItem'
import { canChangeNote, noteProblem } from './notes'
import { leadPaths, type Note, type NotePage } from './types'

const t = messages.leads.notes

/**
 * Notes on the lead with their files (images as thumbnails, other files as links), each editable by its author or an
 * admin; a new note with text and/or a file.
 */
export function LeadNotes({ leadId, onChanged }: { leadId: string; onChanged: () => void }) {
  const { client, session } = useAuth()
  const me = session.kind === 'signed-in' ? session.user : null
  const query = useApiQuery<NotePage>(`${leadPaths.notes(leadId)}?limit=100`)
  const [text, setText] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [deleting, setDeleting] = useState<Note | null>(null)
  const [deleteBusy, setDeleteBusy] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problem = noteProblem(text, file)
    if (problem) {
      setMessage({ kind: 'error', text: problem })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      if (file) {
        const form = new FormData()
        if (text.trim()) form.append('text', text.trim())
        form.append('file', file, file.name)
        await client.post<Note>(leadPaths.notes(leadId), { body: form })
      } else {
        await client.post<Note>(leadPaths.notes(leadId), { body: { text: text.trim() } })
      }
      setText('')
      setFile(null)
      if (fileInput.current) fileInput.current.value = ''
      setMessage({ kind: 'ok', text: t.added })
      query.reload()
      onChanged()
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setBusy(false)
    }
  }

  async function removeNote() {
    if (!deleting) return
    setDeleteBusy(true)
    setDeleteError(null)
    try {
      await client.delete(`${leadPaths.notes(leadId)}/${deleting.id}`)
      setDeleting(null)
      query.reload()
      onChanged()
    } catch (error) {
      setDeleteError(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setDeleteBusy(false)
    }
  }

  const notes = query.data?.items ?? []

  return (
    <>
      <h2 id="lead-notes" className="text-lg font-bold">
        {t.title}
      </h2>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={query.reload} />}
      {query.data && notes.length === 0 && <p className="mt-2 text-slate-600">{t.empty}</p>}
      {notes.length > 0 && (
        <ul className="mt-3 space-y-3" data-testid="lead-notes">
          {notes.map((note) => (
            <NoteItem
              key={note.id}
              leadId={leadId}
              note={note}
              canChange={canChangeNote(note, me)}
              onChanged={() => {
                query.reload()
                onChanged()
              }}
              onDelete={(n) => {
                setDeleteError(null)
                setDeleting(n)
              }}
            />
          ))}
        </ul>
      )}

      <form noValidate onSubmit={submit} className="mt-4 space-y-3 border-t border-slate-100 pt-4">
        <div>
          <label htmlFor="note-text" className="block text-sm font-medium">
            {t.text}
          </label>
          <textarea
            id="note-text"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
          />
        </div>
        <div>
          <label htmlFor="note-file" className="block text-sm font-medium">
            {t.file}
          </label>
          <input
            id="note-file"
            ref={fileInput}
            type="file"
            aria-describedby="note-file-hint"
            accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.docx,.xlsx,.pptx"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="mt-1 block w-full text-sm file:me-3 file:rounded-md file:border-0 file:bg-slate-200 file:px-3 file:py-2 file:font-semibold"
          />
          <p id="note-file-hint" className="mt-1 text-xs text-slate-500">
            {t.fileHint}
          </p>
        </div>
        {message && (
          <p
            role={message.kind === 'error' ? 'alert' : 'status'}
            className={`rounded-md border px-3 py-2 text-sm ${message.kind === 'error' ? 'border-red-200 bg-red-50 text-red-900' : 'border-green-200 bg-green-50 text-green-900'}`}
          >
            {message.text}
          </p>
        )}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            {busy ? t.adding : t.add}
          </Button>
        </div>
      </form>

      <ConfirmDialog
        open={deleting !== null}
        title={t.deleteTitle}
        body={<p>{t.deleteBody}</p>}
        confirmLabel={t.deleteNote}
        busy={deleteBusy}
        error={deleteError}
        onConfirm={removeNote}
        onCancel={() => setDeleting(null)}
      />
    </>
  )
}
