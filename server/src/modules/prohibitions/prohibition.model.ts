/**
 * The prohibition ledger and the opt-out lists as the services see them: plain enums and
 * interfaces, no GraphQL (`prohibition.type.ts` gives them their GraphQL shape).
 */

export enum ProhibitionKind {
  DIRECT_MARKETING = 'DIRECT_MARKETING',
  DISTANCE_SELLING = 'DISTANCE_SELLING',
  MARKET_AND_OPINION_RESEARCH = 'MARKET_AND_OPINION_RESEARCH',
  LIST_PUBLICATION = 'LIST_PUBLICATION',
  PROFILING = 'PROFILING',
}

export enum ContactChannel {
  EMAIL = 'EMAIL',
  POST = 'POST',
  PHONE = 'PHONE',
  SMS = 'SMS',
}

export enum NoticeVia {
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  EMAIL = 'EMAIL',
  CONTACT_PERSON = 'CONTACT_PERSON',
  LETTER = 'LETTER',
  PHONE = 'PHONE',
  WEB_FORM = 'WEB_FORM',
  /** Reinstated from an erased record's suppression key. */
  EARLIER_PROHIBITION = 'EARLIER_PROHIBITION',
}

export enum ProhibitionAction {
  SET = 'SET',
  LIFT = 'LIFT',
}

/** One entry of a customer's ledger, or one prohibition in force. */
export interface ProhibitionRecord {
  customerId: string;
  kind: ProhibitionKind;
  channel: ContactChannel | null;
  action: ProhibitionAction;
  via: NoticeVia;
  note: string | null;
  recordedAt: Date;
  recordedBy: string | null;
}

/** A customer's notice: what they forbade (or lifted), on which channel, and how they told us. */
export interface ProhibitionNotice {
  kind: ProhibitionKind;
  channel?: ContactChannel | null;
  via: NoticeVia;
  note?: string | null;
}

export interface OptOutListRecord {
  id: string;
  name: string;
  channel: ContactChannel | null;
  /** YYYY-MM-DD */
  validFrom: string;
  validUntil: string | null;
  rowCount: number;
  importedAt: Date;
}

/** What an import is told about the list it brings in. */
export interface OptOutListDetails {
  name: string;
  channel?: ContactChannel | null;
  validFrom: string;
  validUntil?: string | null;
}

/** A small list sent whole, as CSV text (the GraphQL mutation); files go through the upload. */
export interface OptOutListImport extends OptOutListDetails {
  csv: string;
}

/** How the bytes of an uploaded file are read: UTF-8 unless the request says Windows-1252. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/** One person on an external list, as read from the file (before the matching keys are made). */
export interface OptOutEntry {
  name: string | null;
  street: string | null;
  postalCode: string | null;
  phone: string | null;
}

/** Why a line of the file was not taken. */
export enum SkipReason {
  /** A phone is given, and libphonenumber does not hold it a valid number. */
  INVALID_PHONE = 'INVALID_PHONE',
  /** A postal code is given, and it is not five digits. */
  INVALID_POSTAL_CODE = 'INVALID_POSTAL_CODE',
  /** Neither a phone nor the whole of name, street and postal code. */
  INCOMPLETE = 'INCOMPLETE',
  /** More values than the header has columns. */
  TOO_MANY_FIELDS = 'TOO_MANY_FIELDS',
}

export interface SkippedLine {
  line: number;
  reason: SkipReason;
  /** The column at fault (name, street, postalCode, phone), if one is. */
  field: string | null;
}

export enum OptOutListImportStatus {
  /** Started; waiting for the file. */
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  /** The list is in force. */
  SUCCEEDED = 'SUCCEEDED',
  /** Refused or interrupted: the list in force is as it was. */
  FAILED = 'FAILED',
}

/** Why an import failed, as the API answered it. */
export interface ImportProblem {
  code: string;
  reason: string | null;
  message: string;
  field: string | null;
  line: number | null;
}

/** An import of a list: its progress while it runs, its outcome after. */
export interface OptOutListImportRecord {
  id: string;
  name: string;
  channel: ContactChannel | null;
  validFrom: string;
  validUntil: string | null;
  status: OptOutListImportStatus;
  encoding: CsvEncoding | null;
  /** The size the upload announced, if it did. */
  totalBytes: number | null;
  processedBytes: number;
  rowsRead: number;
  /** Rows taken onto the list. */
  rowCount: number;
  skippedCount: number;
  /** The first skipped lines (at most MAX_SKIPPED_REPORTED). */
  skipped: SkippedLine[];
  error: ImportProblem | null;
  listId: string | null;
  /** The list the import brought in, once it has succeeded (for a user who may read lists). */
  list: OptOutListRecord | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Where the file of an import is sent: `PUT` with the body `text/csv`. */
export const uploadPathOf = (importId: string) => `/imports/opt-out-lists/${importId}`;

/** The record as the API and the upload route show it: with where to send its file. */
export const importView = (record: OptOutListImportRecord): OptOutListImportRecord & { uploadPath: string } => ({
  ...record,
  uploadPath: uploadPathOf(record.id),
});
