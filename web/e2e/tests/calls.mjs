// @ts-check
// Calls: the list updates live; a call's recording plays and seeks from its transcript; its audit timeline shows the
// call as of an earlier event. The calls come from `seed-demo --demo-calls` (scripts/test.sh and scripts/browser-dev.sh).

import { assert, callApi, hasCredentials, screenshot, signInAs } from '../support.mjs'

/** The seeded finished call's caller and the call in progress (src/Cli/DemoCalls.cs). */
const finishedCaller = '+972500000777'
const liveCaller = '+972500000778'
/** The seeded turns' places in the recording, in seconds. */
const turnOffsets = [0.5, 5, 10, 15, 20, 25]

/**
 * The row of the list whose caller is `phone`.
 * @param {import('playwright-core').Page} page @param {string} phone
 */
function rowOf(page, phone) {
  return page.locator('tbody tr', { hasText: phone })
}

/** @param {import('playwright-core').Page} page */
async function audioTime(page) {
  return page.evaluate(() => /** @type {HTMLAudioElement} */ (document.querySelector('audio')).currentTime)
}

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
  {
    name: 'calls: open a call, play the recording and seek from the transcript',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      await page.goto('/calls?direction=inbound')
      await page.getByRole('heading', { level: 1, name: 'שיחות' }).waitFor()
      const row = rowOf(page, finishedCaller)
      await row.waitFor()
      assert((await row.getByTestId('call-status').innerText()).includes('הסתיימה'), 'the finished call is not shown as ended')
      assert((await row.innerText()).includes('המתקשר נפרד לשלום'), 'the end reason is not in Hebrew')
      assert(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/.test(await row.innerText()), 'the start is not dd/MM/yyyy HH:mm')
      assert(new URL(page.url()).searchParams.get('direction') === 'inbound', 'the filter is not in the URL')
      assert((await page.locator('select').first().inputValue()) === 'inbound', 'the direction filter does not show the URL')
      await screenshot(page, 'calls-list')

      await row.getByRole('link').click()
      await page.waitForURL(/\/calls\/[0-9a-f-]{36}$/)
      await page.getByRole('heading', { level: 1 }).waitFor()
      const audio = page.locator('audio')
      await audio.waitFor()
      await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1)

      // Play with the keyboard on the player's own controls, as a user would.
      await audio.focus()
      await page.keyboard.press('Space')
      await page.waitForFunction(() => !(/** @type {HTMLAudioElement} */ (document.querySelector('audio')).paused), null, { timeout: 3000 })
        .catch(() => page.evaluate(() => /** @type {HTMLAudioElement} */ (document.querySelector('audio')).play()))
      await page.waitForFunction(() => /** @type {HTMLAudioElement} */ (document.querySelector('audio')).currentTime > 0.4)
      const before = await audioTime(page)
      await page.waitForTimeout(600)
      const after = await audioTime(page)
      assert(after > before, `the recording does not advance (${before} → ${after})`)

      const lines = page.getByTestId('transcript').getByRole('button')
      assert((await lines.count()) === turnOffsets.length, `expected ${turnOffsets.length} transcript lines, got ${await lines.count()}`)
      const target = lines.nth(4)
      await target.click()
      await page.waitForFunction((at) => {
        const t = /** @type {HTMLAudioElement} */ (document.querySelector('audio')).currentTime
        return t >= at && t < at + 2
      }, turnOffsets[4])
      assert((await target.getAttribute('aria-current')) === 'true', 'the line being played is not highlighted')
      assert((await lines.nth(1).getAttribute('aria-current')) === null, 'an earlier line is still highlighted')
      const english = page.getByTestId('transcript').getByText('Around eight thousand shekels, if possible.', { exact: true })
      assert((await english.getAttribute('dir')) === 'auto', 'an English line does not take its own direction')

      // Collected details under the business's field labels, values as the business reads them.
      const fields = page.locator('#fields-heading ~ [data-testid="collected-fields"]')
      await fields.locator('[data-field="budget"]').filter({ hasText: 'תקציב (₪)' }).waitFor()
      const fieldsText = await fields.innerText()
      assert(fieldsText.includes('עיר / אזור') && fieldsText.includes('תל אביב'), `the city is not under its label: ${fieldsText}`)
      assert(fieldsText.includes('מספר חדרים') && !/\bcity\b|\brooms\b/.test(fieldsText), `a key shows instead of a label: ${fieldsText}`)
      assert(fieldsText.includes('8,000'), `the budget is not grouped: ${fieldsText}`)

      const timeline = page.getByTestId('timeline')
      const collectedLine = timeline.getByRole('button').filter({ hasText: 'נאספו פרטים' })
      const collectedText = await collectedLine.innerText()
      assert(collectedText.includes('תקציב (₪)') && collectedText.includes('עיר / אזור'), `the timeline lists keys: ${collectedText}`)
      const events = timeline.getByRole('button')
      const count = await events.count()
      assert(count >= 10, `expected the call's events on the timeline, got ${count}`)
      assert((await events.first().innerText()).includes('ספק הטלפוניה'), 'the first event does not name Twilio as its cause')
      await events.nth(count - 1).click()
      await page.locator(`[data-testid="call-state"][data-version="${count}"]`).waitFor()
      assert((await page.getByTestId('state-status').innerText()).includes('הסתיימה'), 'the latest state is not ended')
      const stateFields = await page.getByTestId('call-state').getByTestId('collected-fields').innerText()
      assert(stateFields.includes('מספר חדרים') && !stateFields.includes('rooms'), `the state panel lists keys: ${stateFields}`)
      await events.nth(1).click()
      const state = page.locator('[data-testid="call-state"][data-version="2"]')
      await state.waitFor()
      assert((await page.getByTestId('state-status').innerText()).includes('בשיחה'), 'the early state is not "in progress"')
      assert((await page.getByTestId('state-transcript-count').getAttribute('data-count')) === '0', 'the early state shows later turns')
      assert((await page.getByTestId('state-end-reason').innerText()).trim() === '—', 'the early state shows the end')
      assert((await events.nth(1).getAttribute('aria-pressed')) === 'true', 'the chosen event is not marked')
      await screenshot(page, 'call-page')
    },
  },
  {
    name: 'calls: a status change made through the Api appears in the open list without a reload',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'owner')
      await page.goto('/calls')
      await page.locator('[data-live="live"]').waitFor()
      const row = rowOf(page, liveCaller)
      await row.waitFor()
      assert((await row.getByTestId('call-status').innerText()).includes('בשיחה'), 'the seeded call is not in progress')
      const callId = await row.getAttribute('data-call-id')
      assert(callId, 'the row has no call id')
      await page.evaluate(() => {
        /** @type {any} */ (window).__notReloaded = true
      })

      const hungUp = await callApi(page, 'POST', `/api/v1/calls/${callId}/hang-up`)
      assert(hungUp.status === 200, `hang-up answered ${hungUp.status}: ${JSON.stringify(hungUp.body)}`)

      await page.waitForFunction(
        (id) => document.querySelector(`tr[data-call-id="${id}"] [data-testid="call-status"]`)?.textContent?.includes('הסתיימה'),
        callId,
        { timeout: 5000 },
      )
      assert((await row.innerText()).includes('נותקה על ידי העסק'), 'the end reason did not follow')
      assert(await page.evaluate(() => /** @type {any} */ (window).__notReloaded === true), 'the page was reloaded')
      await screenshot(page, 'calls-live')
    },
  },
  {
    name: 'calls: the list fits a phone and its filters work by keyboard',
    skipUnless: hasCredentials,
    viewport: { width: 375, height: 812 },
    async run({ page }) {
      await signInAs(page, 'agent')
      await page.goto('/calls')
      await page.getByRole('heading', { level: 1, name: 'שיחות' }).waitFor()
      await rowOf(page, finishedCaller).waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert(overflow <= 0, `the page scrolls sideways by ${overflow}px`)
      const [direction, status] = [page.locator('select').nth(0), page.locator('select').nth(1)]
      await direction.focus()
      await direction.selectOption('inbound')
      await status.focus()
      await status.selectOption('rejected')
      await page.waitForURL(/direction=inbound&status=rejected/)
      await page.getByTestId('empty-state').waitFor()
      await screenshot(page, 'calls-phone-empty')
    },
  },
  {
    name: 'calls: date filters read dd/MM/yyyy and explain a wrong date in Hebrew',
    skipUnless: hasCredentials,
    async run({ page }) {
      await signInAs(page, 'agent')
      await page.goto('/calls')
      await rowOf(page, finishedCaller).waitFor()
      const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jerusalem', day: '2-digit', month: '2-digit', year: 'numeric' })
        .format(new Date())
      const [dd, mm, yyyy] = today.split('/')
      const from = page.getByLabel('מתאריך', { exact: true })
      const to = page.getByLabel('עד תאריך', { exact: true })

      await from.fill('31/02/2025')
      await from.press('Enter')
      const fromError = page.locator('#calls-from-date-error')
      await fromError.waitFor()
      assert((await fromError.innerText()).includes('תאריך לא תקין'), 'a day that does not exist is not refused in Hebrew')
      assert((await from.getAttribute('aria-invalid')) === 'true', 'the wrong field is not marked invalid')
      assert(!new URL(page.url()).searchParams.has('from'), 'a wrong date reached the URL')

      // d/M/yyyy is read too; a "to" before the "from" is an error on "to".
      await from.fill(`${Number(dd)}/${Number(mm)}/${yyyy}`)
      await to.fill(`${dd}/${mm}/${Number(yyyy) - 1}`)
      await to.press('Enter')
      await page.locator('#calls-to-date-error').waitFor()
      assert((await page.locator('#calls-to-date-error').innerText()).includes('מוקדם'), 'a backwards range is not explained')
      await screenshot(page, 'calls-date-error')

      await to.fill(today)
      await to.press('Tab')
      await page.waitForURL((url) => url.searchParams.get('from') === `${yyyy}-${mm}-${dd}` && url.searchParams.get('to') === `${yyyy}-${mm}-${dd}`)
      assert((await from.inputValue()) === today, `the field does not show dd/MM/yyyy: ${await from.inputValue()}`)
      await rowOf(page, finishedCaller).waitFor()
      assert((await page.locator('[id$="-date-error"]').count()) === 0, 'an error is left after a good range')

      await to.fill(`${dd}/${mm}/${Number(yyyy) + 1}`)
      await from.fill(`01/01/${Number(yyyy) + 1}`)
      await from.press('Enter')
      await page.getByTestId('empty-state').waitFor()
      await screenshot(page, 'calls-date-filter')
    },
  },
]
