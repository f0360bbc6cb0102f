import { execute, many, Params, type Db, type Where } from '../db/sql';
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
  await execute(db, `INSERT INTO audit_events (at, ${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params.values);
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
