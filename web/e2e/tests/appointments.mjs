// @ts-check
// The calendar (booking a free slot; moving one appointment by half an hour and cancelling another), the overview after
// some data exists, and outbound calls at the business's limit.

import { assert, callApi, hasCredentials, screenshot, signInAs } from '../support.mjs'

const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const uniqueMobile = () => `05${Math.floor(20_000_000 + Math.random() * 79_999_999)}`

/** @param {string} day yyyy-MM-dd @param {number} n */
function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
/** @param {string} day */
const sundayOf = (day) => addDays(day, -new Date(`${day}T12:00:00Z`).getUTCDay())
/** @param {string} day */
const shown = (day) => day.split('-').reverse().join('/')
/** Today in Israel, as the calendar opens on it. */
const israelToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date())

/** @param {string} time HH:mm @param {number} minutes */
function plusMinutes(time, minutes) {
  const [h, m] = time.split(':').map(Number)
  const total = h * 60 + m + minutes
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/** Opens the calendar on the week of `day` (from this week, with the "next week" button). @param {import('playwright-core').Page} page @param {string} day */
async function openWeekOf(page, day) {
  await page.goto('/appointments')
  await page.getByRole('heading', { level: 1, name: 'פגישות' }).waitFor()
  const weeks = Math.round((Date.parse(sundayOf(day)) - Date.parse(sundayOf(israelToday()))) / (7 * 86_400_000))
  for (let i = 0; i < weeks; i++) await page.getByRole('button', { name: 'השבוע הבא' }).click()
  await page.getByTestId('calendar-range').filter({ hasText: shown(sundayOf(day)) }).waitFor()
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function createLead(page, name) {
  const created = await callApi(page, 'POST', '/api/v1/leads', { name, phone: uniqueMobile() })
  assert(created.status === 201 || created.status === 200, `creating lead ${name} answered ${created.status}`)
  return created.body
}

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
  {
    name: 'book an appointment in a free slot',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const name = `פגישה ${stamp()}`
      const lead = await createLead(page, name)
      const today = israelToday()
      const free = await callApi(page, 'GET', `/api/v1/appointments/availability?from=${today}&to=${addDays(today, 20)}`)
      assert(free.status === 200, `availability answered ${free.status}`)
      const slot = free.body.slots[0]
      assert(slot, 'the business has no free slot in the next three weeks')

      await openWeekOf(page, slot.date)

      const slotButton = page.getByRole('button', { name: `מועד פנוי ${shown(slot.date)} בשעה ${slot.time}, לקביעת פגישה` })
      await slotButton.focus()
      await page.keyboard.press('Enter')
      const dialog = page.getByTestId('book-dialog')
      await dialog.getByRole('heading', { name: 'קביעת פגישה' }).waitFor()
      await dialog.getByLabel('חיפוש ליד').fill(name)
      await dialog.getByRole('button', { name: `בחירת ${name}` }).click()
      await dialog.getByTestId('chosen-lead').filter({ hasText: name }).waitFor()
      await dialog.getByLabel('הערות').fill('להביא תוכניות של הדירה')
      await dialog.getByRole('button', { name: 'קביעת הפגישה' }).click()
      await dialog.waitFor({ state: 'detached' })

      const booked = page.getByRole('button', { name: `פגישה ${slot.time} עם ${name}` })
      await booked.waitFor()
      const day = await booked.evaluate((el) => el.closest('[data-day]')?.getAttribute('data-day'))
      assert(day === slot.date, `the appointment shows on ${day}, expected ${slot.date}`)
      const freeAfter = await page.getByRole('button', { name: `מועד פנוי ${shown(slot.date)} בשעה ${slot.time}, לקביעת פגישה` }).count()
      assert(freeAfter === 0, 'the booked slot is still offered as free')

      const listed = await callApi(page, 'GET', `/api/v1/appointments?from=${slot.date}&to=${slot.date}&leadId=${lead.id}`)
      assert(listed.status === 200, `listing appointments answered ${listed.status}`)
      const mine = listed.body.items.find((/** @type {any} */ a) => a.leadId === lead.id)
      assert(mine, 'the Api does not list the booked appointment')
      assert(Date.parse(mine.start) === Date.parse(slot.start), `the Api has it at ${mine.start}, expected ${slot.start}`)
      assert(mine.notes === 'להביא תוכניות של הדירה', `the notes were stored as ${JSON.stringify(mine.notes)}`)
      await screenshot(page, 'appointments-week')

      // On a phone: the day view, nothing scrolls sideways.
      await page.setViewportSize({ width: 375, height: 812 })
      await page.getByRole('button', { name: 'יום', exact: true }).click()
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }))
      assert(scrollWidth <= clientWidth, `the calendar scrolls sideways at 375px (${scrollWidth} > ${clientWidth})`)
      await page.setViewportSize({ width: 1280, height: 800 })

      // The overview now has something to show.
      await page.goto('/overview')
      await page.getByRole('heading', { level: 1, name: 'סקירה' }).waitFor()
      await page.getByTestId('calls-per-day-chart').waitFor()
      const upcoming = Number((await page.getByTestId('figure-appointments').locator('p').nth(1).innerText()).trim())
      assert(upcoming >= 1, `the overview counts ${upcoming} upcoming appointments`)
      assert((await page.getByTestId('first-steps').count()) === 0, 'a business with data still sees the first steps')
      await screenshot(page, 'overview')
    },
  },
  {
    name: 'reschedule an appointment by 30 minutes and cancel another with a reason',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const today = israelToday()
      const free = await callApi(page, 'GET', `/api/v1/appointments/availability?from=${today}&to=${addDays(today, 20)}`)
      assert(free.status === 200, `availability answered ${free.status}`)
      const step = free.body.slotMinutes
      assert(step === 30, `the business's slots are ${step} minutes long, not 30`)
      /** @type {{ date: string, time: string, start: string }[]} */
      const slots = free.body.slots
      const at = (/** @type {string} */ date, /** @type {string} */ time) => slots.find((s) => s.date === date && s.time === time)
      // An hour-long meeting at S that can move to S+30: S, S+30 and S+60 all free on one day; another meeting the same
      // week, at least three hours away.
      const first = slots.find((s) => at(s.date, plusMinutes(s.time, 30)) && at(s.date, plusMinutes(s.time, 60)))
      assert(first, 'no hour and a half free in the next three weeks')
      const other = slots.find(
        (s) => sundayOf(s.date) === sundayOf(first.date) && Math.abs(Date.parse(s.start) - Date.parse(first.start)) >= 3 * 3_600_000,
      )
      assert(other, 'no second free slot in the same week')
      const later = at(first.date, plusMinutes(first.time, 30))
      assert(later, 'the slot half an hour later is gone')

      const moveName = `העברה ${stamp()}`
      const cancelName = `ביטול ${stamp()}`
      const moveLead = await createLead(page, moveName)
      const cancelLead = await createLead(page, cancelName)
      const bookedMove = await callApi(page, 'POST', '/api/v1/appointments', { leadId: moveLead.id, start: first.start, durationMinutes: 60 })
      assert(bookedMove.status === 201, `booking the hour answered ${bookedMove.status}: ${JSON.stringify(bookedMove.body)}`)
      const bookedCancel = await callApi(page, 'POST', '/api/v1/appointments', { leadId: cancelLead.id, start: other.start })
      assert(bookedCancel.status === 201, `booking the second answered ${bookedCancel.status}: ${JSON.stringify(bookedCancel.body)}`)

      await openWeekOf(page, first.date)
      const date = shown(first.date)
      const laterFree = page.getByRole('button', { name: `מועד פנוי ${date} בשעה ${later.time}, לקביעת פגישה` })
      assert((await laterFree.count()) === 0, 'half an hour later is offered while the hour-long meeting holds it')

      // Move by half an hour: the time overlapping the meeting's own is offered while it moves.
      await page.getByRole('button', { name: `פגישה ${first.time} עם ${moveName}` }).click()
      const details = page.getByTestId('appointment-dialog')
      await details.getByRole('button', { name: 'העברה למועד אחר' }).click()
      await page.getByTestId('moving-banner').filter({ hasText: moveName }).waitFor()
      const target = page.getByRole('button', { name: `העברת הפגישה ל־${date} בשעה ${later.time}` })
      await target.waitFor()
      const sameTime = await page.getByRole('button', { name: `העברת הפגישה ל־${date} בשעה ${first.time}` }).count()
      assert(sameTime === 0, 'the meeting is offered its own time to move to')
      await screenshot(page, 'appointments-move')
      await target.focus()
      await page.keyboard.press('Enter')
      const confirm = page.getByTestId('reschedule-dialog')
      await confirm.getByRole('button', { name: 'העברה', exact: true }).click()
      await confirm.waitFor({ state: 'detached' })
      await page.getByTestId('moving-banner').waitFor({ state: 'detached' })
      const moved = page.getByRole('button', { name: `פגישה ${later.time} עם ${moveName}` })
      await moved.waitFor()
      const movedDay = await moved.evaluate((el) => el.closest('[data-day]')?.getAttribute('data-day'))
      assert(movedDay === first.date, `the moved meeting shows on ${movedDay}, expected ${first.date}`)

      // Cancel the other with a reason.
      const reason = 'הלקוח ביקש לדחות לחודש הבא'
      await page.getByRole('button', { name: `פגישה ${other.time} עם ${cancelName}` }).click()
      await page.getByTestId('appointment-dialog').getByRole('button', { name: 'ביטול הפגישה' }).click()
      const cancelDialog = page.getByTestId('cancel-dialog')
      await cancelDialog.getByRole('button', { name: 'ביטול הפגישה' }).click()
      await cancelDialog.getByText('יש לכתוב את סיבת הביטול').waitFor()
      await cancelDialog.getByLabel('סיבת הביטול').fill(reason)
      await cancelDialog.getByRole('button', { name: 'ביטול הפגישה' }).click()
      await cancelDialog.waitFor({ state: 'detached' })
      await page.getByRole('button', { name: `פגישה ${other.time} עם ${cancelName}` }).waitFor({ state: 'detached' })
      await page.getByRole('button', { name: `מועד פנוי ${shown(other.date)} בשעה ${other.time}, לקביעת פגישה` }).waitFor()
      await screenshot(page, 'appointments-moved-and-cancelled')

      const afterMove = await callApi(page, 'GET', `/api/v1/appointments/${bookedMove.body.id}`)
      assert(afterMove.status === 200, `reading the moved meeting answered ${afterMove.status}`)
      assert(Date.parse(afterMove.body.start) === Date.parse(later.start), `the Api has the meeting at ${afterMove.body.start}, expected ${later.start}`)
      assert(
        Date.parse(afterMove.body.end) - Date.parse(afterMove.body.start) === 60 * 60_000,
        `the moved meeting ends at ${afterMove.body.end}: its hour was not kept`,
      )
      assert(afterMove.body.status === 'booked' && afterMove.body.version === 2, `the moved meeting is ${afterMove.body.status} v${afterMove.body.version}`)
      const afterCancel = await callApi(page, 'GET', `/api/v1/appointments/${bookedCancel.body.id}`)
      assert(afterCancel.status === 200, `reading the cancelled meeting answered ${afterCancel.status}`)
      assert(afterCancel.body.status === 'cancelled', `the second meeting is ${afterCancel.body.status}`)
      assert(afterCancel.body.cancelReason === reason, `the reason was stored as ${JSON.stringify(afterCancel.body.cancelReason)}`)
    },
  },
  {
    name: 'start an outbound call at the limit and see the Hebrew message',
    skipUnless: hasCredentials,
    async run({ page, context }) {
      await signInAs(page, 'owner')
      const profile = await callApi(page, 'GET', '/api/v1/business')
      assert(profile.status === 200, `the business profile answered ${profile.status}`)
      const { id: tenantId, limits } = profile.body
      const prefix = `יוצאת ${stamp()}`
      const names = ['א', 'ב', 'ג', 'ד'].map((letter) => `${prefix} ${letter}`)
      for (const name of names) await createLead(page, name)
      const template = await callApi(page, 'POST', '/api/v1/outbound/templates', {
        name: `תבנית ${stamp()}`,
        promptText: 'לברר אם הלקוח עדיין מחפש דירה ולהציע פגישה.',
      })
      assert(template.status === 201, `creating a template answered ${template.status}`)

      /** @param {number} maxOutboundCalls */
      const setOutboundLimit = async (maxOutboundCalls) => {
        await context.clearCookies()
        await signInAs(page, 'system_admin')
        const changed = await callApi(page, 'PUT', `/api/v1/tenants/${tenantId}/limits`, {
          maxConcurrentCalls: limits.maxConcurrentCalls,
          maxOutboundCalls,
        })
        assert(changed.status === 200, `changing the limits answered ${changed.status}: ${JSON.stringify(changed.body)}`)
        await context.clearCookies()
      }

      await setOutboundLimit(1)
      try {
        await signInAs(page, 'owner')
        await page.goto('/outbound')
        await page.getByRole('heading', { level: 1, name: 'שיחות יוצאות' }).waitFor()
        await page.getByTestId('lines').filter({ hasText: 'מתוך 1' }).waitFor()
        await page.getByLabel('חיפוש ליד לשיחה').fill(prefix)
        for (const name of names.slice(0, 3)) await page.getByRole('button', { name: `הוספת ${name} לשיחות` }).click()
        const fourth = page.getByRole('button', { name: `הוספת ${names[3]} לשיחות` })
        assert(await fourth.isDisabled(), 'a fourth lead can be added')
        const hint = (await page.getByTestId('limit-hint').innerText()).trim()
        assert(hint.includes('עד 3'), `the hint says "${hint}"`)
        await page.getByRole('button', { name: `הסרת ${names[2]}` }).click()
        await page.getByRole('radio', { name: template.body.name }).check()

        await page.getByRole('button', { name: 'התקשרו ל־2 לידים' }).click()
        const alert = page.getByTestId('outbound-problem').getByRole('alert')
        await alert.waitFor()
        const message = (await alert.innerText()).trim()
        assert(/[\u0590-\u05FF]/.test(message) && message.includes('יוצא'), `the limit message is "${message}"`)
        const kept = await page.getByTestId('selected-leads').locator('li').allInnerTexts()
        assert(
          kept.length === 2 && kept[0].includes(names[0]) && kept[1].includes(names[1]),
          `the selection after the refusal is [${kept.join(', ')}]`,
        )
        const calls = await callApi(page, 'GET', '/api/v1/calls?direction=outbound&limit=100')
        const started = calls.body.items.filter((/** @type {any} */ c) => c.templateId === template.body.id)
        assert(started.length === 0, `${started.length} calls were started despite the limit`)
        await screenshot(page, 'outbound-limit')
      } finally {
        await setOutboundLimit(limits.maxOutboundCalls)
      }
    },
  },
]
