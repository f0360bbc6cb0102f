import type { Subject } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight, visibleWhere, visibleWithCustomerWhere } from '../../auth/authorize';
import { decodeCursor, encodeCursor, pageLimit, type Page } from '../../db/paging';
import { Params, Where, type Db } from '../../db/sql';
import { badInput, conflict, isUuid, notFound } from '../../errors';
import { findCustomers } from '../customers/customers.repository';
import { lockLiveCustomer } from '../customers/merged-record';
import {
  type CustomerNote,
  CustomerNoteKind,
  type NewCustomerNote,
  NOTE_MAX_LENGTH,
  NoteChannel,
  type TimelineItem,
  TimelineItemKind,
} from './customer-note.model';
import {
  deleteNote,
  insertNote,
  noteForUpdate,
  notesByIds,
  type NoteRow,
  timelinePage,
  type TimelineRow,
  type TimelineSource,
  updateNote,
} from './customer-notes.repository';

/** A note's text, checked at the edge: something to say, not too long, no control bytes a database refuses. */
export function checkedText(text: unknown): string {
  if (typeof text !== 'string' || text.trim().length === 0) throw badInput('text', 'Write the note.');
  if (text.includes('\u0000')) throw badInput('text', 'The note may not contain a NUL character.');
  const trimmed = text.trim();
  if (trimmed.length > NOTE_MAX_LENGTH) throw badInput('text', `The note may be at most ${NOTE_MAX_LENGTH} characters.`);
  return trimmed;
}

function checkedChannel(kind: CustomerNoteKind, channel: NoteChannel | null | undefined): NoteChannel | null {
  if (kind === CustomerNoteKind.CONTACT) {
    if (!channel || !Object.values(NoteChannel).includes(channel)) throw badInput('channel', 'Choose how the contact was made.');
    return channel;
  }
  if (channel) throw badInput('channel', 'Only a contact has a channel.');
  return null;
}

const noteOf = (row: NoteRow, actor: Actor): CustomerNote => ({
  id: row.id,
  customerId: row.customer_id,
  kind: row.kind,
  channel: row.channel,
  text: row.text,
  authorId: row.author_id,
  authorName: row.author_name,
  mine: row.author_id === actor.user.id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** The note as the gate's conditions see it (only its author changes it). */
const gateRecord = (row: NoteRow) => ({ authorId: row.author_id, customerId: row.customer_id });

/** The longest summary a timeline entry carries (of a note's text). */
const SUMMARY_LENGTH = 160;

/** Each source of the timeline, with the subject the caller must be able to read for its entries to show. */
const SOURCES: ReadonlyArray<{ subject: Subject; alias: string; select: (alias: string, customer: string, filter: string) => string }> = [
  {
    subject: 'CustomerNote',
    alias: 'n',
    select: (a, customer, filter) =>
      `SELECT ${a}.created_at AS at, ${a}.kind AS kind, ${a}.id::text AS link_id, 'n' || ${a}.id::text AS seq,
              left(${a}.text, ${SUMMARY_LENGTH}) AS a, ${a}.channel AS b, ${a}.author_name AS c
         FROM customer_notes ${a} WHERE ${a}.customer_id = ${customer} AND ${filter}`,
  },
  {
    subject: 'Order',
    alias: 'o',
    select: (a, customer, filter) =>
      `SELECT ${a}.ordered_at AS at, 'ORDER' AS kind, ${a}.id::text AS link_id, 'o' || ${a}.id::text AS seq,
              ${a}.order_number::text AS a, ${a}.status AS b, ${a}.gross_cents::text AS c
         FROM orders ${a} WHERE ${a}.customer_id = ${customer} AND ${filter}`,
  },
  {
    subject: 'Invoice',
    alias: 'i',
    select: (a, customer, filter) =>
      `SELECT ${a}.issued_at::timestamptz AS at, 'INVOICE' AS kind, ${a}.id::text AS link_id, 'i' || ${a}.id::text AS seq,
              ${a}.invoice_number::text AS a, ${a}.status AS b, ${a}.amount_cents::text AS c
         FROM invoices ${a} WHERE ${a}.customer_id = ${customer} AND ${filter}`,
  },
  {
    subject: 'PrivacyRequest',
    alias: 'r',
    select: (a, customer, filter) =>
      `SELECT ${a}.received_at AS at, 'PRIVACY_REQUEST' AS kind, ${a}.id::text AS link_id, 'r' || ${a}.id::text AS seq,
              ${a}.request_number::text AS a, ${a}.type AS b, ${a}.status AS c
         FROM privacy_requests ${a} WHERE ${a}.customer_id = ${customer} AND ${filter}`,
  },
  {
    subject: 'Prohibition',
    alias: 'p',
    select: (a, customer, filter) =>
      `SELECT ${a}.recorded_at AS at, CASE ${a}.action WHEN 'SET' THEN 'PROHIBITION_RECORDED' ELSE 'PROHIBITION_WITHDRAWN' END AS kind,
              ${a}.id::text AS link_id, 'p' || lpad(${a}.id::text, 19, '0') AS seq,
              ${a}.kind AS a, ${a}.channel AS b, ${a}.via AS c
         FROM prohibition_events ${a} WHERE ${a}.customer_id = ${customer} AND ${filter}`,
  },
];

export interface TimelineEntry extends TimelineItem {
  /** The note itself, for a note or a contact. */
  note: CustomerNote | null;
  /** What the summary's parts are: a status, a channel, a type (codes the client puts in words). */
  detail: string | null;
  extra: string | null;
}

/**
 * Issue 16: notes and contacts on a customer, and the customer's timeline (notes, orders, invoices,
 * requests, prohibitions). Every write is audited in its transaction; every list asks the gate.
 */
export class CustomerNotesService {
  constructor(private readonly db: DataSource) {}

  /** The customer as the actor may see it; NOT_FOUND otherwise (a customer they may not see does not exist for them). */
  private async visibleCustomer(actor: Actor, customerId: string, db: Db): Promise<void> {
    if (!isUuid(customerId)) throw notFound('Customer');
    const where = new Where();
    where.and(`c.id = ${where.bind(customerId)}`);
    where.and(visibleWhere(actor, 'Customer', where, 'c'));
    const [customer] = await findCustomers(db, where);
    if (!customer) throw notFound('Customer');
  }

  async add(actor: Actor, input: NewCustomerNote): Promise<CustomerNote> {
    const kind = input.kind;
    const fields = ['kind', 'text', ...(input.channel ? ['channel'] : [])];
    assertWritable(actor, 'create', 'CustomerNote', null, fields);
    if (!Object.values(CustomerNoteKind).includes(kind)) throw badInput('kind', 'Choose a note or a contact.');
    const text = checkedText(input.text);
    const channel = checkedChannel(kind, input.channel);
    return this.db.transaction(async (tx) => {
      await this.visibleCustomer(actor, input.customerId, tx);
      // P6: a merged record's notes moved to the customer it was merged into; new ones are written there.
      await lockLiveCustomer(tx, actor, input.customerId, 'SHARE');
      const row = await insertNote(tx, {
        customerId: input.customerId,
        kind,
        channel,
        text,
        authorId: actor.user.id,
        authorName: actor.user.displayName,
      });
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_NOTE_ADDED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: row.customer_id,
          detail: { noteId: row.id, kind },
        },
      ]);
      return noteOf(row, actor);
    });
  }

  /** Its author changes the text (and a contact's channel), at the version they saw; a stale version is CONFLICT. */
  async update(actor: Actor, id: string, version: number, text: string, channel?: NoteChannel | null): Promise<CustomerNote> {
    requireRight(actor, 'update', 'CustomerNote', 'You may not change notes.');
    if (!isUuid(id)) throw notFound('Note');
    const checked = checkedText(text);
    return this.db.transaction(async (tx) => {
      const current = await this.loadVisible(actor, id, tx);
      const fields = ['text', ...(channel !== undefined && channel !== current.channel ? ['channel'] : [])];
      assertWritable(actor, 'update', 'CustomerNote', gateRecord(current), fields);
      const nextChannel = channel === undefined ? current.channel : checkedChannel(current.kind, channel);
      const row = await updateNote(tx, id, version, checked, nextChannel);
      if (!row) throw conflict('Someone else changed this note. Reload it and try again.', { field: 'version', currentVersion: current.version });
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_NOTE_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: row.customer_id,
          detail: { noteId: row.id, version: row.version },
        },
      ]);
      return noteOf(row, actor);
    });
  }

  /** Its author deletes it, at the version they saw. */
  async delete(actor: Actor, id: string, version: number): Promise<boolean> {
    requireRight(actor, 'erase', 'CustomerNote', 'You may not delete notes.');
    if (!isUuid(id)) throw notFound('Note');
    return this.db.transaction(async (tx) => {
      const current = await this.loadVisible(actor, id, tx);
      assertWritable(actor, 'erase', 'CustomerNote', gateRecord(current), []);
      if ((await deleteNote(tx, id, version)) === 0) {
        throw conflict('Someone else changed this note. Reload it and try again.', { field: 'version', currentVersion: current.version });
      }
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_NOTE_DELETED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: current.customer_id,
          detail: { noteId: id },
        },
      ]);
      return true;
    });
  }

  /** A note the actor may read, with its customer: NOT_FOUND otherwise. */
  private async loadVisible(actor: Actor, id: string, tx: Db): Promise<NoteRow> {
    const where = new Where();
    where.and(`n.id = ${where.bind(id)}`);
    where.and(visibleWithCustomerWhere(actor, 'CustomerNote', where, 'n', 'n.customer_id'));
    const current = await noteForUpdate(tx, where);
    if (!current) throw notFound('Note');
    return current;
  }

  /**
   * The customer's timeline, newest first: each source only when the actor may read its subject, and its rows
   * only through the gate's filter (an order is never shown to a role that may not read orders).
   */
  async timeline(actor: Actor, customerId: string, first: number, after: string | null): Promise<Page<TimelineEntry>> {
    requireRight(actor, 'read', 'Customer', 'You may not read customers.');
    const limit = pageLimit(first);
    const keyset = keysetOf(after);
    // The gate filters each source: one the actor may not read is left out of the statement altogether.
    const params = new Params();
    const sources: TimelineSource[] = [];
    for (const source of SOURCES) {
      const filter = visibleWithCustomerWhere(actor, source.subject, params, source.alias, `${source.alias}.customer_id`);
      if (filter === 'FALSE') continue;
      sources.push((_p, customer) => source.select(source.alias, customer, filter));
    }
    await this.visibleCustomer(actor, customerId, this.db);
    const rows = await timelinePage(this.db, params, sources, customerId, keyset, limit + 1);
    const noteIds = rows.filter((r) => r.kind === 'NOTE' || r.kind === 'CONTACT').map((r) => r.link_id);
    const notes = new Map((await notesByIds(this.db, noteIds)).map((n) => [n.id, noteOf(n, actor)]));
    const hasNextPage = rows.length > limit;
    const edges = rows.slice(0, limit).map((r) => ({ cursor: encodeCursor(`${r.at_key}|${r.seq}`), node: entryOf(r, notes) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}

function entryOf(r: TimelineRow, notes: Map<string, CustomerNote>): TimelineEntry {
  const kind = r.kind as TimelineItemKind;
  const note = kind === TimelineItemKind.NOTE || kind === TimelineItemKind.CONTACT ? (notes.get(r.link_id) ?? null) : null;
  return { at: new Date(r.at), kind, summary: r.a ?? '', linkId: r.link_id, note, detail: r.b, extra: r.c };
}

/** A cursor is `<time>|<sort key>`; one that is not ours is bad input naming `after`. */
function keysetOf(after: string | null): { at: string; seq: string } | null {
  const cursor = decodeCursor(after);
  if (!cursor) return null;
  const bar = cursor.indexOf('|');
  const at = cursor.slice(0, bar);
  const seq = cursor.slice(bar + 1);
  if (bar < 0 || Number.isNaN(Date.parse(at)) || seq.length === 0 || seq.length > 80) throw badInput('after', 'The cursor is not valid.');
  return { at, seq };
}
