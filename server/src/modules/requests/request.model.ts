import type { Page } from '../../db/paging';
import type { ContactChannel, ProhibitionKind } from '../prohibitions/prohibition.model';

/**
 * The plain vocabulary of data-subject requests: enums, constants and interfaces with no GraphQL
 * in them, so services and repositories use them without the schema. `request.type.ts` registers
 * the enums with GraphQL and gives the interfaces their GraphQL shape.
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
  /** GDPR 18: the confirmation to the requester that processing is restricted, naming the recipients told. */
  RESTRICTION_REPLY = 'RESTRICTION_REPLY',
  /** GDPR 18(3): the person is told before a restriction is lifted. */
  RESTRICTION_LIFT_NOTICE = 'RESTRICTION_LIFT_NOTICE',
  /** GDPR 19: a recipient is told of a rectification, an erasure or a restriction. */
  RECIPIENT_NOTICE = 'RECIPIENT_NOTICE',
}

/** Whom a document is addressed to: the person who asked, or a recipient of their data (GDPR 19). */
export enum AddresseeKind {
  REQUESTER = 'REQUESTER',
  RECIPIENT = 'RECIPIENT',
}

/** What a recipient notice tells (GDPR 19: rectification, erasure, restriction). */
export enum NoticeKind {
  RECTIFICATION = 'RECTIFICATION',
  ERASURE = 'ERASURE',
  RESTRICTION = 'RESTRICTION',
}

/**
 * Whom a document goes to and in which language: what an outbox needs to deliver it. A snapshot
 * taken when the document is made (an erasure reply still reaches the person after the erasure).
 */
export interface DocumentAddressee {
  kind: AddresseeKind;
  name: string;
  /** Lower-cased e-mail address; null when none is known. */
  email: string | null;
  /** The postal address as printed on an envelope, one line per `\n`; null when none is known. */
  postalAddress: string | null;
  /** The language the document is written in. */
  language: RequestLanguage;
  /** For a RECIPIENT: the recipient in the registry. */
  recipientId: string | null;
}

/** What a request's answer is written in. */
export type Lang = 'FI' | 'EN';

/** A member of staff, as a request shows them. */
export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
}

/** One step of a request's timeline. */
export interface PrivacyRequestEvent {
  at: Date;
  /** CREATED, ASSIGNED, IDENTITY_VERIFIED, STATUS, EXTENDED, DECIDED, PLANNED, EXECUTED, HOLD_LAPSED, DOCUMENT, ... */
  kind: string;
  fromStatus: PrivacyRequestStatus | null;
  toStatus: PrivacyRequestStatus | null;
  /** Who did it; null when the system did. */
  actor: string | null;
  note: string | null;
  detail: unknown;
}

/** P16: one correction asked for, and the decision on it. */
export interface RectificationItem {
  id: string;
  field: string;
  /** The value when the request was taken in. */
  currentValue: string | null;
  proposedValue: string;
  reason: string | null;
  /** APPROVED or REFUSED; null until decided. */
  decision: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
}

/**
 * GDPR 19: a correction told to the source of the old value or to a recipient of it; or an
 * erasure or a restriction told to a recipient (no item, no field).
 */
export interface RectificationNotice {
  id: string;
  kind: NoticeKind;
  itemId: string | null;
  field: string | null;
  target: NoticeTarget;
  /** The recipient's name, or the data source for a SOURCE notice. */
  recipient: string;
  recipientId: string | null;
  status: NoticeStatus;
  statusReason: string | null;
  /** The document that tells the recipient; null for a notice to a data source (worked by hand). */
  documentId: string | null;
  updatedAt: Date;
}

/** P10, P17: what erasure does to one table (or one group of rows in it). */
export interface ErasureItem {
  id: string;
  table: string;
  action: ErasureAction;
  reason: HoldReason | null;
  /** For ACCOUNTING_RETENTION: the last day it is kept, YYYY-MM-DD. */
  until: string | null;
  rowCount: number;
  /** The fields erased or replaced. */
  fields: string[];
  state: ErasureItemState;
  doneAt: Date | null;
}

/** A document of a request, stored with its SHA-256. */
export interface PrivacyDocument {
  id: string;
  kind: PrivacyDocumentKind;
  language: RequestLanguage;
  filename: string;
  sha256: string;
  byteSize: number;
  createdAt: Date;
  /** Whom it is addressed to: the requester, or a recipient (GDPR 19). */
  addresseeKind: AddresseeKind;
  addresseeName: string;
}

/**
 * P10: a voucher kept for the Accounting Act after its buyer's profile was erased: the buyer as
 * invoiced, linked to no profile, until its retention ends. Read by privacy officers only.
 */
export interface RetainedVoucher {
  invoiceId: string;
  invoiceNumber: string;
  /** YYYY-MM-DD. */
  issuedAt: string;
  amountCents: number;
  buyerName: string;
  organisation: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  /** The last day it is kept (Kirjanpitolaki 2:10), YYYY-MM-DD. */
  retainedUntil: string;
}

/** A prohibition asked for in an objection. */
export interface RequestedProhibition {
  kind: ProhibitionKind;
  channel: ContactChannel | null;
}

/**
 * A data subject's request as the services hand it out. Its customer, duplicate, assignee, items,
 * notices, plan, documents and timeline are read by id when asked for.
 */
export interface PrivacyRequest {
  id: string;
  /** Human-readable reference, e.g. for letters. */
  requestNumber: string;
  type: PrivacyRequestType;
  status: PrivacyRequestStatus;
  customerId: string | null;
  requesterName: string;
  requesterContact: string | null;
  receivedAt: Date;
  receivedVia: RequestReceivedVia;
  language: RequestLanguage;
  signed: boolean;
  /** P11: where the signed paper original is kept. */
  paperOriginalLocation: string | null;
  /** GDPR 12(3): one month from receipt, unless extended. */
  dueAt: Date;
  extended: boolean;
  /** Calendar days to the deadline; negative when overdue; null when closed. */
  daysLeft: number | null;
  overdue: boolean;
  /** The request of the same type for the same customer that was open when this one came in. */
  duplicateOfId: string | null;
  /** OBJECTION: the prohibitions asked for. */
  requestedProhibitions: RequestedProhibition[] | null;
  identityVerified: boolean;
  assigneeId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** When the answer was sent (by e-mail, or marked sent by hand); the request counts as answered from then. */
  answeredAt: Date | null;
  /** Closed, but its answer waits in the outbox: the deadline still runs. */
  awaitingDelivery: boolean;
}

/** A page of the queue, with the count of every request the reader may see under the filter. */
export interface PrivacyRequestPage extends Page<PrivacyRequest> {
  totalCount: number;
}

/** Open requests by how long ago they came in. */
export interface RequestAgeBucket {
  /** e.g. 0-7, 8-14, 15-30, 31+ (days since receipt). */
  label: string;
  count: number;
  overdue: number;
}

/** P14: everything the register holds about a person, machine-readable and printable. */
export interface AccessPackage {
  /** The package as JSON (also serves portability, GDPR 20). */
  json: string;
  /** A printable HTML document in the request's language. */
  html: string;
  jsonDocument: PrivacyDocument;
  htmlDocument: PrivacyDocument;
  request: PrivacyRequest;
}

/** P10, P17: the erasure plan of a request and where it stands. */
export interface ErasurePlan {
  items: ErasureItem[];
  request: PrivacyRequest;
}

/** A correction a rectification request asks for. */
export interface RectificationItemEntry {
  /** A customer field: firstName, lastName, email, phone, street, postalCode, city, country or language. */
  field: string;
  proposedValue: string;
  reason?: string | null;
}

/** A prohibition an objection asks for. */
export interface RequestedProhibitionEntry {
  kind: ProhibitionKind;
  channel?: ContactChannel | null;
}

/** The intake of a request, by the request's own field names (the permission table's). */
export interface NewPrivacyRequest {
  type: PrivacyRequestType;
  /** The customer, when known. */
  customerId?: string | null;
  requesterName: string;
  /** How to reach the requester: address, email or phone. */
  requesterContact?: string | null;
  receivedVia: RequestReceivedVia;
  language: RequestLanguage;
  signed: boolean;
  /** When it came in; now if not given. */
  receivedAt?: Date | null;
  /** P11: where the signed paper original is kept. */
  paperOriginalLocation?: string | null;
  /** RECTIFICATION: what to correct. */
  items?: RectificationItemEntry[] | null;
  /** OBJECTION: the prohibitions asked for. */
  prohibitions?: RequestedProhibitionEntry[] | null;
}

/** Filters of the queue; every one narrows the requests the reader may see. */
export interface PrivacyRequestFilter {
  status?: PrivacyRequestStatus[] | null;
  type?: PrivacyRequestType[] | null;
  /** Only open (true) or only closed (false) requests. */
  open?: boolean | null;
  /** Only overdue open requests. */
  overdue?: boolean | null;
  assigneeId?: string | null;
  /** Only requests with no assignee. */
  unassigned?: boolean | null;
  customerId?: string | null;
}

/** How the requester's identity was verified. */
export interface IdentityVerification {
  method: IdentityMethod;
  note?: string | null;
}

/** GDPR 12(3): a later deadline, and why (told to the requester). */
export interface DeadlineExtension {
  /** The new last day, YYYY-MM-DD, at most three months from receipt. */
  until: string;
  reason: string;
}

/** The decision on one correction. */
export interface RectificationDecision {
  itemId: string;
  approve: boolean;
  /** Required when refusing. */
  reason?: string | null;
}
