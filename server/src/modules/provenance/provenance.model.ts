/**
 * Provenance as the services see it (P7): plain enums and interfaces, no GraphQL
 * (`provenance.type.ts` gives them their GraphQL shape).
 */

/** P7: the sources the privacy notice names. */
export enum DataSource {
  STORE_PURCHASE = 'STORE_PURCHASE',
  WEB_SHOP = 'WEB_SHOP',
  RESELLER = 'RESELLER',
  REGISTRATION = 'REGISTRATION',
  CUSTOMER_NOTICE = 'CUSTOMER_NOTICE',
  ADDRESS_UPDATE_SERVICE = 'ADDRESS_UPDATE_SERVICE',
  SUBCONTRACTOR = 'SUBCONTRACTOR',
  STAFF_ENTRY = 'STAFF_ENTRY',
  WEB_FORM = 'WEB_FORM',
}

/** Where the current value of one field came from, and when. */
export interface FieldProvenance {
  field: string;
  source: DataSource;
  /** Which store, reseller or update service. */
  detail: string | null;
  recordedAt: Date;
  /** The user who entered it, if a person did. */
  recordedBy: string | null;
}

/** Where the values of a write came from. */
export interface Provenance {
  source: DataSource;
  detail?: string | null;
}
