import type { RetentionSettings } from './retention';

/**
 * The register's configuration as the services see it (P18): plain interfaces, no GraphQL
 * (`register-config.type.ts` gives them their GraphQL shape).
 */

/** Who answers for the register: the controller, or a person named for it. */
export interface Party {
  name: string | null;
  /** Multi-line postal address, one line per `\n`. */
  address: string | null;
  /** E.164. */
  phone: string | null;
  /** Lower-cased. */
  email: string | null;
}

export interface Controller extends Party {
  /** The Finnish business ID (Y-tunnus), e.g. 1234567-8. */
  businessId: string | null;
}

/** The person responsible for the register, who signs certificates (P16: "rekisterin vastuuhenkilö"). */
export interface Signer {
  name: string | null;
  title: string | null;
}

export interface RegisterConfig {
  controller: Controller;
  contact: Party;
  signer: Signer;
  retention: RetentionSettings;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** A change of the configuration as an admin gives it; a field not given keeps its value. */
export interface RegisterConfigChange {
  controllerName?: string | null;
  controllerBusinessId?: string | null;
  controllerAddress?: string | null;
  controllerPhone?: string | null;
  controllerEmail?: string | null;
  contactName?: string | null;
  contactAddress?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
  inactiveCustomerMonths?: number | null;
  auditLogMonths?: number | null;
  consultationLogMonths?: number | null;
  webEventDays?: number | null;
}

/** What every document of the register names: who is responsible and whom to ask (P18, GDPR 13(1)(a)). */
export interface RegisterIdentity {
  controller: Controller;
  contact: Party;
  signer: Signer;
}
