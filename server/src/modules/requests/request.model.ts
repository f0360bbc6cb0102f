/**
 * The plain vocabulary of data-subject requests: enums and constants with no GraphQL in them, so
 * services and repositories use them without the schema. `request.type.ts` registers them with GraphQL.
 */

export enum PrivacyRequestType {
  ACCESS = 'ACCESS',
  RECTIFICATION = 'RECTIFICATION',
  ERASURE = 'ERASURE',
  ANONYMISATION = 'ANONYMISATION',
  OBJECTION = 'OBJECTION',
  RESTRICTION = 'RESTRICTION',
}

export enum PrivacyRequestStatus {
  RECEIVED = 'RECEIVED',
  IDENTITY_PENDING = 'IDENTITY_PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  AWAITING_DECISION = 'AWAITING_DECISION',
  COMPLETED = 'COMPLETED',
  PARTIALLY_COMPLETED = 'PARTIALLY_COMPLETED',
  REFUSED = 'REFUSED',
  WITHDRAWN = 'WITHDRAWN',
}

export const CLOSED_STATUSES: readonly PrivacyRequestStatus[] = [
  PrivacyRequestStatus.COMPLETED,
  PrivacyRequestStatus.PARTIALLY_COMPLETED,
  PrivacyRequestStatus.REFUSED,
  PrivacyRequestStatus.WITHDRAWN,
];

export enum RequestReceivedVia {
  LETTER = 'LETTER',
  EMAIL = 'EMAIL',
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  CONTACT_PERSON = 'CONTACT_PERSON',
  WEB_FORM = 'WEB_FORM',
}

export enum RequestLanguage {
  FI = 'FI',
  EN = 'EN',
}

export enum IdentityMethod {
  ID_DOCUMENT = 'ID_DOCUMENT',
  STRONG_ELECTRONIC_IDENTIFICATION = 'STRONG_ELECTRONIC_IDENTIFICATION',
  KNOWN_CONTACT_DETAILS = 'KNOWN_CONTACT_DETAILS',
  SIGNED_LETTER = 'SIGNED_LETTER',
  IN_PERSON = 'IN_PERSON',
}

export enum ErasureAction {
  ERASE = 'ERASE',
  ANONYMISE = 'ANONYMISE',
  HOLD = 'HOLD',
}

export enum HoldReason {
  OPEN_INVOICE = 'OPEN_INVOICE',
  IN_COLLECTION = 'IN_COLLECTION',
  ACCOUNTING_RETENTION = 'ACCOUNTING_RETENTION',
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
}

export enum ErasureItemState {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  HELD = 'HELD',
}

export enum NoticeStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  IMPOSSIBLE = 'IMPOSSIBLE',
}

export enum NoticeTarget {
  SOURCE = 'SOURCE',
  RECIPIENT = 'RECIPIENT',
}

export enum PrivacyDocumentKind {
  ACCESS_PACKAGE_JSON = 'ACCESS_PACKAGE_JSON',
  ACCESS_PACKAGE_HTML = 'ACCESS_PACKAGE_HTML',
  RECTIFICATION_CERTIFICATE = 'RECTIFICATION_CERTIFICATE',
  ERASURE_REPLY = 'ERASURE_REPLY',
  EXTENSION_NOTICE = 'EXTENSION_NOTICE',
  REFUSAL_NOTICE = 'REFUSAL_NOTICE',
}

/** What a request's answer is written in. */
export type Lang = 'FI' | 'EN';
