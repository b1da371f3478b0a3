// @ts-check
// Settings: every page opens at desktop and phone width; a new API key is shown once; a lead status renamed; the
// assistant's greeting changed and rolled back; a weekday's appointment hours followed by the calendar's free slots; the
// FAQ's try-it finding an entry just added; a webhook's test message in its delivery log; the system admin chooses a
// business.

import { assert, callApi, hasCredentials, navigationItems, screenshot, signInAs } from '../support.mjs'

/** Every settings page: its address under /settings, its heading and the name of its screenshot. */
const settingsPages = [
  { path: 'business', heading: 'פרטי העסק' },
  { path: 'assistant', heading: 'העוזר הקולי' },
  { path: 'prompts', heading: 'הנחיות לעוזר' },
  { path: 'hours', heading: 'שעות פעילות ופגישות' },
  { path: 'statuses', heading: 'סטטוסי לידים' },
  { path: 'faq', heading: 'שאלות נפוצות' },
  { path: 'webhooks', heading: 'Webhooks' },
  { path: 'api-keys', heading: 'מפתחות API' },
  { path: 'users', heading: 'משתמשים' },
]

const loadingText = 'טוען…'

/**
 * Opens each settings page as the owner and checks its heading, that it finished loading without an error (no alert,
 * no uncaught error in the page) and that the page does not scroll sideways.
 * @param {import('playwright-core').Page} page @param {string} suffix
 */
async function visitEverySettingsPage(page, suffix) {
  /** @type {string[]} */
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  await signInAs(page, 'owner')
  for (const { path, heading } of settingsPages) {
    await page.goto(`/settings/${path}`)
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor()
    await page.waitForFunction(
      (loading) => ![...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.trim() === loading),
      loadingText,
    )
    const h1s = await page.getByRole('heading', { level: 1 }).count()
    assert(h1s === 1, `/settings/${path} has ${h1s} h1 headings`)
    const alerts = await page.getByRole('alert').allInnerTexts()
    assert(alerts.every((a) => a.trim() === ''), `/settings/${path} shows an error: ${alerts.join(' | ')}`)
    assert(errors.length === 0, `/settings/${path} threw: ${errors[0]}`)
    const current = page.getByRole('navigation', { name: 'עמודי ההגדרות' }).locator('a[aria-current="page"]')
    assert((await current.innerText()).trim() !== '', `/settings/${path} marks no settings tab as current`)
    const tab = await current.boundingBox()
    const width = page.viewportSize()?.width ?? 0
    assert(tab && tab.x >= 0 && tab.x + tab.width <= width + 1, `/settings/${path}: its tab is out of view (x ${tab?.x}, width ${tab?.width})`)
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }))
    assert(scrollWidth <= clientWidth, `/settings/${path} scrolls sideways: ${scrollWidth} > ${clientWidth}`)
    await screenshot(page, `settings-${path}${suffix}`)
  }
}

const weekDays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const hebrewDays = ['ראשון', 'שני', 'שלישי', 'רביעי', 'חמישי', 'שישי', 'שבת']

/** @param {string} day yyyy-MM-dd @param {number} n */
function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
/** @param {string} day */
const weekDayIndex = (day) => new Date(`${day}T12:00:00Z`).getUTCDay()
/** @param {string} day */
const sundayOf = (day) => addDays(day, -weekDayIndex(day))
/** @param {string} day yyyy-MM-dd as the dashboard shows it, dd/MM/yyyy */
const shownDate = (day) => day.split('-').reverse().join('/')
/** Today in the business's zone (the seeded business is in Israel). */
const israelToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date())

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
  {
    name: 'settings: every page opens with its heading and no error at 1280 px',
    skipUnless: hasCredentials,
    async run({ page }) {
      await visitEverySettingsPage(page, '')
    },
  },
  {
    name: 'settings: every page fits 375 px with no sideways scroll',
    viewport: { width: 375, height: 812 },
    skipUnless: hasCredentials,
    async run({ page }) {
      await visitEverySettingsPage(page, '-phone')
    },
  },
  {
    name: 'settings: a new API key is shown once and never read back',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const name = `מפתח בדיקה ${Date.now()}`
      await page.goto('/settings/api-keys')
      await page.getByRole('heading', { level: 1, name: 'מפתחות API' }).waitFor()
      await page.getByLabel('שם', { exact: true }).fill(name)
      await page.getByLabel('הרשאה', { exact: true }).selectOption('agent')
      await page.getByRole('button', { name: 'יצירת מפתח' }).click()
      const shown = page.getByRole('region', { name: 'המפתח החדש' }).getByTestId('secret-value')
      await shown.waitFor()
      const key = (await shown.innerText()).trim()
      assert(key.length >= 20, `the shown key "${key}" is too short to be a key`)
      await page.locator('tr', { hasText: name }).waitFor()
      await screenshot(page, 'settings-api-key-created')

      const listed = await callApi(page, 'GET', '/api/v1/api-keys')
      assert(listed.status === 200, `GET /api/v1/api-keys answered ${listed.status}`)
      const mine = listed.body.find((/** @type {{ name: string }} */ k) => k.name === name)
      assert(mine, 'the new key is not listed')
      assert(key.startsWith(`psk_${mine.prefix}_`), `the key "${key.slice(0, 16)}…" does not start with its listed prefix ${mine.prefix}`)
      assert(!JSON.stringify(listed.body).includes(key), 'GET /api/v1/api-keys returns the key itself')

      await page.getByRole('link', { name: 'משתמשים', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'משתמשים' }).waitFor()
      await page.getByRole('link', { name: 'מפתחות API', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'מפתחות API' }).waitFor()
      await page.locator('tr', { hasText: name }).waitFor()
      assert((await page.getByTestId('secret-value').count()) === 0, 'the key is still shown after leaving the page')
      assert(!(await page.content()).includes(key), 'the key is still in the page after leaving it')
      await page.reload()
      await page.locator('tr', { hasText: name }).waitFor()
      assert(!(await page.content()).includes(key), 'the key is in the page after a reload')
    },
  },
  {
    name: 'settings: a renamed lead status stays after a reload',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const before = await callApi(page, 'GET', '/api/v1/business/settings')
      const statuses = before.body.settings.leadStatuses
      const target = statuses[statuses.length - 1]
      assert(target, 'the business has no lead statuses')
      const renamed = `סטטוס ${Date.now() % 100000}`

      await page.goto('/settings/statuses')
      await page.getByRole('heading', { level: 1, name: 'סטטוסי לידים' }).waitFor()
      const field = page.locator(`#status-label-${target.key}`)
      assert((await field.inputValue()) === target.label, `the field shows "${await field.inputValue()}", expected "${target.label}"`)
      await field.fill(renamed)
      await page.getByRole('button', { name: 'שמירה', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'הסטטוסים נשמרו' }).waitFor()

      const stored = await callApi(page, 'GET', '/api/v1/business/settings')
      const storedStatus = stored.body.settings.leadStatuses.find((/** @type {{ key: string }} */ s) => s.key === target.key)
      assert(storedStatus?.label === renamed, `stored label is "${storedStatus?.label}"`)
      assert(stored.body.settings.leadStatuses.length === statuses.length, 'renaming changed the number of statuses')

      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'סטטוסי לידים' }).waitFor()
      const reloaded = page.locator(`#status-label-${target.key}`)
      await reloaded.waitFor()
      assert((await reloaded.inputValue()) === renamed, `after a reload the field shows "${await reloaded.inputValue()}"`)
      await screenshot(page, 'settings-status-renamed')

      // The other test files share the business: give the status its name back.
      const latest = await callApi(page, 'GET', '/api/v1/business/settings')
      const restored = latest.body.settings.leadStatuses.map((/** @type {{ key: string }} */ s) =>
        s.key === target.key ? { ...s, label: target.label } : s,
      )
      const put = await callApi(page, 'PUT', '/api/v1/business/settings', {
        settings: { ...latest.body.settings, leadStatuses: restored },
        expectedVersion: latest.body.version,
      })
      assert(put.status === 200, `restoring the status name answered ${put.status}`)
    },
  },
  {
    name: 'settings: disabling a user asks first; cancelling keeps the user active',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const stamp = Date.now()
      const displayName = `נציגה ${stamp % 100000}`
      const created = await callApi(page, 'POST', '/api/v1/users', {
        email: `agent-${stamp}@example.com`,
        displayName,
        role: 'agent',
        password: 'Sisma-Tova-2026!',
      })
      assert(created.status === 201, `creating the user answered ${created.status}`)
      const userId = created.body.id
      const isDisabled = async () => (await callApi(page, 'GET', `/api/v1/users/${userId}`)).body.isDisabled

      await page.goto('/settings/users')
      await page.getByRole('heading', { level: 1, name: 'משתמשים' }).waitFor()
      await page.getByRole('button', { name: `השבתת ${displayName}` }).click()
      const dialog = page.getByRole('dialog', { name: `להשבית את ${displayName}?` })
      await dialog.waitFor()
      await screenshot(page, 'settings-user-disable-confirm')
      await dialog.getByRole('button', { name: 'ביטול' }).click()
      await dialog.waitFor({ state: 'hidden' })
      assert((await isDisabled()) === false, 'cancelling disabled the user')

      await page.getByRole('button', { name: `השבתת ${displayName}` }).click()
      await dialog.getByRole('button', { name: 'השבתה' }).click()
      await page.getByRole('status').filter({ hasText: 'המשתמש הושבת' }).waitFor()
      assert((await isDisabled()) === true, 'confirming did not disable the user')
      await page.getByRole('button', { name: `הפעלת ${displayName}` }).waitFor()
    },
  },
  {
    name: 'settings: the prompt history loads earlier versions page by page',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      let current = (await callApi(page, 'GET', '/api/v1/prompts/whatsapp?limit=1')).body.current.version
      const stamp = Date.now()
      for (let i = 0; i < 11; i++) {
        const saved = await callApi(page, 'PUT', '/api/v1/prompts/whatsapp', {
          text: `הנחיות וואטסאפ ${stamp} מספר ${i}`,
          baseVersion: current,
        })
        assert(saved.status === 201, `saving version ${i} answered ${saved.status}`)
        current = saved.body.version
      }

      await page.goto('/settings/prompts')
      await page.getByRole('heading', { level: 1, name: 'הנחיות לעוזר' }).waitFor()
      await page.getByRole('tab', { name: 'וואטסאפ' }).click()
      const versions = page.locator('li[data-version]')
      await page.locator(`li[data-version="${current}"]`).waitFor()
      const first = await versions.count()
      assert(first === 10, `the first page shows ${first} versions, expected 10`)
      assert((await page.locator('li[data-version="0"]').count()) === 0, 'the default text is on the first page')
      const more = page.getByRole('button', { name: 'טעינת עוד' })
      while ((await page.locator('li[data-version="0"]').count()) === 0) {
        const before = await versions.count()
        await more.click()
        await page.waitForFunction((n) => document.querySelectorAll('li[data-version]').length > n, before)
      }
      const shown = await versions.evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-version'))))
      assert(shown.length === current + 1, `${shown.length} versions shown, expected ${current + 1}`)
      assert(shown.every((v, i) => v === current - i), `versions out of order or repeated: ${shown.slice(0, 15).join(',')}…`)
      assert((await more.count()) === 0, 'the load more button stays after the last page')
      await page.locator('li[data-version="0"]').scrollIntoViewIfNeeded()
      await screenshot(page, 'settings-prompts-history')
    },
  },
  {
    name: 'settings: change the greeting and roll it back',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const before = await callApi(page, 'GET', '/api/v1/business/settings')
      assert(before.status === 200, `settings answered ${before.status}`)
      const oldGreeting = before.body.settings.greeting
      const newGreeting = `שלום מהבדיקה ${Date.now()}`

      await page.goto('/settings/assistant')
      await page.getByRole('heading', { level: 1, name: 'העוזר הקולי' }).waitFor()
      const greeting = page.getByLabel('פתיח', { exact: true })
      await greeting.waitFor()
      assert((await greeting.inputValue()) === oldGreeting, 'the form does not show the stored greeting')
      await greeting.fill(newGreeting)
      await page.getByRole('button', { name: 'שמירה' }).click()
      await page.getByRole('status').filter({ hasText: 'הגדרות העוזר נשמרו' }).waitFor()

      const stored = await callApi(page, 'GET', '/api/v1/business/settings')
      assert(stored.body.settings.greeting === newGreeting, `stored greeting is "${stored.body.settings.greeting}"`)
      await screenshot(page, 'settings-assistant')

      const history = await callApi(page, 'GET', '/api/v1/business/settings/history')
      const previous = history.body.items[1]
      assert(previous && previous.assistant.greeting === oldGreeting, 'the history does not hold the previous greeting')
      const newest = page.locator(`li[data-version="${history.body.currentVersion}"]`)
      await newest.locator('li[data-diff="added"]').filter({ hasText: newGreeting }).waitFor()
      await page.getByRole('button', { name: `שחזור גרסה ${previous.version}` }).click()
      await page.getByRole('status').filter({ hasText: `גרסה ${previous.version} שוחזרו` }).waitFor()

      const restored = await callApi(page, 'GET', '/api/v1/business/settings')
      assert(restored.body.settings.greeting === oldGreeting, `after the restore the greeting is "${restored.body.settings.greeting}"`)
      await page.waitForFunction(
        (text) => /** @type {HTMLTextAreaElement | null} */ (document.querySelector('#assistant-greeting'))?.value === text,
        oldGreeting,
      )
      const after = await callApi(page, 'GET', '/api/v1/business/settings/history')
      assert(after.body.currentVersion === history.body.currentVersion + 1, 'the restore was not recorded as a new version')
      await page.locator(`li[data-version="${after.body.currentVersion}"]`).waitFor()
      await page.locator('#settings-history-heading').scrollIntoViewIfNeeded()
      await screenshot(page, 'settings-history')
    },
  },
  {
    name: 'settings: a weekday\'s appointment hours change the calendar\'s free slots',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const before = await callApi(page, 'GET', '/api/v1/business/settings')
      assert(before.status === 200, `settings answered ${before.status}`)
      const original = before.body.settings
      const overridden = new Set(original.appointments.dateOverrides.map((/** @type {{ date: string }} */ o) => o.date))
      // A day far enough ahead for the minimum notice, inside the booking window, with no hours of its own.
      let target = addDays(israelToday(), 5)
      while (overridden.has(target)) target = addDays(target, 1)
      const dayName = `${hebrewDays[weekDayIndex(target)]} (פגישות)`
      const slotMinutes = original.appointments.slotMinutes
      const expected = []
      for (let start = 6 * 60; start + slotMinutes <= 7 * 60 + 30; start += slotMinutes) {
        expected.push(`${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`)
      }

      await page.goto('/settings/hours')
      await page.getByRole('heading', { level: 1, name: 'שעות פעילות ופגישות' }).waitFor()
      await page.getByRole('radio', { name: 'שעות נפרדות לפגישות' }).check()
      const remove = page.getByRole('button', { name: `הסרת טווח שעות ביום ${dayName}` })
      while ((await remove.count()) > 0) await remove.first().click()
      await page.getByRole('button', { name: `הוספת טווח שעות ביום ${dayName}` }).click()
      await page.getByLabel(`שעת פתיחה ביום ${dayName}`).fill('6:00')
      await page.getByLabel(`שעת סגירה ביום ${dayName}`).fill('07:30')
      await page.getByRole('button', { name: 'שמירה', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'השעות והגדרות הפגישות נשמרו' }).waitFor()
      await page.locator(`li[data-day="${weekDays[weekDayIndex(target)]}"]`).last().scrollIntoViewIfNeeded()
      await screenshot(page, 'settings-hours-appointment-day')

      const stored = await callApi(page, 'GET', '/api/v1/business/settings')
      const day = stored.body.settings.appointments.workingHours?.[weekDays[weekDayIndex(target)]]
      assert(JSON.stringify(day) === JSON.stringify([{ open: '06:00', close: '07:30' }]), `stored hours ${JSON.stringify(day)}`)
      assert(
        JSON.stringify(stored.body.settings.businessHours) === JSON.stringify(original.businessHours),
        'the business hours changed along with the appointment hours',
      )

      const free = await callApi(page, 'GET', `/api/v1/appointments/availability?from=${target}&to=${target}`)
      assert(free.status === 200, `availability answered ${free.status}`)
      const times = free.body.slots.map((/** @type {{ time: string }} */ s) => s.time)
      assert(JSON.stringify(times) === JSON.stringify(expected), `free slots on ${target}: ${times.join(', ')}; expected ${expected.join(', ')}`)

      await page.goto('/appointments')
      await page.getByRole('heading', { level: 1, name: 'פגישות' }).waitFor()
      const weeks = Math.round((Date.parse(sundayOf(target)) - Date.parse(sundayOf(israelToday()))) / (7 * 86_400_000))
      for (let i = 0; i < weeks; i++) await page.getByRole('button', { name: 'השבוע הבא' }).click()
      await page.getByTestId('calendar-range').filter({ hasText: shownDate(sundayOf(target)) }).waitFor()
      const first = page.getByRole('button', { name: `מועד פנוי ${shownDate(target)} בשעה ${expected[0]}, לקביעת פגישה` })
      await first.waitFor()
      const offered = await page.getByRole('button', { name: new RegExp(`^מועד פנוי ${shownDate(target)} בשעה`) }).count()
      assert(offered === expected.length, `the calendar offers ${offered} slots on ${target}, expected ${expected.length}`)
      await first.scrollIntoViewIfNeeded()
      await screenshot(page, 'settings-hours-calendar')

      // A date of its own on the same day: a short day whose hours replace the weekday's.
      await page.goto('/settings/hours')
      await page.getByRole('heading', { level: 1, name: 'שעות פעילות ופגישות' }).waitFor()
      await page.getByRole('button', { name: 'הוספת תאריך', exact: true }).click()
      const date = page.getByLabel('תאריך (יום/חודש/שנה)').last()
      await page.waitForFunction(() => /^override-.*-date$/.test(document.activeElement?.id ?? ''), undefined, { timeout: 2000 })
      await date.fill(shownDate(target))
      const override = page.locator(`li[data-override="${target}"]`)
      await override.getByText(`יום ${hebrewDays[weekDayIndex(target)]}`).waitFor()
      await override.getByRole('button', { name: `הוספת טווח שעות ביום ${shownDate(target)}` }).click()
      await override.getByLabel(`שעת פתיחה ביום ${shownDate(target)}`).fill('07:00')
      await override.getByLabel(`שעת סגירה ביום ${shownDate(target)}`).fill('06:30')
      await override.getByLabel('הערה (לא חובה)').fill('יום מקוצר')
      await page.getByRole('button', { name: 'שמירה', exact: true }).click()
      await override.getByText('שעת הסגירה חייבת להיות אחרי שעת הפתיחה').waitFor()
      await override.scrollIntoViewIfNeeded()
      await screenshot(page, 'settings-hours-date-error')
      await override.getByLabel(`שעת סגירה ביום ${shownDate(target)}`).fill('07:30')
      await page.getByRole('button', { name: 'שמירה', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'השעות והגדרות הפגישות נשמרו' }).waitFor()
      const short = await callApi(page, 'GET', `/api/v1/appointments/availability?from=${target}&to=${target}`)
      const shortTimes = short.body.slots.map((/** @type {{ time: string }} */ s) => s.time)
      const shortExpected = expected.filter((time) => time >= '07:00')
      assert(JSON.stringify(shortTimes) === JSON.stringify(shortExpected), `free slots on the short day: ${shortTimes.join(', ')}`)

      // The other tests share the business: give it its hours back.
      const latest = await callApi(page, 'GET', '/api/v1/business/settings')
      const put = await callApi(page, 'PUT', '/api/v1/business/settings', {
        settings: { ...latest.body.settings, appointments: original.appointments },
        expectedVersion: latest.body.version,
      })
      assert(put.status === 200, `restoring the appointment hours answered ${put.status}`)
    },
  },
  {
    name: 'settings: the FAQ try-it finds an entry just added',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const n = Date.now() % 1_000_000
      const question = `מדיניות חיות מחמד בסניף ${n}`
      const answer = `כלבים קטנים מוזמנים לסניף ${n}.`
      await page.goto('/settings/faq')
      await page.getByRole('heading', { level: 1, name: 'שאלות נפוצות' }).waitFor()
      await page.getByLabel('השאלה', { exact: true }).fill(question)
      await page.getByLabel('התשובה', { exact: true }).fill(answer)
      await page.getByRole('button', { name: 'הוספה', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'השאלה נוספה' }).waitFor()
      await page.locator('li[id^="faq-entry-"]', { hasText: question }).waitFor()

      // Asked otherwise: "מה" and the prefix ה are left out, so it is the entry's own question.
      await page.getByLabel('השאלה לבדיקה').fill(`מה מדיניות החיות מחמד בסניף ${n}?`)
      await page.getByRole('button', { name: 'בדיקה', exact: true }).click()
      const result = page.getByTestId('faq-try-result')
      await result.locator('[data-outcome="matched"]').waitFor()
      const shown = await result.innerText()
      assert(shown.includes(question) && shown.includes(answer), `the try-it shows: ${shown}`)
      assert(shown.includes('התאמה מדויקת'), `the try-it does not say how it matched: ${shown}`)
      await page.getByLabel('השאלה לבדיקה').scrollIntoViewIfNeeded()
      await screenshot(page, 'settings-faq-try-it')

      const entries = await callApi(page, 'GET', '/api/v1/faq?includeInactive=true&limit=100')
      const mine = entries.body.items.find((/** @type {{ question: string }} */ e) => e.question === question)
      assert(mine, 'the new entry is not stored')
      await result.getByRole('button', { name: 'הצגת השאלה ברשימה' }).click()
      const focused = await page.evaluate(() => document.activeElement?.id)
      assert(focused === `faq-entry-${mine.id}`, `"show in the list" focused ${focused}`)

      await page.getByLabel('השאלה לבדיקה').fill(`זקזוק פרפרים ${n}`)
      await page.getByRole('button', { name: 'בדיקה', exact: true }).click()
      await result.locator('[data-outcome="no_match"]').waitFor()
    },
  },
  {
    name: 'settings: a webhook test message shows in its delivery log',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      const url = `https://hooks.example.invalid/prosaas-${Date.now()}`
      const created = await callApi(page, 'POST', '/api/v1/webhooks', { url, eventTypes: ['lead.created'] })
      assert(created.status === 201, `creating the webhook answered ${created.status}`)
      const id = created.body.id ?? created.body.endpoint?.id
      await page.goto('/settings/webhooks')
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor()
      await page.getByRole('button', { name: `שליחת הודעת בדיקה אל ${url}` }).click()
      const row = page.locator('tr[data-delivery]', { hasText: 'נשלחה עכשיו' })
      await row.waitFor()
      assert((await row.innerText()).includes('הודעת בדיקה'), `the new row reads: ${await row.innerText()}`)
      await row.scrollIntoViewIfNeeded()
      await screenshot(page, 'settings-webhook-test')
      const deliveryId = await row.getAttribute('data-delivery')
      const log = await callApi(page, 'GET', `/api/v1/webhooks/${id}/deliveries?limit=25`)
      const stored = log.body.items.find((/** @type {{ id: string }} */ d) => d.id === deliveryId)
      assert(stored?.eventType === 'webhook.test', `the Api has ${JSON.stringify(stored)} for the row`)
    },
  },
  {
    name: 'tenants: the limits form starts from the business\'s own limits',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'system_admin')
      const name = `עסק מגבלות ${Date.now() % 100000}`
      const created = await callApi(page, 'POST', '/api/v1/tenants', {
        name,
        slug: `limits-${Date.now()}`,
        maxConcurrentCalls: 7,
        maxOutboundCalls: 2,
      })
      assert(created.status === 201, `creating the business answered ${created.status}`)
      await page.goto('/tenants')
      await page.getByRole('heading', { level: 1, name: 'עסקים' }).waitFor()
      const row = page.locator('li[data-tenant]', { hasText: name })
      await row.getByText('7 שיחות, 2 יוצאות').waitFor()
      await page.getByRole('button', { name: `ניהול ${name}` }).click()
      const total = row.getByLabel('שיחות בו־זמנית')
      const outbound = row.getByLabel('מהן יוצאות')
      assert((await total.inputValue()) === '7', `the total starts at ${await total.inputValue()}, expected 7`)
      assert((await outbound.inputValue()) === '2', `outbound starts at ${await outbound.inputValue()}, expected 2`)
      await total.fill('9')
      await outbound.fill('4')
      await row.getByRole('button', { name: 'שמירת מגבלות' }).click()
      await row.getByText('9 שיחות, 4 יוצאות').waitFor()
      await screenshot(page, 'tenants-limits')

      await page.reload()
      await page.getByRole('button', { name: `ניהול ${name}` }).click()
      assert((await total.inputValue()) === '9', `after a reload the total is ${await total.inputValue()}`)
      assert((await outbound.inputValue()) === '4', `after a reload outbound is ${await outbound.inputValue()}`)
    },
  },
  {
    name: 'tenants: the system admin chooses a business and sees its navigation',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'system_admin')
      await page.goto('/tenants')
      await page.getByRole('heading', { level: 1, name: 'עסקים' }).waitFor()
      const list = await callApi(page, 'GET', '/api/v1/tenants')
      const business = list.body.find((/** @type {{ name: string }} */ t) => t.name === 'שי דירות ומשרדים') ?? list.body[0]
      assert(business, 'no business to choose')
      await screenshot(page, 'tenants')
      await page.getByRole('button', { name: `עבודה בעסק ${business.name}` }).click()
      await page.waitForURL((url) => url.pathname === '/overview')
      await page.getByTestId('current-user').filter({ hasText: business.name }).waitFor()
      const nav = await navigationItems(page)
      assert(nav.includes('הגדרות') && nav.includes('שיחות') && nav.includes('עסקים'), `navigation after choosing: [${nav.join(', ')}]`)
      const me = await callApi(page, 'GET', '/api/v1/auth/me')
      assert(me.body.tenantId === business.id, `the session acts on ${me.body.tenantId}, expected ${business.id}`)
    },
  },
]
