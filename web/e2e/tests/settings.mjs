// @ts-check
// Settings: every page opens at desktop and phone width; a new API key is shown once; a lead status renamed; the
// assistant's greeting changed and rolled back; the system admin chooses a business.

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
