import type { User } from './user.type';

export const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.roles, u.active, u.partner_id, p.name AS partner_name,
         u.must_change_password, u.confidentiality_accepted_version, u.created_at
    FROM users u LEFT JOIN partners p ON p.id = u.partner_id`;

export function userFromRow(row: Record<string, any>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    active: row.active,
    partner: row.partner_id ? { id: row.partner_id, name: row.partner_name } : null,
    mustChangePassword: row.must_change_password,
    confidentialityAcceptedVersion: row.confidentiality_accepted_version,
    createdAt: row.created_at,
  };
}
