// @ts-check
// Settings: the assistant's greeting changed and rolled back; the system admin chooses a business.

import { assert, callApi, hasCredentials, navigationItems, screenshot, signInAs } from '../support.mjs'

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
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
