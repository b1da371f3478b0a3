// @ts-check
// Leads and tasks: find a lead, move it on the kanban, add a note with an image; edit a note, add and remove its file;
// a due task on the board, moved to done.

import { deflateSync } from 'node:zlib'
import { assert, callApi, hasCredentials, screenshot, signInAs } from '../support.mjs'

const text = {
  searchLabel: 'חיפוש לפי שם או טלפון',
  boardView: 'לוח',
  noteText: 'הערה חדשה',
  noteFile: 'צירוף קובץ או תמונה',
  addNote: 'הוספת הערה',
  moved: 'הועבר',
  tasksMoved: 'הועברה',
  addFile: 'הוספת קובץ להערה',
  upload: 'צירוף הקובץ',
  edit: 'עריכה',
  editText: 'טקסט ההערה',
  saveEdit: 'שמירת ההערה',
  edited: 'נערכה',
  removeFile: 'הסרת הקובץ',
}

/** @param {Buffer} bytes */
function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A small real PNG: a 16×16 blue square with a white diagonal. */
function makePng(size = 16) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = [0]
    for (let x = 0; x < size; x++) row.push(...(x === y ? [255, 255, 255] : [37, 99, 235]))
    rows.push(Buffer.from(row))
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** @param {() => Promise<boolean>} check @param {string} message */
async function eventually(check, message, timeout = 10_000) {
  const until = Date.now() + timeout
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(message)
}

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
  {
    name: 'leads: find a lead, move it on the kanban, add a note with an image',
    skipUnless: hasCredentials,
    viewport: { width: 1280, height: 900 },
    async run({ page }) {
      await signInAs(page, 'owner')
      const unique = String(Date.now()).slice(-7)
      const name = `קנבן בדיקה ${unique}`
      const created = await callApi(page, 'POST', '/api/v1/leads', { name, phone: `054${unique}` })
      assert(created.status === 201, `creating the lead answered ${created.status}`)
      const leadId = created.body.id

      const settings = await callApi(page, 'GET', '/api/v1/business/settings')
      const [first, second] = settings.body.settings.leadStatuses
      assert(created.body.status === first.key, `a new lead starts in ${first.key}, got ${created.body.status}`)

      // Find it in the table; the search stays in the URL.
      await page.goto('/leads')
      await page.getByRole('heading', { level: 1, name: 'לידים' }).waitFor()
      await page.getByLabel(text.searchLabel).fill(unique)
      await page.waitForURL((url) => url.searchParams.get('q') === unique)
      const row = page.locator(`tr[data-lead-id="${leadId}"]`)
      // The unfiltered list may still show while the search's answer is on its way.
      await eventually(async () => (await page.locator('tbody tr').count()) === 1, 'the search does not find exactly the new lead')
      await row.waitFor()
      assert((await row.locator('bdi[dir="ltr"]').innerText()).includes(unique), 'the phone shows in the row')
      assert((await row.locator(`[data-status="${first.key}"]`).innerText()) === first.label, 'the status pill shows its label')
      await screenshot(page, 'leads-table')

      // The kanban, with a real drag from the first status to the second.
      await page.getByRole('button', { name: text.boardView, exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('view') === 'board' && url.searchParams.get('q') === unique)
      const card = page.locator(`li[data-column="${first.key}"] li[data-lead-id="${leadId}"]`)
      await card.waitFor()
      const target = page.locator(`li[data-column="${second.key}"]`)
      await card.dragTo(target)
      await page.locator(`li[data-column="${second.key}"] li[data-lead-id="${leadId}"]`).waitFor()
      await page.getByRole('status').filter({ hasText: text.moved }).waitFor()
      await eventually(
        async () => (await callApi(page, 'GET', `/api/v1/leads/${leadId}`)).body.status === second.key,
        `the Api does not have the lead in ${second.key}`,
      )
      await page.reload()
      await page.locator(`li[data-column="${second.key}"] li[data-lead-id="${leadId}"]`).waitFor()
      assert(
        (await page.locator(`li[data-column="${first.key}"] li[data-lead-id="${leadId}"]`).count()) === 0,
        'after a reload the card is no longer in the first column',
      )
      await screenshot(page, 'leads-kanban')

      // The lead's page: a note with text and a PNG.
      await page.locator(`li[data-lead-id="${leadId}"] a`).first().click()
      await page.getByRole('heading', { level: 1, name }).waitFor()
      const noteText = `הערה עם תמונה ${unique}`
      await page.getByLabel(text.noteText).fill(noteText)
      await page.getByLabel(text.noteFile).setInputFiles({ name: 'floor-plan.png', mimeType: 'image/png', buffer: makePng() })
      await page.getByRole('button', { name: text.addNote }).click()
      const note = page.locator('[data-testid="lead-notes"] li[data-note-id]').filter({ hasText: noteText })
      await note.waitFor()
      const image = note.locator('img')
      await image.waitFor()
      await eventually(
        () => image.evaluate((img) => /** @type {HTMLImageElement} */ (img).complete && /** @type {HTMLImageElement} */ (img).naturalWidth === 16),
        'the thumbnail did not load from the download route',
      )
      const notes = await callApi(page, 'GET', `/api/v1/leads/${leadId}/notes`)
      const stored = notes.body.items.find((/** @type {any} */ n) => n.text === noteText)
      assert(stored, 'the Api lists the note')
      assert(
        stored.attachments.length === 1 && stored.attachments[0].fileName === 'floor-plan.png' && stored.attachments[0].contentType === 'image/png',
        `the Api lists the image: ${JSON.stringify(stored.attachments)}`,
      )
      // The status change shows in the lead's activity.
      await page.locator('[data-testid="lead-activity"]').filter({ hasText: second.label }).waitFor()
      await screenshot(page, 'lead-page')

      // The same move without a mouse: the card's "move to" menu, by keyboard.
      await page.goto(`/leads?view=board&q=${unique}`)
      const menu = page.locator(`#move-${leadId}`)
      await menu.focus()
      const third = settings.body.settings.leadStatuses[2]
      await menu.selectOption(third.key)
      await page.locator(`li[data-column="${third.key}"] li[data-lead-id="${leadId}"]`).waitFor()
      await eventually(
        async () => (await callApi(page, 'GET', `/api/v1/leads/${leadId}`)).body.status === third.key,
        `the menu did not move the lead to ${third.key}`,
      )

      // A phone's width: the board and the lead page scroll inside their own boxes, never the page.
      await page.setViewportSize({ width: 375, height: 800 })
      for (const path of [`/leads?view=board&q=${unique}`, `/leads?q=${unique}`, `/leads/${leadId}`]) {
        await page.goto(path)
        await page.getByRole('heading', { level: 1 }).waitFor()
        await page.locator(`[data-lead-id="${leadId}"], [data-testid="lead-notes"]`).first().waitFor()
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        assert(width <= 375, `${path} scrolls sideways at 375px (${width}px wide)`)
      }
    },
  },
  {
    name: 'leads: edit a note, add a file to it and remove the file',
    skipUnless: hasCredentials,
    viewport: { width: 1280, height: 900 },
    async run({ page }) {
      await signInAs(page, 'agent')
      const unique = String(Date.now()).slice(-7)
      const lead = await callApi(page, 'POST', '/api/v1/leads', { name: `הערות בדיקה ${unique}`, phone: `053${unique}` })
      assert(lead.status === 201, `creating the lead answered ${lead.status}`)
      const leadId = lead.body.id
      const created = await callApi(page, 'POST', `/api/v1/leads/${leadId}/notes`, { text: `טיוטה ${unique}` })
      assert(created.status === 201, `creating the note answered ${created.status}`)
      const noteId = created.body.id

      await page.goto(`/leads/${leadId}`)
      const note = page.locator(`li[data-note-id="${noteId}"]`)
      await note.waitFor()

      // A file added to the note that already exists.
      await note.getByLabel(text.addFile).setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: makePng() })
      await note.getByRole('button', { name: text.upload }).click()
      await note.locator('img').waitFor()

      // The text edited in place.
      const edited = `הערה מתוקנת ${unique}`
      await note.getByRole('button', { name: text.edit, exact: true }).click()
      await note.getByLabel(text.editText).fill(edited)
      await note.getByRole('button', { name: text.saveEdit }).click()
      await note.getByText(edited).waitFor()
      await note.getByText(text.edited).waitFor()

      // The file removed, after confirming.
      await note.getByRole('button', { name: `${text.removeFile} plan.png` }).click()
      const dialog = page.getByRole('dialog', { name: 'הסרת קובץ' })
      await dialog.waitFor()
      await screenshot(page, 'lead-note-remove-file')
      await dialog.getByRole('button', { name: text.removeFile, exact: true }).click()
      await eventually(async () => (await note.locator('img').count()) === 0, 'the removed file still shows')

      const stored = await callApi(page, 'GET', `/api/v1/leads/${leadId}/notes/${noteId}`)
      assert(stored.body.text === edited, `the Api has the note's text as ${JSON.stringify(stored.body.text)}`)
      assert(stored.body.editedAt !== null, 'the Api marks the note edited')
      assert(stored.body.attachments.length === 0, `the Api still lists files: ${JSON.stringify(stored.body.attachments)}`)
      await screenshot(page, 'lead-note-edited')
    },
  },
  {
    name: 'tasks: an overdue task is highlighted and moves to done',
    skipUnless: hasCredentials,
    viewport: { width: 1280, height: 900 },
    async run({ page }) {
      await signInAs(page, 'owner')
      const title = `משימה באיחור ${Date.now()}`
      const dueAt = new Date(Date.now() - 2 * 3600_000).toISOString()
      const created = await callApi(page, 'POST', '/api/v1/tasks', { title, dueAt })
      assert(created.status === 201, `creating the task answered ${created.status}`)
      const taskId = created.body.id

      await page.goto('/tasks')
      await page.getByRole('heading', { level: 1, name: 'משימות' }).waitFor()
      const card = page.locator(`li[data-task-column="open"] li[data-task-id="${taskId}"]`)
      await card.waitFor()
      assert((await card.getAttribute('data-due')) === 'overdue', 'the overdue task is marked overdue')
      assert((await card.innerText()).includes('באיחור'), 'the overdue task says so')
      await screenshot(page, 'tasks-board')

      await card.dragTo(page.locator('li[data-task-column="done"]'))
      const done = page.locator(`li[data-task-column="done"] li[data-task-id="${taskId}"]`)
      await done.waitFor()
      await page.getByRole('status').filter({ hasText: text.tasksMoved }).waitFor()
      await eventually(
        async () => (await callApi(page, 'GET', `/api/v1/tasks/${taskId}`)).body.status === 'done',
        'the Api does not have the task done',
      )
      assert((await done.getAttribute('data-due')) === null, 'a done task is no longer highlighted')
      await page.reload()
      await page.locator(`li[data-task-column="done"] li[data-task-id="${taskId}"]`).waitFor()
      await screenshot(page, 'tasks-board-done')

      await page.setViewportSize({ width: 375, height: 800 })
      await page.reload()
      await page.locator(`li[data-task-id="${taskId}"]`).waitFor()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert(width <= 375, `the task board scrolls sideways at 375px (${width}px wide)`)
    },
  },
]
