import { createContext, useContext } from 'react';
import type { Role } from '../gql/graphql';

/** Why the user is looking at personal data; sent with every request and kept in the audit log. */
export const PURPOSES = ['customer-service', 'sales', 'marketing', 'privacy-request', 'administration'] as const;
export type Purpose = (typeof PURPOSES)[number];

const DEFAULT_BY_ROLE: Record<Role, Purpose> = {
  SERVICE: 'customer-service',
  PARTNER: 'customer-service',
  SALES: 'sales',
  MARKETING: 'marketing',
  PRIVACY_OFFICER: 'privacy-request',
  ADMIN: 'administration',
};

export function defaultPurpose(roles: readonly Role[]): Purpose {
  return roles.length > 0 ? DEFAULT_BY_ROLE[roles[0]] : 'customer-service';
}

export interface PurposeState {
  purpose: Purpose;
  setPurpose(purpose: Purpose): void;
}

export const PurposeContext = createContext<PurposeState | null>(null);

export function usePurpose(): PurposeState {
  const value = useContext(PurposeContext);
  if (!value) throw new Error('usePurpose outside PurposeContext');
  return value;
}
