// @ts-check
// The shell: Hebrew RTL, 404, Swagger, phone width, sign-in and each role's navigation.

import path from 'node:path'
import { mkdir } from 'node:fs/promises'
import {
  assert,
  credentialsFile,
  expectHebrewRtlDocument,
  hasCredentials,
  navigationByRole,
  navigationItems,
  readCredentials,
  refusedByRole,
  screensDir,
  screenshot,
  signIn,
  text,
  waitForChecks,
} from '../support.mjs'

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
  {
    name: 'home page is Hebrew RTL and shows every check as OK',
    async run({ page }) {
      await page.goto('/')
      await expectHebrewRtlDocument(page)
      await waitForChecks(page)
      for (const [name, label] of text.checks) {
        const row = page.locator(`li[data-check="${name}"]`)
        assert((await row.count()) === 1, `check "${name}" is not shown`)
        const shownLabel = (await row.getByRole('heading').innerText()).trim()
        assert(shownLabel === label, `check "${name}" is labelled "${shownLabel}", expected "${label}"`)
        const shownState = (await row.getByTestId('check-state').innerText()).trim()
        assert(shownState === text.ok, `check "${name}" shows "${shownState}", expected "${text.ok}"`)
      }
      await screenshot(page, 'status-page')
    },
  },
  {
    name: 'unknown client route shows the Hebrew 404 page',
    async run({ page }) {
      await page.goto('/no/such/page-e2e')
      await page.getByRole('heading', { level: 1, name: text.notFoundTitle }).waitFor()
      await expectHebrewRtlDocument(page)
      await screenshot(page, 'not-found')
    },
  },
  {
    name: 'Swagger UI loads',
    async run({ page }) {
      const response = await page.goto('/swagger/index.html')
      assert(response?.ok(), `GET /swagger/index.html answered ${response?.status()}`)
      await page.locator('.swagger-ui').first().waitFor({ state: 'attached' })
      await screenshot(page, 'swagger')
    },
  },
  {
    name: 'no horizontal scroll at 375px',
    viewport: { width: 375, height: 812 },
    async run({ page }) {
      await page.goto('/')
      await waitForChecks(page)
      await page.evaluate(() => document.fonts.ready)
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }))
      assert(scrollWidth <= clientWidth, `page scrolls sideways: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`)
      await screenshot(page, 'status-page-375')
    },
  },
  {
    name: 'a failed sign-in shows the Api\'s Hebrew message and keeps the input',
    async run({ page }) {
      const email = 'nobody-e2e@example.com'
      await signIn(page, { email, password: 'not-the-password' }, { expectSuccess: false })
      const alert = page.getByRole('alert')
      await alert.waitFor()
      const shown = (await alert.innerText()).trim()
      assert(/[\u0590-\u05FF]/.test(shown), `the error "${shown}" is not Hebrew`)
      const kept = await page.getByLabel(text.email).inputValue()
      assert(kept === email, `the e-mail field holds "${kept}" after the failure, expected "${email}"`)
      await screenshot(page, 'sign-in-failed')
    },
  },
  {
    name: 'each role signs in and sees its own navigation',
    skipUnless: hasCredentials,
    async run({ page, context }) {
      const credentials = await readCredentials()
      await mkdir(screensDir, { recursive: true })
      for (const [role, expected] of Object.entries(navigationByRole)) {
        const who = credentials[role]
        assert(who, `no ${role} in ${credentialsFile}`)
        await context.clearCookies()
        await signIn(page, who)
        await page.waitForURL((url) => url.pathname !== '/sign-in')
        await expectHebrewRtlDocument(page)
        const shown = await navigationItems(page)
        assert(
          JSON.stringify(shown) === JSON.stringify(expected),
          `${role} sees [${shown.join(', ')}], expected [${expected.join(', ')}]`,
        )
        await page.evaluate(() => document.fonts.ready)
        await page.screenshot({ path: path.join(screensDir, `navigation-${role}.png`), fullPage: true })

        // The signed-in shell on a phone: everything fits the width.
        await page.setViewportSize({ width: 375, height: 812 })
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }))
        assert(scrollWidth <= clientWidth, `${role}: page scrolls sideways at 375px (${scrollWidth} > ${clientWidth})`)
        await page.screenshot({ path: path.join(screensDir, `navigation-${role}-375.png`), fullPage: true })
        await page.setViewportSize({ width: 1280, height: 800 })

        await page.goto(refusedByRole[/** @type {keyof typeof refusedByRole} */ (role)])
        await page.getByRole('heading', { level: 1, name: text.noAccess }).waitFor()

        await page.getByRole('button', { name: text.signOut }).click()
        await page.getByRole('heading', { level: 1, name: text.signInTitle }).waitFor()
      }
    },
  },
]

