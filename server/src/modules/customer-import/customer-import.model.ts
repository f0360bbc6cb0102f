import type { ImportProblem } from '../../csv-upload';

/**
 * Customer lists of a store or a reseller (P7) as the services see them: plain enums and interfaces,
 * no GraphQL (`customer-import.type.ts` gives them their GraphQL shape).
 */

/** What became, or would become, of one row of the file. */
export enum CustomerImportOutcome {
  /** No customer is this person: a new record is made. */
  NEW = 'NEW',
  /** The customer is found (by customer number or e-mail) and given the file's values. */
  UPDATE = 'UPDATE',
  /** The customer is found and has the file's values already. */
  UNCHANGED = 'UNCHANGED',
  /** Another customer (or an earlier row) may be this person: held for a person to merge or create as new. */
  POSSIBLE_DUPLICATE = 'POSSIBLE_DUPLICATE',
  /** Not taken: the reason and the field say why. */
  REFUSED = 'REFUSED',
  /** Applying: the customer changed after the dry run; skipped, never overwritten. */
  CONFLICT = 'CONFLICT',
}

export const OUTCOMES = Object.values(CustomerImportOutcome);

/** Why a row has the outcome it has. */
export enum CustomerImportReason {
  MATCHED_BY_CUSTOMER_NUMBER = 'MATCHED_BY_CUSTOMER_NUMBER',
  MATCHED_BY_EMAIL = 'MATCHED_BY_EMAIL',
  /** Another customer has the e-mail or phone, or the same name at the same address. */
  SHARES_CONTACT = 'SHARES_CONTACT',
  /** Several customers have the e-mail. */
  SEVERAL_MATCHES = 'SEVERAL_MATCHES',
  /** An earlier row of the file has the same e-mail or phone. */
  SAME_PERSON_IN_FILE = 'SAME_PERSON_IN_FILE',
  /** An earlier row of the file updates the same customer. */
  SAME_CUSTOMER_TWICE = 'SAME_CUSTOMER_TWICE',
  UNKNOWN_CUSTOMER_NUMBER = 'UNKNOWN_CUSTOMER_NUMBER',
  INVALID_CUSTOMER_NUMBER = 'INVALID_CUSTOMER_NUMBER',
  MISSING_NAME = 'MISSING_NAME',
  /** A value the register refuses as it would in the customer form (the detail says why). */
  INVALID_VALUE = 'INVALID_VALUE',
  TOO_MANY_FIELDS = 'TOO_MANY_FIELDS',
  /** GDPR 18: processing is restricted; an import changes nothing of theirs. */
  RESTRICTED = 'RESTRICTED',
  ANONYMISED = 'ANONYMISED',
  /** The importer may not make this record, or change this customer or field. */
  NOT_PERMITTED = 'NOT_PERMITTED',
  /** P7: the customer forbade updates of their name and address from outside sources (the update prohibition). */
  UPDATE_PROHIBITED = 'UPDATE_PROHIBITED',
  /** Applying: the customer changed after the dry run. */
  CHANGED_SINCE_DRY_RUN = 'CHANGED_SINCE_DRY_RUN',
}

export enum CustomerImportStatus {
  PENDING = 'PENDING',
  READING = 'READING',
  /** The dry run is done: nothing changed yet. */
  DRY_RUN = 'DRY_RUN',
  /** A job applies the rows batch by batch (progress in rowsApplied of rowsRead). */
  APPLYING = 'APPLYING',
  APPLIED = 'APPLIED',
  /** The file was refused: nothing of it is kept, nothing changed. */
  FAILED = 'FAILED',
}

/** P7: the sources a customer list comes from (the provenance kinds the notice names). */
export enum CustomerImportSource {
  STORE_PURCHASE = 'STORE_PURCHASE',
  RESELLER = 'RESELLER',
}

/** What a held duplicate became. */
export enum HeldDuplicateResolution {
  MERGED = 'MERGED',
  CREATED = 'CREATED',
}

/** The fields a file's columns can be mapped to (the permission table's names, plus the customer number). */
export const IMPORT_FIELDS = [
  'customerNumber',
  'firstName',
  'lastName',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
  'organisation',
  'businessId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** One row's values as mapped (trimmed text; null where the file has no column or the cell is empty). */
export type CustomerImportValues = Record<ImportField, string | null>;

/** Which header names each field's column (null: not in the file). */
export type CustomerImportMapping = Record<ImportField, string | null>;

export type CustomerImportCounts = Record<CustomerImportOutcome, number>;

/** Kept as every file import keeps it (csv-upload.ts). */
export type { ImportProblem };

export interface CustomerImportRecord {
  id: string;
  fileName: string;
  sourceKind: CustomerImportSource;
  sourceName: string;
  mapping: CustomerImportMapping;
  status: CustomerImportStatus;
  totalBytes: number | null;
  processedBytes: number;
  rowsRead: number;
  /** Rows the apply has gone through (every row counts: made, changed, held or refused). */
  rowsApplied: number;
  counts: CustomerImportCounts;
  /** Rows held as possible duplicates that nobody has merged or created yet. */
  heldOpen: number;
  error: ImportProblem | null;
  createdAt: Date;
  dryRunAt: Date | null;
  appliedAt: Date | null;
}

/** One row of the outcome report. */
export interface CustomerImportRowRecord {
  line: number;
  values: CustomerImportValues;
  outcome: CustomerImportOutcome;
  reason: CustomerImportReason | null;
  /** The column at fault (REFUSED). */
  field: string | null;
  /** Why, in words; or the customer numbers involved; or the fields an update changes. */
  detail: string | null;
  customerId: string | null;
  duplicateIds: string[];
  dryRunOutcome: CustomerImportOutcome;
  held: boolean;
  resolution: HeldDuplicateResolution | null;
}

/** Where the file of an import goes (PUT, text/csv). */
export const uploadPathOf = (id: string) => `/imports/customers/${id}`;
