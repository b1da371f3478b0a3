// @ts-check
// A business's first day: the system admin creates it and its owner; the owner signs in for the first time and lands
// on the overview, which shows the first steps instead of empty charts.

import { assert, callApi, expectHebrewRtlDocument, hasCredentials, screenshot, signIn, signInAs } from '../support.mjs'

/** @type {import('../support.mjs').BrowserTest[]} */
export const tests = [
  {
    name: 'onboarding: a new business\'s owner signs in for the first time and sees the first steps',
    skipUnless: hasCredentials,
    async run({ page, context }) {
      const suffix = Date.now().toString(36)
      await signInAs(page, 'system_admin')
      const business = await callApi(page, 'POST', '/api/v1/tenants', {
        name: `מספרת חן ${suffix}`,
        slug: `chen-${suffix}`,
        timeZone: 'Asia/Jerusalem',
      })
      assert(business.status === 201, `creating the business answered ${business.status}: ${JSON.stringify(business.body)}`)
      const tenantId = business.body?.id
      assert(typeof tenantId === 'string', `no id in ${JSON.stringify(business.body)}`)
      const owner = { email: `owner-${suffix}@chen.test`, password: `First-${suffix}-Visit!` }
      const user = await callApi(page, 'POST', '/api/v1/users', {
        email: owner.email,
        displayName: 'חן לוי',
        role: 'owner',
        password: owner.password,
        tenantId,
      })
      assert(user.status === 201, `creating the owner answered ${user.status}: ${JSON.stringify(user.body)}`)

      await context.clearCookies()
      await signIn(page, owner)
      await page.waitForURL((url) => url.pathname === '/overview')
      await expectHebrewRtlDocument(page)
      const steps = page.getByTestId('first-steps')
      await steps.waitFor()
      assert((await steps.getByRole('listitem').count()) === 3, 'the first steps are not three')
      assert((await page.getByTestId('calls-per-day-chart').count()) === 0, 'a new business is shown charts before it has data')
      const shownBusiness = await page.getByText(`מספרת חן ${suffix}`).count()
      assert(shownBusiness > 0, 'the new business\'s name is not shown')
      await screenshot(page, 'first-visit-overview')
      await page.setViewportSize({ width: 375, height: 812 })
      await screenshot(page, 'first-visit-overview-375')
    },
  },
]
