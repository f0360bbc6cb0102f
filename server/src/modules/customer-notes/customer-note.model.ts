/** Issue 16: a note or a contact on a customer, and the customer's timeline. Plain types, no GraphQL. */

export enum CustomerNoteKind {
  NOTE = 'NOTE',
  CONTACT = 'CONTACT',
}

/** How a contact was made. */
export enum NoteChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  VISIT = 'VISIT',
  OTHER = 'OTHER',
}

/** The longest note kept: a note is a short record of a contact, not a document. */
export const NOTE_MAX_LENGTH = 4000;

export interface CustomerNote {
  id: string;
  customerId: string;
  kind: CustomerNoteKind;
  channel: NoteChannel | null;
  text: string;
  authorId: string | null;
  authorName: string;
  /** The caller wrote it (and so may change or delete it). */
  mine: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface NewCustomerNote {
  customerId: string;
  kind: CustomerNoteKind;
  channel?: NoteChannel | null;
  text: string;
}

/** What one entry of the timeline is about. */
export enum TimelineItemKind {
  NOTE = 'NOTE',
  CONTACT = 'CONTACT',
  ORDER = 'ORDER',
  INVOICE = 'INVOICE',
  PRIVACY_REQUEST = 'PRIVACY_REQUEST',
  PROHIBITION_RECORDED = 'PROHIBITION_RECORDED',
  PROHIBITION_WITHDRAWN = 'PROHIBITION_WITHDRAWN',
}

/** One entry of a customer's timeline: when, what, a short summary, and the id of the thing it is about. */
export interface TimelineItem {
  at: Date;
  kind: TimelineItemKind;
  summary: string;
  /** The note's, order's, invoice's or request's id; a prohibition event's number. */
  linkId: string;
}
