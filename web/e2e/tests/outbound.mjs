// @ts-check
// Outbound calls: a started call's status follows the business's live feed, without a reload.

import { assert, callApi, hasCredentials, screenshot, signInAs } from '../support.mjs'

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
  {
    name: 'outbound: a started call is watched live until it ends',
    skipUnless: hasCredentials,
    async run({ page }) {
      const stamp = Date.now().toString(36)
      await signInAs(page, 'owner')
      const name = `חי ${stamp}`
      const lead = await callApi(page, 'POST', '/api/v1/leads', { name, phone: `+97252${String(Date.now()).slice(-7)}` })
      assert(lead.status === 201, `creating the lead answered ${lead.status}: ${JSON.stringify(lead.body)}`)
      const template = await callApi(page, 'POST', '/api/v1/outbound/templates', {
        name: `תבנית חיה ${stamp}`,
        promptText: 'לברר אם הלקוח עדיין מחפש דירה ולהציע פגישה.',
      })
      assert(template.status === 201, `creating a template answered ${template.status}`)

      await page.goto('/outbound')
      await page.getByRole('heading', { level: 1, name: 'שיחות יוצאות' }).waitFor()
      await page.getByLabel('חיפוש ליד לשיחה').fill(name)
      await page.getByRole('button', { name: `הוספת ${name} לשיחות` }).click()
      await page.getByRole('radio', { name: template.body.name }).check()
      await page.getByRole('button', { name: 'התקשרו לליד' }).click()

      const started = page.getByTestId('started-calls').locator('li').filter({ hasText: name })
      await started.waitFor()
      await page.getByText('הסטטוס מתעדכן אוטומטית').waitFor()
      const calls = await callApi(page, 'GET', '/api/v1/calls?direction=outbound&limit=100')
      const call = calls.body.items.find((/** @type {any} */ c) => c.templateId === template.body.id)
      assert(call, 'no outbound call was started with the template')
      assert(call.isLive, `the started call is not live: ${JSON.stringify(call)}`)

      // Ended elsewhere (as the business would from the calls page): the page hears it over the live feed.
      const hungUp = await callApi(page, 'POST', `/api/v1/calls/${call.id}/hang-up`)
      assert(hungUp.status === 200, `hanging up answered ${hungUp.status}: ${JSON.stringify(hungUp.body)}`)
      await started.filter({ hasText: 'הסתיימה' }).waitFor({ timeout: 10_000 })
      await page.getByText('הסטטוס מתעדכן אוטומטית').waitFor({ state: 'detached' })
      await screenshot(page, 'outbound-watched-live')
    },
  },
]
