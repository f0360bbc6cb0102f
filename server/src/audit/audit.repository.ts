import { execute, many, Params, prepared, type Db, type Where } from '../db/sql';
import type { AuditEventInput } from './audit-event';

/** One row of the audit trail as read back. */
export interface AuditEventRow {
  id: string;
  at: Date;
  action: string;
  actor_id: string | null;
  actor_username: string | null;
  customer_id: string | null;
  target_user_id: string | null;
  fields: string[] | null;
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
  purpose: string | null;
  detail: Record<string, unknown> | null;
  /** A page's consultation log: how many customers it showed. */
  customer_count: number | null;
}

/** An event as written: a consultation log entry names every customer it concerns in `customerIds`. */
export type AuditEventRecord = AuditEventInput & { customerIds?: readonly string[] | null };

const COLUMNS = ['action', 'actor_id', 'actor_username', 'customer_id', 'customer_ids', 'target_user_id', 'fields', 'changes', 'purpose', 'detail'] as const;

function values(e: AuditEventRecord): unknown[] {
  return [
    e.action,
    e.actorId ?? null,
    e.actorUsername ?? null,
    e.customerId ?? null,
    e.customerIds ?? null,
    e.targetUserId ?? null,
    e.fields ?? null,
    e.changes ? JSON.stringify(e.changes) : null,
    e.purpose ?? null,
    e.detail ? JSON.stringify(e.detail) : null,
  ];
}

const PREPARED_ROWS = 4;

/** Appends the events in one INSERT. */
export async function insertAuditEvents(db: Db, events: readonly AuditEventRecord[]): Promise<void> {
  const params = new Params();
  const rows = events.map(
    (event) =>
      `(statement_timestamp(), ${values(event)
        .map((v) => params.bind(v))
        .join(', ')})`,
  );
  // One time for the whole statement: the rows of one write are one moment (clock_timestamp() moves per row).
  const sql = `INSERT INTO audit_events (at, ${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`;
  // A request's consultation log is one or a few rows: that statement is kept prepared (db/sql.ts); a bulk write's is not.
  await execute(db, events.length <= PREPARED_ROWS ? prepared(sql) : sql, params.values);
}

/** Who reads, why, and which personal fields of each customer of a page they are shown: a consultation log entry written by the read itself. */
export interface Consultation {
  actorId: string;
  actorUsername: string;
  purpose: string | null;
  /** In the order the consultation log names them (ReadLog.FIELDS). */
  fields: readonly string[];
}

/**
 * A data-modifying step of a read's statement (a CTE: `logged AS (...)`): the consultation log entry of
 * the first `shown` rows of `rows` (a CTE answering `id`, and the columns `order` names: their order on
 * the page; it may hold one row more, which only tells a next page exists), as `insertAuditEvents`
 * writes a page's: one row naming every customer, and `customer_id` too when it is one. Written in
 * the statement that reads them, it commits with the read or not at all. The ids are gathered in one
 * ordered aggregate and cut to the page (a sorted, limited scan of the rows measured dearer).
 */
export function consultationInsertSql(params: Params, consultation: Consultation, rows: string, order: string, shown: string): string {
  return `INSERT INTO audit_events (at, action, actor_id, actor_username, customer_id, customer_ids, fields, purpose)
      SELECT statement_timestamp(), 'CUSTOMER_READ', ${params.bind(consultation.actorId)}, ${params.bind(consultation.actorUsername)},
             CASE WHEN cardinality(shown.ids) = 1 THEN shown.ids[1] END, shown.ids,
             ${params.bind(consultation.fields)}::text[], ${params.bind(consultation.purpose)}
        FROM (SELECT (array_agg(id ORDER BY ${order}))[1:${shown}] AS ids FROM ${rows}) shown WHERE cardinality(shown.ids) > 0`;
}

/** The events matching `where` (alias `a`), newest first, at most `limit`. */
export function listAuditEvents(db: Db, where: Where, limit: number): Promise<AuditEventRow[]> {
  return many<AuditEventRow>(
    db,
    `SELECT a.id::text AS id, a.at, a.action, a.actor_id, a.actor_username, a.customer_id, a.target_user_id, a.fields, a.changes, a.purpose, a.detail,
            CASE WHEN a.customer_id IS NULL THEN cardinality(a.customer_ids) END AS customer_count
       FROM audit_events a WHERE ${where} ORDER BY a.id DESC LIMIT ${where.bind(limit)}`,
    where.params,
  );
}

/** Ids of the customers matching `where` (alias `c`), at most `limit`. */
export async function customerIdsMatching(db: Db, where: Where, limit: number): Promise<string[]> {
  const rows = await many<{ id: string }>(
    db,
    `SELECT c.id FROM customers c WHERE ${where} ORDER BY c.customer_number LIMIT ${where.bind(limit)}`,
    where.params,
  );
  return rows.map((r) => r.id);
}
