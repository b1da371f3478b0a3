// @ts-check
// What every browser test file shares: settings from the environment, Hebrew labels, assertions, sign-in and calls
// to the Api with the page's own session.

import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const baseURL = (process.env.PROSAAS_BASE_URL ?? 'http://127.0.0.1:5080').replace(/\/+$/, '')
export const executablePath = process.env.PROSAAS_CHROMIUM ?? '/usr/bin/chromium'
export const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results')
export const timeoutMs = 15_000
export const screensDir = path.join(resultsDir, 'screens')
export const credentialsFile = process.env.PROSAAS_E2E_CREDENTIALS ?? ''

export const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
]

export const text = {
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
export function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** @param {import('playwright-core').Page} page */
export async function expectHebrewRtlDocument(page) {
  const { dir, lang } = await page.evaluate(() => ({
    dir: document.documentElement.getAttribute('dir'),
    lang: document.documentElement.getAttribute('lang'),
  }))
  assert(dir === 'rtl', `expected html[dir=rtl], got dir=${dir}`)
  assert(lang === 'he', `expected html[lang=he], got lang=${lang}`)
}

/** @param {import('playwright-core').Page} page */
export async function waitForChecks(page) {
  await page.getByRole('heading', { level: 1, name: text.statusTitle }).waitFor()
  await page.locator('li[data-check]').first().waitFor()
}

/**
 * Reads the lines "  role  email  password" of the seed's credentials file.
 * @returns {Promise<Record<string, { email: string, password: string }>>}
 */
export async function readCredentials() {
  const found = /** @type {Record<string, { email: string, password: string }>} */ ({})
  for (const line of (await readFile(credentialsFile, 'utf8')).split('\n')) {
    const match = /^\s*(system_admin|owner|admin|agent)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line)
    if (match) found[match[1]] = { email: match[2], password: match[3] }
  }
  return found
}

/** What each role sees in the main navigation, in order (the status page and API docs are everyone's). */
export const navigationByRole = {
  agent: ['סקירה', 'שיחות', 'לידים', 'פגישות', 'משימות', 'שיחות יוצאות', 'מצב המערכת', 'תיעוד API'],
  admin: ['סקירה', 'שיחות', 'לידים', 'פגישות', 'משימות', 'שיחות יוצאות', 'הגדרות', 'מצב המערכת', 'תיעוד API'],
  owner: ['סקירה', 'שיחות', 'לידים', 'פגישות', 'משימות', 'שיחות יוצאות', 'הגדרות', 'מצב המערכת', 'תיעוד API'],
  system_admin: ['עסקים', 'מצב המערכת', 'תיעוד API'],
}

/** A route each role may not use, and one it may. */
export const refusedByRole = { agent: '/settings', admin: '/tenants', owner: '/tenants', system_admin: '/calls' }

/**
 * @param {import('playwright-core').Page} page @param {{ email: string, password: string }} who
 * @param {{ expectSuccess?: boolean }} [options]
 */
export async function signIn(page, who, { expectSuccess = true } = {}) {
  await page.goto('/sign-in')
  await page.getByRole('heading', { level: 1, name: text.signInTitle }).waitFor()
  await page.getByLabel(text.email).fill(who.email)
  await page.getByLabel(text.password).fill(who.password)
  await page.getByRole('button', { name: text.signIn, exact: true }).click()
  if (expectSuccess) await page.getByRole('button', { name: text.signOut }).waitFor()
}

/** @param {import('playwright-core').Page} page */
export async function navigationItems(page) {
  const links = page.getByRole('navigation', { name: text.mainNavigation }).getByRole('link')
  return (await links.allInnerTexts()).map((t) => t.trim())
}


/** @type {Record<string, { email: string, password: string }> | undefined} */
let credentialsCache

/**
 * Signs in as one of the seeded users (`owner`, `admin`, `agent`, `system_admin`) and waits for the shell.
 * @param {import('playwright-core').Page} page @param {'owner' | 'admin' | 'agent' | 'system_admin'} role
 */
export async function signInAs(page, role) {
  credentialsCache ??= await readCredentials()
  const who = credentialsCache[role]
  assert(who, `no ${role} in ${credentialsFile}`)
  await signIn(page, who)
  await page.waitForURL((url) => url.pathname !== '/sign-in')
}

/**
 * Calls the Api as the page's signed-in user (its cookies, and the CSRF token for changes): for setting up data a test
 * needs and for checking what the page stored.
 * @param {import('playwright-core').Page} page @param {string} method @param {string} apiPath @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function callApi(page, method, apiPath, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' }
  if (!['GET', 'HEAD'].includes(method)) {
    const csrf = await page.request.get('/api/v1/auth/csrf')
    const token = (await csrf.json().catch(() => ({}))).token
    if (typeof token === 'string') headers['X-CSRF-Token'] = token
  }
  const response = await page.request.fetch(apiPath, {
    method,
    headers,
    data: body === undefined ? undefined : body,
  })
  const text = await response.text()
  let parsed = undefined
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = text
  }
  return { status: response.status(), body: parsed }
}

/**
 * Saves a screenshot of the page under test-results/screens (git-ignored).
 * @param {import('playwright-core').Page} page @param {string} name
 */
export async function screenshot(page, name) {
  await mkdir(screensDir, { recursive: true })
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: path.join(screensDir, `${name}.png`), fullPage: true })
}

/**
 * @typedef {{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext }} TestArgs
 * @typedef {{ name: string, viewport?: { width: number, height: number }, run: (args: TestArgs) => Promise<void>, skipUnless?: () => boolean }} BrowserTest
 */

/** True when the seeded users' credentials are available (the tests that sign in skip without them). */
export const hasCredentials = () => credentialsFile !== ''
