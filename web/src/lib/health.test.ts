import { describe, expect, it } from 'vitest'
import { checkLabel, parseHealthReport, toCheckState, worstState } from './health'

const healthyReport = {
  status: 'Healthy',
  checks: [
    { name: 'database', status: 'Healthy', description: 'PostgreSQL answered in 3 ms' },
    { name: 'migrations', status: 'Healthy', description: 'Schema is at version 12' },
    { name: 'projections-daemon', status: 'Healthy', description: '' },
  ],
}

describe('parseHealthReport', () => {
  it('maps every check of a healthy report to a Hebrew label and the OK state', () => {
    const view = parseHealthReport(healthyReport)

    expect(view).not.toBeNull()
    expect(view!.state).toBe('healthy')
    expect(view!.checks.map((c) => [c.name, c.label, c.state, c.stateLabel])).toEqual([
      ['database', 'מסד נתונים', 'healthy', 'תקין'],
      ['migrations', 'סכמת נתונים', 'healthy', 'תקין'],
      ['projections-daemon', 'מעבד תחזיות', 'healthy', 'תקין'],
    ])
  })

  it('keeps a non-empty description and drops an empty one', () => {
    const view = parseHealthReport(healthyReport)!

    expect(view.checks[0]!.description).toBe('PostgreSQL answered in 3 ms')
    expect(view.checks[2]!.description).toBeNull()
  })

  it('maps an Unhealthy check to the not-OK state and makes the whole report not OK', () => {
    const view = parseHealthReport({
      status: 'Unhealthy',
      checks: [
        { name: 'database', status: 'Unhealthy', description: 'Connection refused' },
        { name: 'migrations', status: 'Healthy' },
      ],
    })!

    expect(view.state).toBe('unhealthy')
    expect(view.checks[0]).toMatchObject({ state: 'unhealthy', stateLabel: 'לא תקין' })
    expect(view.checks[1]).toMatchObject({ state: 'healthy', stateLabel: 'תקין' })
  })

  it('never reports the whole system better than its worst check', () => {
    const view = parseHealthReport({
      status: 'Healthy',
      checks: [{ name: 'database', status: 'Unhealthy' }],
    })!

    expect(view.state).toBe('unhealthy')
  })

  it('shows an unknown check under its raw name', () => {
    const view = parseHealthReport({
      status: 'Healthy',
      checks: [{ name: 'quartz-scheduler', status: 'Healthy' }],
    })!

    expect(view.checks[0]!.label).toBe('quartz-scheduler')
  })

  it('treats a check with a missing status as not OK', () => {
    const view = parseHealthReport({ status: 'Healthy', checks: [{ name: 'database' }] })!

    expect(view.checks[0]!.state).toBe('unhealthy')
    expect(view.state).toBe('unhealthy')
  })

  it('skips malformed checks but keeps the well-formed ones', () => {
    const view = parseHealthReport({
      status: 'Healthy',
      checks: [null, 42, { status: 'Healthy' }, { name: '  ', status: 'Healthy' }, { name: 'database', status: 'Healthy' }],
    })!

    expect(view.checks.map((c) => c.name)).toEqual(['database'])
  })

  it('accepts a report with no checks', () => {
    expect(parseHealthReport({ status: 'Healthy' })).toEqual({ state: 'healthy', checks: [] })
  })

  it.each([null, undefined, 'Healthy', 42, [], {}, { checks: [] }, { status: 1 }])(
    'rejects %j as not a health report',
    (body) => {
      expect(parseHealthReport(body)).toBeNull()
    },
  )
})

describe('toCheckState', () => {
  it.each([
    ['Healthy', 'healthy'],
    ['healthy', 'healthy'],
    ['Degraded', 'degraded'],
    ['Unhealthy', 'unhealthy'],
    ['Unknown', 'unhealthy'],
    [undefined, 'unhealthy'],
    [2, 'unhealthy'],
  ] as const)('maps %j to %s', (input, expected) => {
    expect(toCheckState(input)).toBe(expected)
  })
})

describe('checkLabel', () => {
  it('does not mistake inherited object keys for known checks', () => {
    expect(checkLabel('constructor')).toBe('constructor')
    expect(checkLabel('toString')).toBe('toString')
  })
})

describe('worstState', () => {
  it('orders healthy < degraded < unhealthy', () => {
    expect(worstState([])).toBe('healthy')
    expect(worstState(['healthy', 'degraded'])).toBe('degraded')
    expect(worstState(['degraded', 'unhealthy', 'healthy'])).toBe('unhealthy')
  })
})
