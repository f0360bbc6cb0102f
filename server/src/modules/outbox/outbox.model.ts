import type { Page } from '../../db/paging';
import type { AddresseeKind } from '../requests/request.model';

/**
 * The plain vocabulary of the outbox: how the documents of requests reach their addressees.
 * `outbox.type.ts` registers the enums with GraphQL.
 */

export enum OutboxStatus {
  /** Waiting for the job that sends it by e-mail. */
  PENDING = 'PENDING',
  /** A job is sending it now. */
  SENDING = 'SENDING',
  /** The last attempt failed; the job tries again with backoff, or a person retries. */
  FAILED = 'FAILED',
  /** Held for printing: no mail server, or no e-mail address. A person sends it and marks it sent. */
  HELD = 'HELD',
  SENT = 'SENT',
}

export enum OutboxHoldReason {
  /** No SMTP_URL is configured. */
  NO_SMTP = 'NO_SMTP',
  /** The addressee has no e-mail address. */
  NO_EMAIL = 'NO_EMAIL',
}

export enum DeliveryChannel {
  EMAIL = 'EMAIL',
  BY_HAND = 'BY_HAND',
}

/** A file that goes with a letter. */
export interface OutboxAttachment {
  documentId: string;
  filename: string;
  kind: string;
}

/** One letter or notice on its way to its addressee. */
export interface OutboxMessage {
  id: string;
  requestId: string;
  requestNumber: string;
  documentId: string;
  documentKind: string;
  /** The request's answer: the request counts as answered once this is sent. */
  answer: boolean;
  subject: string;
  language: string;
  addresseeKind: AddresseeKind;
  addresseeName: string;
  addresseeEmail: string | null;
  addresseeAddress: string | null;
  attachments: OutboxAttachment[];
  status: OutboxStatus;
  holdReason: OutboxHoldReason | null;
  channel: DeliveryChannel | null;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
  sentTo: string | null;
  messageId: string | null;
  sentBy: string | null;
  note: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The letter's day on the company's calendar: it cannot have been sent before it. */
  writtenOn: string;
  /** Today on the company's calendar, when read: it cannot have been sent after it. */
  latestSentOn: string;
}

export interface OutboxFilter {
  status?: OutboxStatus[] | null;
  addresseeKind?: AddresseeKind | null;
  requestId?: string | null;
}

export interface OutboxStatusCount {
  status: OutboxStatus;
  count: number;
}

export interface OutboxPage extends Page<OutboxMessage> {
  totalCount: number;
  /** Messages the reader may see by status (ignoring the status filter): the tabs of the page. */
  counts: OutboxStatusCount[];
}

/** A delivery made by hand (a printed letter posted, handed over): the day it went, and a note. */
export interface ManualDelivery {
  /** YYYY-MM-DD on the company's calendar; not in the future. */
  sentOn: string;
  note?: string | null;
}

/**
 * Documents to the requester that do not answer the request (more time; a restriction about to be lifted).
 * Every other document to the requester answers it: the request is answered once it is sent.
 */
export const NOT_ANSWERS: readonly string[] = ['EXTENSION_NOTICE', 'RESTRICTION_LIFT_NOTICE'];
