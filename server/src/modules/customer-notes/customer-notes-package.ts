import type { Db } from '../../db/sql';
import { eraseNotesOf, noteCountOf, notesOfCustomer } from './customer-notes.repository';

/**
 * P14, P10, P17: a person's notes and contacts in their access package, and erased with them. The requests
 * module reads these for a customer it has already passed through the gate.
 */
export const CUSTOMER_NOTE_TABLES = [{ table: 'customer_notes', fields: ['kind', 'channel', 'text', 'authorName', 'createdAt'] }] as const;
export type CustomerNoteTable = (typeof CUSTOMER_NOTE_TABLES)[number]['table'];

/** The access package's section: every note and contact about the person, oldest first, as written. */
export async function notesForPackage(db: Db, customerId: string) {
  return (await notesOfCustomer(db, customerId)).map((n) => ({
    kind: n.kind,
    channel: n.channel,
    text: n.text,
    author: n.author_name,
    createdAt: n.created_at,
    updatedAt: n.updated_at,
  }));
}

export async function customerNoteCounts(db: Db, customerId: string): Promise<Record<CustomerNoteTable, number>> {
  return { customer_notes: await noteCountOf(db, customerId) };
}

/** The notes go outright: what staff wrote about the person is about the person. */
export function eraseCustomerNotes(db: Db, customerId: string): Promise<void> {
  return eraseNotesOf(db, customerId);
}
