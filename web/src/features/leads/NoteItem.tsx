import { useRef, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ApiError } from '../../lib/api'
import { formatDateTime } from '../../lib/datetime'
import { useTimeZone } from '../../lib/useApiQuery'
import { Notice } from '../../components/PageState'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { ConfirmDialog } from '../../components/Dialog'
import { canRemoveFile, editProblem, formatBytes, isImage, noteProblem } from './notes'
import { leadPaths, type Note, type NoteFile } from './types'

const t = messages.leads.notes

type Flash = { kind: 'ok' | 'error'; text: string } | null

/**
 * One note: its text and files, and for its author or an admin, editing the text, adding a file, and removing a
 * file (after confirmation). Each change reloads the list through `onChanged`.
 */
export function NoteItem({
  leadId,
  note,
  canChange,
  onChanged,
  onDelete,
}: {
  leadId: string
  note: Note
  canChange: boolean
  onChanged: () => void
  onDelete: (note: Note) => void
}) {
  const { client } = useAuth()
  const zone = useTimeZone()
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(note.text)
  const [textError, setTextError] = useState<string | null>(null)
  const [flash, setFlash] = useState<Flash>(null)
  const [busy, setBusy] = useState(false)
  const [file, setFile] = useState<File | null>(null)
  const [removing, setRemoving] = useState<NoteFile | null>(null)
  const [removeBusy, setRemoveBusy] = useState(false)
  const [removeError, setRemoveError] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const editId = `note-edit-${note.id}`
  const fileId = `note-add-file-${note.id}`

  async function saveText(event: FormEvent) {
    event.preventDefault()
    setFlash(null)
    const problem = editProblem(draft, note.attachments.length)
    setTextError(problem)
    if (problem) return
    if (draft.trim() === note.text.trim()) {
      setEditing(false)
      return
    }
    setBusy(true)
    try {
      await client.put<Note>(`${leadPaths.notes(leadId)}/${note.id}`, {
        body: { text: draft.trim(), expectedVersion: note.version },
      })
      setEditing(false)
      setFlash({ kind: 'ok', text: t.saved })
      onChanged()
    } catch (error) {
      setTextError(error instanceof ApiError ? (error.fieldErrors.text?.[0] ?? error.fieldErrors.Text?.[0] ?? null) : null)
      setFlash({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setBusy(false)
    }
  }

  async function addFile(event: FormEvent) {
    event.preventDefault()
    setFlash(null)
    const problem = file ? noteProblem('', file) : t.chooseFile
    if (problem) {
      setFlash({ kind: 'error', text: problem })
      return
    }
    setBusy(true)
    try {
      const form = new FormData()
      form.append('file', file!, file!.name)
      await client.post<NoteFile>(leadPaths.noteAttachments(leadId, note.id), { body: form })
      setFile(null)
      if (fileInput.current) fileInput.current.value = ''
      setFlash({ kind: 'ok', text: t.fileAdded })
      onChanged()
    } catch (error) {
      setFlash({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setBusy(false)
    }
  }

  async function removeFile() {
    if (!removing) return
    setRemoveBusy(true)
    setRemoveError(null)
    try {
      await client.delete(leadPaths.noteFile(leadId, note.id, removing.id))
      setRemoving(null)
      setFlash({ kind: 'ok', text: t.fileRemoved })
      onChanged()
    } catch (error) {
      setRemoveError(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setRemoveBusy(false)
    }
  }

  const removable = canChange && canRemoveFile(note)

  return (
    <li data-note-id={note.id} className="rounded-lg border border-slate-200 bg-slate-50 p-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="text-xs text-slate-500">
          <bdi>{t.by(note.authorName)}</bdi>
          {' · '}
          <time dateTime={note.createdAt} className="tabular-nums">
            {formatDateTime(note.createdAt, zone)}
          </time>
          {note.editedAt && (
            <>
              {' · '}
              <span title={formatDateTime(note.editedAt, zone)}>{t.edited}</span>
            </>
          )}
        </p>
        {canChange && (
          <div className="flex flex-wrap gap-1">
            {!editing && (
              <Button
                variant="ghost"
                className="!px-2 !py-1 text-xs"
                onClick={() => {
                  setDraft(note.text)
                  setTextError(null)
                  setFlash(null)
                  setEditing(true)
                }}
              >
                {t.edit}
              </Button>
            )}
            <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => onDelete(note)}>
              {t.deleteNote}
            </Button>
          </div>
        )}
      </div>

      {editing ? (
        <form noValidate onSubmit={saveText} className="mt-2 space-y-2">
          <label htmlFor={editId} className="block text-sm font-medium">
            {t.editText}
          </label>
          <textarea
            id={editId}
            rows={3}
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={textError ? true : undefined}
            aria-describedby={textError ? `${editId}-error` : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
          />
          {textError && (
            <p id={`${editId}-error`} className="text-sm text-red-700">
              {textError}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={() => setEditing(false)} disabled={busy}>
              {messages.common.cancel}
            </Button>
            <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
              {busy ? t.adding : t.saveEdit}
            </Button>
          </div>
        </form>
      ) : (
        note.text && <p className="mt-1 whitespace-pre-wrap break-words">{note.text}</p>
      )}

      {note.attachments.length > 0 && (
        <ul aria-label={t.attachments} className="mt-2 flex flex-wrap gap-2">
          {note.attachments.map((f) => {
            const href = leadPaths.noteFile(leadId, note.id, f.id)
            return (
              <li key={f.id} data-file-id={f.id} className="flex items-start gap-1">
                {isImage(f.contentType) ? (
                  <a href={href} target="_blank" rel="noreferrer" className="block" aria-label={t.download(f.fileName)}>
                    <img
                      src={href}
                      alt={t.imageAlt(f.fileName)}
                      loading="lazy"
                      className="size-24 rounded-md border border-slate-200 bg-white object-cover"
                    />
                  </a>
                ) : (
                  <a
                    href={href}
                    className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white px-2 py-1 text-sm text-blue-800 hover:underline"
                  >
                    <span aria-hidden="true">📎</span>
                    <bdi>{f.fileName}</bdi>
                    <span className="text-xs text-slate-500">({formatBytes(f.sizeBytes)})</span>
                  </a>
                )}
                {removable && (
                  <Button
                    variant="ghost"
                    className="!px-1.5 !py-0.5 text-xs"
                    aria-label={t.removeFileLabel(f.fileName)}
                    onClick={() => {
                      setRemoveError(null)
                      setRemoving(f)
                    }}
                  >
                    <span aria-hidden="true">✕</span>
                  </Button>
                )}
              </li>
            )
          })}
        </ul>
      )}

      {canChange && (
        <form noValidate onSubmit={addFile} className="mt-2 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor={fileId} className="block text-xs font-medium text-slate-700">
              {t.addFile}
            </label>
            <input
              id={fileId}
              ref={fileInput}
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.docx,.xlsx,.pptx"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              className="mt-1 block w-full text-xs file:me-2 file:rounded-md file:border-0 file:bg-slate-200 file:px-2 file:py-1 file:font-semibold"
            />
          </div>
          {file && (
            <Button type="submit" className="!py-1 text-xs" disabled={busy} aria-busy={busy}>
              {busy ? t.uploading : t.upload}
            </Button>
          )}
        </form>
      )}

      <Notice notice={flash} className="mt-2" />

      <ConfirmDialog
        open={removing !== null}
        title={t.removeFileTitle}
        body={<p>{removing ? t.removeFileBody(removing.fileName) : ''}</p>}
        confirmLabel={t.removeFile}
        busy={removeBusy}
        error={removeError}
        onConfirm={removeFile}
        onCancel={() => setRemoving(null)}
      />
    </li>
  )
}
