// @ts-check
// Browser tests for the dashboard, run against a live server (by default the Api serving web/dist).
// A deliberately small runner: one Chromium, a fresh context per test, one result line per test.
//
//   PROSAAS_BASE_URL   server to test (default http://127.0.0.1:5080)
//   PROSAAS_CHROMIUM   Chromium executable (default /usr/bin/chromium)
//   PROSAAS_E2E_CREDENTIALS   the sign-in details `prosaas-cli seed-demo --credentials-file` wrote for the server's
//                             database; without it the tests that sign in are skipped
//   node e2e/run.mjs [name-filter]   runs only tests whose name contains the filter; the rest are skipped

import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const baseURL = (process.env.PROSAAS_BASE_URL ?? 'http://127.0.0.1:5080').replace(/\/+$/, '')
const executablePath = process.env.PROSAAS_CHROMIUM ?? '/usr/bin/chromium'
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results')
const filter = process.argv[2] ?? ''
const timeoutMs = 15_000
const screensDir = path.join(resultsDir, 'screens')
const credentialsFile = process.env.PROSAAS_E2E_CREDENTIALS ?? ''

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
]

const text = {
  statusTitle: 'מצב המערכת',
  notFoundTitle: 'הדף לא נמצא',
  ok: 'תקין',
  signInTitle: 'כניסה למערכת',
  email: 'דוא״ל',
  password: 'סיסמה',
  signIn: 'כניסה',
  signOut: 'יציאה',
  noAccess: 'אין גישה',
  mainNavigation: 'ניווט ראשי',
  checks: [
    ['database', 'מסד נתונים'],
    ['migrations', 'סכמת נתונים'],
    ['projections-daemon', 'מעבד תחזיות'],
  ],
}

/** @param {unknown} condition @param {string} message */
function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** @param {import('playwright-core').Page} page */
async function expectHebrewRtlDocument(page) {
  const { dir, lang } = await page.evaluate(() => ({
    dir: document.documentElement.getAttribute('dir'),
    lang: document.documentElement.getAttribute('lang'),
  }))
  assert(dir === 'rtl', `expected html[dir=rtl], got dir=${dir}`)
  assert(lang === 'he', `expected html[lang=he], got lang=${lang}`)
}

/** @param {import('playwright-core').Page} page */
async function waitForChecks(page) {
  await page.getByRole('heading', { level: 1, name: text.statusTitle }).waitFor()
  await page.locator('li[data-check]').first().waitFor()
}

/**
 * Reads the lines "  role  email  password" of the seed's credentials file.
 * @returns {Promise<Record<string, { email: string, password: string }>>}
 */
async function readCredentials() {
  const found = /** @type {Record<string, { email: string, password: string }>} */ ({})
  for (const line of (await readFile(credentialsFile, 'utf8')).split('\n')) {
    const match = /^\s*(system_admin|owner|admin|agent)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line)
    if (match) found[match[1]] = { email: match[2], password: match[3] }
  }
  return found
}

/** What each role sees in the main navigation, in order (the status page and API docs are everyone's). */
const navigationByRole = {
  agent: ['סקירה', 'שיחות', 'לידים', 'פגישות', 'משימות', 'שיחות יוצאות', 'מצב המערכת', 'תיעוד API'],
  admin: ['סקירה', 'שיחות', 'לידים', 'פגישות', 'משימות', 'שיחות יוצאות', 'הגדרות', 'מצב המערכת', 'תיעוד API'],
  owner: ['סקירה', 'שיחות', 'לידים', 'פגישות', 'משימות', 'שיחות יוצאות', 'הגדרות', 'מצב המערכת', 'תיעוד API'],
  system_admin: ['עסקים', 'מצב המערכת', 'תיעוד API'],
}

/** A route each role may not use, and one it may. */
const refusedByRole = { agent: '/settings', admin: '/tenants', owner: '/tenants', system_admin: '/calls' }

/**
 * @param {import('playwright-core').Page} page @param {{ email: string, password: string }} who
 * @param {{ expectSuccess?: boolean }} [options]
 */
async function signIn(page, who, { expectSuccess = true } = {}) {
  await page.goto('/sign-in')
  await page.getByRole('heading', { level: 1, name: text.signInTitle }).waitFor()
  await page.getByLabel(text.email).fill(who.email)
  await page.getByLabel(text.password).fill(who.password)
  await page.getByRole('button', { name: text.signIn, exact: true }).click()
  if (expectSuccess) await page.getByRole('button', { name: text.signOut }).waitFor()
}

/** @param {import('playwright-core').Page} page */
async function navigationItems(page) {
  const links = page.getByRole('navigation', { name: text.mainNavigation }).getByRole('link')
  return (await links.allInnerTexts()).map((t) => t.trim())
}

/**
 * @typedef {{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext }} TestArgs
 * @typedef {{ name: string, viewport?: { width: number, height: number }, run: (args: TestArgs) => Promise<void>, skipUnless?: () => boolean }} BrowserTest
 */

/** @type {BrowserTest[]} */
const tests = [
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
    },
  },
  {
    name: 'unknown client route shows the Hebrew 404 page',
    async run({ page }) {
      await page.goto('/no/such/page-e2e')
      await page.getByRole('heading', { level: 1, name: text.notFoundTitle }).waitFor()
      await expectHebrewRtlDocument(page)
    },
  },
  {
    name: 'Swagger UI loads',
    async run({ page }) {
      const response = await page.goto('/swagger/index.html')
      assert(response?.ok(), `GET /swagger/index.html answered ${response?.status()}`)
      await page.locator('.swagger-ui').first().waitFor({ state: 'attached' })
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
    },
  },
  {
    name: 'each role signs in and sees its own navigation',
    skipUnless: () => credentialsFile !== '',
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

/** @param {string} name */
function fileSafe(name) {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()
}

/** @param {unknown} error */
function describeError(error) {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]
}

async function main() {
  await mkdir(resultsDir, { recursive: true })
  for (const file of await readdir(resultsDir)) {
    if (file.startsWith('browser-') && file.endsWith('.png')) await rm(path.join(resultsDir, file))
  }
  const counts = { passed: 0, failed: 0, skipped: 0 }
  const selected = tests.filter((t) => t.name.includes(filter) && (t.skipUnless?.() ?? true))
  counts.skipped = tests.length - selected.length

  console.log(`Browser tests against ${baseURL}`)

  /** @type {import('playwright-core').Browser | undefined} */
  let browser
  try {
    browser = await chromium.launch({ executablePath, args: launchArgs, headless: true })
  } catch (error) {
    console.error(`✗ could not launch Chromium at ${executablePath}: ${describeError(error)}`)
    counts.failed = selected.length
  }

  if (browser) {
    for (const test of selected) {
      const context = await browser.newContext({
        baseURL,
        locale: 'he-IL',
        timezoneId: 'Asia/Jerusalem',
        viewport: test.viewport ?? { width: 1280, height: 800 },
      })
      context.setDefaultTimeout(timeoutMs)
      context.setDefaultNavigationTimeout(timeoutMs)
      const page = await context.newPage()
      /** @type {string[]} */
      const pageErrors = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      try {
        await test.run({ page, context })
        assert(pageErrors.length === 0, `uncaught error in page: ${pageErrors[0]}`)
        counts.passed++
        console.log(`✓ ${test.name}`)
      } catch (error) {
        counts.failed++
        console.log(`✗ ${test.name}: ${describeError(error)}`)
        const shot = path.join(resultsDir, `browser-${fileSafe(test.name)}.png`)
        await page.screenshot({ path: shot, fullPage: true }).then(
          () => console.log(`  screenshot: ${path.relative(process.cwd(), shot)}`),
          () => {},
        )
      } finally {
        await context.close()
      }
    }
    await browser.close()
  }

  for (const test of tests) if (!selected.includes(test)) console.log(`- ${test.name} (skipped)`)
  await writeFile(path.join(resultsDir, 'browser.json'), JSON.stringify(counts) + '\n')
  console.log(`Browser tests: ${counts.passed} of ${selected.length} passed (${counts.failed} failing, ${counts.skipped} skipped)`)
  process.exitCode = counts.failed > 0 ? 1 : 0
}

await main()
