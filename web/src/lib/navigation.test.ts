import { describe, expect, it } from 'vitest'
import { allowedSections, canUse, homePath, toRole } from './navigation'

const agentWork = ['overview', 'calls', 'leads', 'appointments', 'tasks', 'outbound']

describe('allowedSections', () => {
  it('gives an agent the daily work and nothing of settings or the platform', () => {
    expect(allowedSections('agent', true)).toEqual(agentWork)
  })

  it.each(['admin', 'owner'] as const)('gives an %s the daily work and the settings', (role) => {
    expect(allowedSections(role, true)).toEqual([...agentWork, 'settings'])
  })

  it('gives a system admin without a business only the businesses', () => {
    expect(allowedSections('system_admin', false)).toEqual(['tenants'])
  })

  it('gives a system admin who selected a business everything', () => {
    expect(allowedSections('system_admin', true)).toEqual([...agentWork, 'settings', 'tenants'])
  })

  it('gives business users nothing when they have no business', () => {
    expect(allowedSections('owner', false)).toEqual([])
  })
})

describe('canUse', () => {
  it('refuses the settings to an agent and the businesses to an owner', () => {
    expect(canUse('agent', true, 'settings')).toBe(false)
    expect(canUse('owner', true, 'tenants')).toBe(false)
    expect(canUse('admin', true, 'settings')).toBe(true)
  })
})

describe('homePath', () => {
  it('lands business users on the overview and a system admin on the businesses', () => {
    expect(homePath('agent', true)).toBe('/overview')
    expect(homePath('system_admin', false)).toBe('/tenants')
    expect(homePath('owner', false)).toBe('/status')
  })
})

describe('toRole', () => {
  it.each([
    ['agent', 'agent'],
    ['system_admin', 'system_admin'],
    ['Agent', null],
    ['root', null],
    [3, null],
    [undefined, null],
  ] as const)('reads %j as %j', (value, expected) => {
    expect(toRole(value)).toBe(expected)
  })
})
