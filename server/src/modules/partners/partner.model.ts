import type { ApiTokenScope } from '@rekisteri/schema';
import type { ProcessorTerms } from '../disclosures/disclosure.model';

/** A firm acting for the company (P4), as the services see it: no GraphQL (`partner.type.ts` gives it its GraphQL shape). */
export interface Partner {
  id: string;
  name: string;
  businessId?: string | null;
  active?: boolean;
  /** The customer fields its staff and tokens may read: its processor row's data fields (P4, P9). */
  customerFields?: string[];
  version?: number;
  createdAt?: Date;
  updatedAt?: Date;
}

/** A partner firm as an admin creates or changes it: the firm, its field scope, and its terms as a processor (P9). */
export interface PartnerDetails extends ProcessorTerms {
  name: string;
  businessId?: string | null;
  active?: boolean | null;
  customerFields: string[];
}

/** P4: an API token of a partner firm's system, as listed: never its secret. */
export interface ApiToken {
  id: string;
  partnerId: string;
  name: string;
  /** The first characters of the token, so an admin can tell tokens apart. */
  prefix: string;
  scopes: ApiTokenScope[];
  expiresAt: Date;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Neither revoked nor expired. */
  active: boolean;
}

export interface ApiTokenRequest {
  partnerId: string;
  name: string;
  scopes: ApiTokenScope[];
  expiresAt: Date;
}

/** A token just issued: the secret is in this answer and nowhere else. */
export interface IssuedApiToken {
  token: ApiToken;
  secret: string;
}
