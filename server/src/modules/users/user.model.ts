import type { Role } from '@rekisteri/schema';
import type { Partner } from '../partners/partner.model';

/**
 * Accounts as the services see them (P12): plain interfaces, no GraphQL (`user.type.ts` and
 * `user.inputs.ts` give them their GraphQL shape). Roles are the permission table's.
 */

/** A personal account. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  /** The partner firm a PARTNER user works for. */
  partner: Partner | null;
  mustChangePassword: boolean;
  confidentialityAcceptedVersion: string | null;
  createdAt: Date;
}

/** A new account and its one-time password, shown once. */
export interface CreatedUser {
  user: User;
  initialPassword: string;
}

/** The signed-in user, and what they may do. */
export interface Me {
  user: User;
  roles: Role[];
  /** Packed CASL rules: the web builds the same ability from them. */
  rules: unknown;
  mustChangePassword: boolean;
  /** Whether the current confidentiality commitment has been acknowledged (P11, P12). */
  confidentialityAccepted: boolean;
  confidentialityVersion: string;
  /** Issue 16: seconds without a request after which the session may end; the web warns before. */
  sessionIdleSeconds: number;
}

/** A new account as asked for; the service checks the values after the gate. */
export interface NewAccount {
  username: string;
  displayName: string;
  roles: Role[];
  /** Required with the PARTNER role, and only with it: the firm the person works for. */
  partner?: string | null;
}
