// @ts-check
// Browser tests for the dashboard, run against a live server (by default the Api serving web/dist).
// A deliberately small runner: one Chromium, a fresh context per test, one result line per test.
//
//   PROSAAS_BASE_URL   server to test (default http://127.0.0.1:5080)
//   PROSAAS_CHROMIUM   Chromium executable (default /usr/bin/chromium)
//   PROSAAS_E2E_CREDENTIALS   the sign-in details `prosaas-cli seed-demo --credentials-file` wrote for the server's
//                             database; without it the tests that sign in are skipped
//   node e2e/run.mjs [name-filter]   runs only tests whose name contains the filter; the rest are skipped

import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

import { assert, baseURL, executablePath, launchArgs, resultsDir, timeoutMs } from './support.mjs'

const filter = process.argv[2] ?? ''
const testsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tests')

/** Every file in e2e/tests exports `tests`; they run in file-name order, each in a fresh browser context. */
async function loadTests() {
  /** @type {import('./support.mjs').BrowserTest[]} */
  const all = []
  for (const file of (await readdir(testsDir)).filter((f) => f.endsWith('.mjs')).sort()) {
    const module = await import(pathToFileURL(path.join(testsDir, file)).href)
    all.push(...module.tests)
  }
  return all
}

const tests = await loadTests()

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
