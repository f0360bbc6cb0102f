/** The roles a personal account can hold (P12). A user may hold several. */
export const ROLES = ['SALES', 'SERVICE', 'MARKETING', 'PRIVACY_OFFICER', 'PARTNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
