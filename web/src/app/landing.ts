import type { AppAbility } from '@rekisteri/schema';

/**
 * Issue 16: each role lands on its own work: a privacy officer on the request queue, marketing on the campaigns, an
 * admin on the users, sales, service and partners on the customers. A user with several roles lands by the first
 * of these that applies; one whose page is not open to them (by the permission table) falls through to the next.
 */
export function landingFor(roles: readonly string[], ability: AppAbility): string | null {
  const pages: [string, string, boolean][] = [
    ['PRIVACY_OFFICER', '/requests', ability.can('read', 'PrivacyRequest')],
    ['ADMIN', '/users', ability.can('create', 'User')],
    ['MARKETING', '/campaigns', ability.can('read', 'Campaign')],
  ];
  for (const [role, path, open] of pages) if (roles.includes(role) && open) return path;
  if (ability.can('read', 'Customer')) return '/customers';
  if (ability.can('read', 'AuditEvent')) return '/audit';
  if (ability.can('create', 'User')) return '/users';
  return null;
}
