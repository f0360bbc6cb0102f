import { affected, execute, many, maybeOne, one, type Db, type Params, type Where } from '../../db/sql';
import type { NoteChannel, CustomerNoteKind } from './customer-note.model';

/** Issue 16: the SQL of customer notes and of the customer's timeline. */

export interface NoteRow {
  id: string;
  customer_id: string;
  kind: CustomerNoteKind;
  channel: NoteChannel | null;
  text: string;
  author_id: string | null;
  author_name: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const COLUMNS = 'n.id, n.customer_id, n.kind, n.channel, n.text, n.author_id, n.author_name, n.created_at, n.updated_at, n.version';

export function insertNote(
  db: Db,
  note: { customerId: string; kind: string; channel: string | null; text: string; authorId: string; authorName: string },
): Promise<NoteRow> {
  return one<NoteRow>(
    db,
    `INSERT INTO customer_notes AS n (customer_id, kind, channel, text, author_id, author_name) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [note.customerId, note.kind, note.channel, note.text, note.authorId, note.authorName],
  );
}

/** The note the condition (the id and the gate's filter, alias `n`) names, locked for a change. */
export function noteForUpdate(db: Db, where: Where): Promise<NoteRow | undefined> {
  return maybeOne<NoteRow>(db, `SELECT ${COLUMNS} FROM customer_notes n WHERE ${where} FOR UPDATE OF n`, where.params);
}

/** The change, only at the version the caller saw; undefined when someone changed it first. */
export function updateNote(db: Db, id: string, version: number, text: string, channel: string | null): Promise<NoteRow | undefined> {
  return maybeOne<NoteRow>(
    db,
    `UPDATE customer_notes n SET text = $3, channel = $4, version = version + 1, updated_at = clock_timestamp()
      WHERE n.id = $1 AND n.version = $2 RETURNING ${COLUMNS}`,
    [id, version, text, channel],
  );
}

export function deleteNote(db: Db, id: string, version: number): Promise<number> {
  return affected(db, `DELETE FROM customer_notes WHERE id = $1 AND version = $2`, [id, version]);
}

/** P14: every note of the customer, oldest first, for the access package. */
export function notesOfCustomer(db: Db, customerId: string): Promise<NoteRow[]> {
  return many<NoteRow>(db, `SELECT ${COLUMNS} FROM customer_notes n WHERE n.customer_id = $1 ORDER BY n.created_at, n.id`, [customerId]);
}

export async function noteCountOf(db: Db, customerId: string): Promise<number> {
  return (await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM customer_notes WHERE customer_id = $1`, [customerId])).n;
}

/** P10, P17: the person's notes go with them. */
export function eraseNotesOf(db: Db, customerId: string): Promise<void> {
  return execute(db, `DELETE FROM customer_notes WHERE customer_id = $1`, [customerId]);
}

export interface TimelineRow {
  at: Date;
  /** `at` to the microsecond, for the cursor. */
  at_key: string;
  kind: string;
  link_id: string;
  /** A sort tie-breaker unique across the sources. */
  seq: string;
  a: string | null;
  b: string | null;
  c: string | null;
}

/**
 * One source of the timeline: a SELECT of (at, kind, link_id, seq, a, b, c) for the customer, already
 * filtered by the gate. The union is sorted newest first and keyset-paged on (at, seq).
 */
export type TimelineSource = (params: Params, customer: string) => string;

export function timelinePage(
  db: Db,
  params: Params,
  sources: readonly TimelineSource[],
  customerId: string,
  after: { at: string; seq: string } | null,
  limit: number,
): Promise<TimelineRow[]> {
  if (sources.length === 0) return Promise.resolve([]);
  const customer = `${params.bind(customerId)}::uuid`;
  const union = sources.map((s) => `(${s(params, customer)})`).join(' UNION ALL ');
  const keyset = after ? `WHERE (t.at, t.seq) < (${params.bind(after.at)}::timestamptz, ${params.bind(after.seq)})` : '';
  return many<TimelineRow>(
    db,
    `SELECT t.*, to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key FROM (${union}) t ${keyset} ORDER BY t.at DESC, t.seq DESC LIMIT ${params.bind(limit)}`,
    params.values,
  );
}

export function notesByIds(db: Db, ids: readonly string[]): Promise<NoteRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return many<NoteRow>(db, `SELECT ${COLUMNS} FROM customer_notes n WHERE n.id = ANY($1::uuid[])`, [ids]);
}
