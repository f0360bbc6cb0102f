import type { ImportProblem } from '../../csv-upload';

/**
 * Address updates from an update service (P7) as the services see them: plain enums and
 * interfaces, no GraphQL (`address-update.type.ts` gives them their GraphQL shape).
 */

/** What became, or would become, of one row of the file. */
export enum AddressUpdateOutcome {
  /** The customer is found once and their address changes to the new one. */
  UPDATE = 'UPDATE',
  /** The customer is found and has the new address already. */
  UNCHANGED = 'UNCHANGED',
  /** No customer has this customer number, nor this name at this address. */
  NOT_FOUND = 'NOT_FOUND',
  /** More than one customer could be meant (the reason and detail say which). */
  AMBIGUOUS = 'AMBIGUOUS',
  /** Found, and not changed: an update prohibition, a restriction of processing, a possible duplicate, ... */
  BLOCKED = 'BLOCKED',
  /** The row cannot be read as an address update (the reason names the column). */
  INVALID = 'INVALID',
  /** Applying: someone changed the customer after the dry run; skipped, never overwritten. */
  CONFLICT = 'CONFLICT',
}

export const OUTCOMES = Object.values(AddressUpdateOutcome);

/** Why a row has the outcome it has. */
export enum AddressUpdateReason {
  MATCHED_BY_CUSTOMER_NUMBER = 'MATCHED_BY_CUSTOMER_NUMBER',
  MATCHED_BY_NAME_AND_ADDRESS = 'MATCHED_BY_NAME_AND_ADDRESS',
  NO_MATCH = 'NO_MATCH',
  /** Neither a customer number nor an old address: a name alone never matches. */
  NAME_ALONE = 'NAME_ALONE',
  SEVERAL_MATCHES = 'SEVERAL_MATCHES',
  /** Two rows of the file move the same customer. */
  SAME_CUSTOMER_TWICE = 'SAME_CUSTOMER_TWICE',
  /** The customer forbade updates (asiakasrekisterin päivityskielto). */
  UPDATE_PROHIBITED = 'UPDATE_PROHIBITED',
  /** The file's flag says the person forbade updates; applying records the prohibition. */
  UPDATE_PROHIBITED_IN_FILE = 'UPDATE_PROHIBITED_IN_FILE',
  /** GDPR 18: processing is restricted; an import gives no reason, so it changes nothing. */
  RESTRICTED = 'RESTRICTED',
  ANONYMISED = 'ANONYMISED',
  /** Another customer of the same name lives at the new address already. */
  POSSIBLE_DUPLICATE = 'POSSIBLE_DUPLICATE',
  /** The importer may not change this customer's address. */
  NOT_PERMITTED = 'NOT_PERMITTED',
  /** Applying: the customer changed after the dry run. */
  CHANGED_SINCE_DRY_RUN = 'CHANGED_SINCE_DRY_RUN',
  MISSING_NAME = 'MISSING_NAME',
  MISSING_NEW_ADDRESS = 'MISSING_NEW_ADDRESS',
  INVALID_CUSTOMER_NUMBER = 'INVALID_CUSTOMER_NUMBER',
  INVALID_POSTAL_CODE = 'INVALID_POSTAL_CODE',
  INVALID_DATE = 'INVALID_DATE',
  INVALID_FLAG = 'INVALID_FLAG',
  INVALID_TEXT = 'INVALID_TEXT',
  TOO_MANY_FIELDS = 'TOO_MANY_FIELDS',
}

export enum AddressUpdateImportStatus {
  /** Started; waiting for the file. */
  PENDING = 'PENDING',
  /** The file is being read and each row matched (the dry run). */
  READING = 'READING',
  /** The dry run is done: nothing changed yet; the report can be read and the import applied. */
  DRY_RUN = 'DRY_RUN',
  APPLYING = 'APPLYING',
  APPLIED = 'APPLIED',
  /** The file was refused or cut off: nothing of it is kept, nothing changed. */
  FAILED = 'FAILED',
}

/** The columns of a file (English names; the Finnish headers map onto them). */
export interface AddressUpdateLine {
  customerNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  oldStreet: string | null;
  oldPostalCode: string | null;
  oldCity: string | null;
  newStreet: string | null;
  newPostalCode: string | null;
  newCity: string | null;
  /** YYYY-MM-DD */
  movedOn: string | null;
  updateProhibition: boolean;
}

export type AddressUpdateCounts = Record<AddressUpdateOutcome, number>;

/** Kept as every file import keeps it (csv-upload.ts). */
export type { ImportProblem };

export interface AddressUpdateImportRecord {
  id: string;
  fileName: string;
  /** YYYY-MM-DD: the date the service delivered the file. */
  fileDate: string;
  status: AddressUpdateImportStatus;
  totalBytes: number | null;
  processedBytes: number;
  rowsRead: number;
  /** Rows the apply changes (UPDATE) or records a prohibition for (the file's flag). */
  rowsToApply: number;
  rowsApplied: number;
  counts: AddressUpdateCounts;
  error: ImportProblem | null;
  createdAt: Date;
  dryRunAt: Date | null;
  appliedAt: Date | null;
}

/** One row of the outcome report: the file's values, what became of them, and the customer matched. */
export interface AddressUpdateRowRecord extends AddressUpdateLine {
  line: number;
  outcome: AddressUpdateOutcome;
  reason: AddressUpdateReason | null;
  /** The customer numbers involved (an ambiguity, a possible duplicate). */
  detail: string | null;
  customerId: string | null;
  /** The outcome of the dry run, when applying changed it (CONFLICT, BLOCKED). */
  dryRunOutcome: AddressUpdateOutcome;
}

/** Where the file of an import goes (PUT, text/csv), and where its report is downloaded. */
export const uploadPathOf = (id: string) => `/imports/address-updates/${id}`;
export const reportPathOf = (id: string) => `/imports/address-updates/${id}/report.csv`;

/** How the customer told us of their update prohibition: the channels prohibitions are recorded with. */
export enum UpdateProhibitionSource {
  CUSTOMER_NOTICE = 'CUSTOMER_NOTICE',
  ADDRESS_UPDATE_SERVICE = 'ADDRESS_UPDATE_SERVICE',
}

/** The update prohibition in force for a customer. */
export interface UpdateProhibitionRecord {
  since: Date;
  source: UpdateProhibitionSource;
  /** How the customer told us (CUSTOMER_NOTICE). */
  via: string | null;
  /** The file that carried the flag (ADDRESS_UPDATE_SERVICE). */
  detail: string | null;
  note: string | null;
  recordedBy: string | null;
}

/** One entry of the update prohibition's history. */
export interface UpdateProhibitionEvent extends UpdateProhibitionRecord {
  action: 'SET' | 'LIFT';
}

/**
 * What the privacy notice says of the update prohibition (for its generator): the register honours
 * it in every address-update import.
 */
export const UPDATE_PROHIBITION_NOTICE = {
  fi: 'Asiakas voi kieltää asiakasrekisterin tietojen päivittämisen osoitepalvelusta (asiakasrekisterin päivityskielto) ilmoittamalla siitä asiakaspalveluun tai Digi- ja väestötietovirastolle. Kielto kirjataan asiakkaan tietoihin, eikä osoitetta silloin päivitetä osoitepäivityspalvelun tiedoista.',
  en: 'A customer may forbid updating the register from an address service (the customer register update prohibition) by telling customer service or the Digital and Population Data Services Agency. The prohibition is recorded with the customer, and their address is then not updated from an address-update service.',
} as const;
