/** Dashboard roles as the Api names them; a higher role can do all a lower one can within its business. */
export type Role = 'system_admin' | 'owner' | 'admin' | 'agent'

export const roles: readonly Role[] = ['agent', 'admin', 'owner', 'system_admin']

export function toRole(value: unknown): Role | null {
  return typeof value === 'string' && (roles as readonly string[]).includes(value) ? (value as Role) : null
}

/** A part of the dashboard with its own route and navigation item. */
export type Section = 'overview' | 'calls' | 'leads' | 'appointments' | 'tasks' | 'outbound' | 'settings' | 'tenants'

export const sectionPaths: Record<Section, string> = {
  overview: '/overview',
  calls: '/calls',
  leads: '/leads',
  appointments: '/appointments',
  tasks: '/tasks',
  outbound: '/outbound',
  settings: '/settings',
  tenants: '/tenants',
}

/** Navigation order. */
export const sections: readonly Section[] = [
  'overview',
  'calls',
  'leads',
  'appointments',
  'tasks',
  'outbound',
  'settings',
  'tenants',
]

const businessWork: readonly Section[] = ['overview', 'calls', 'leads', 'appointments', 'tasks', 'outbound']

/**
 * What a role may use. Business pages need a business: a system admin reaches them only after selecting one,
 * and then sees what an owner sees, plus the platform's businesses.
 */
export function allowedSections(role: Role, hasBusiness: boolean): Section[] {
  switch (role) {
    case 'agent':
      return hasBusiness ? [...businessWork] : []
    case 'admin':
    case 'owner':
      return hasBusiness ? [...businessWork, 'settings'] : []
    case 'system_admin':
      return hasBusiness ? [...businessWork, 'settings', 'tenants'] : ['tenants']
  }
}

export function canUse(role: Role, hasBusiness: boolean, section: Section): boolean {
  return allowedSections(role, hasBusiness).includes(section)
}

/** The page a user lands on after signing in. */
export function homePath(role: Role, hasBusiness: boolean): string {
  const first = allowedSections(role, hasBusiness)[0]
  return first ? sectionPaths[first] : '/status'
}
