import { affected, many, maybeOne, one, type Db } from '../../db/sql';

export interface RetentionProposalRow {
  id: string;
  customer_id: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  last_activity_at: Date;
  proposed_at: Date;
  status: string;
  decided_at: Date | null;
  decided_by: string | null;
  reason: string | null;
  request_id: string | null;
  version: number;
}

/**
 * A customer's last activity: the profile's creation or change (an update by staff or through the person), an order,
 * an invoice, a contact with them recorded by staff (a note of kind CONTACT; a staff note alone is not the person's
 * activity), a prohibition the person set or lifted, a request of theirs, or a privacy officer's decision to keep them.
 */
const LAST_ACTIVITY = `
  GREATEST(
    c.created_at, c.updated_at,
    (SELECT max(GREATEST(o.ordered_at, o.updated_at)) FROM orders o WHERE o.customer_id = c.id),
    (SELECT max(GREATEST(i.issued_at::timestamptz, i.updated_at)) FROM invoices i WHERE i.customer_id = c.id),
    (SELECT max(p.recorded_at) FROM prohibition_events p WHERE p.customer_id = c.id),
    (SELECT max(r.received_at) FROM privacy_requests r WHERE r.customer_id = c.id),
    (SELECT max(n.created_at) FROM customer_notes n WHERE n.customer_id = c.id AND n.kind = 'CONTACT'),
    (SELECT max(k.decided_at) FROM retention_proposals k WHERE k.customer_id = c.id AND k.status = 'KEPT')
  )`;

/**
 * Proposes every customer inactive since `inactiveSince` who is not anonymised, not being erased, and has no open or
 * accepted proposal; a second run finds them already proposed (and the partial unique index holds against a race).
 */
export async function proposeInactive(db: Db, inactiveSince: Date, now: Date): Promise<number> {
  return affected(
    db,
    `INSERT INTO retention_proposals (customer_id, last_activity_at, proposed_at)
     SELECT id, last_activity_at, $2 FROM (
       SELECT c.id, ${LAST_ACTIVITY} AS last_activity_at
         FROM customers c
        WHERE c.anonymised_at IS NULL AND NOT c.pending_erasure
          AND NOT EXISTS (SELECT 1 FROM retention_proposals x WHERE x.customer_id = c.id AND x.status IN ('PROPOSED', 'ACCEPTED'))
     ) a
     WHERE last_activity_at < $1
     ON CONFLICT (customer_id) WHERE status = 'PROPOSED' DO NOTHING`,
    [inactiveSince, now],
  );
}

const SELECT = `
  SELECT p.id, p.customer_id, c.customer_number::text, c.first_name, c.last_name, p.last_activity_at, p.proposed_at, p.status,
         p.decided_at, p.decided_by, p.reason, p.request_id, p.version
    FROM retention_proposals p JOIN customers c ON c.id = p.customer_id`;

/** The open proposals, longest inactive first. */
export function openProposals(db: Db, limit: number): Promise<RetentionProposalRow[]> {
  return many(db, `${SELECT} WHERE p.status = 'PROPOSED' ORDER BY p.last_activity_at, p.id LIMIT $1`, [limit]);
}

export async function proposalById(db: Db, id: string): Promise<RetentionProposalRow | null> {
  return (await maybeOne<RetentionProposalRow>(db, `${SELECT} WHERE p.id = $1`, [id])) ?? null;
}

/** Decides an open proposal at its version; null when it was decided or changed meanwhile. */
export async function decideProposal(
  db: Db,
  id: string,
  version: number,
  decision: { status: 'KEPT' | 'ACCEPTED'; at: Date; by: string; reason: string | null; requestId: string | null },
): Promise<{ id: string } | null> {
  const rows = await many<{ id: string }>(
    db,
    `UPDATE retention_proposals SET status = $3, decided_at = $4, decided_by = $5, reason = $6, request_id = $7, version = version + 1
      WHERE id = $1 AND version = $2 AND status = 'PROPOSED' RETURNING id`,
    [id, version, decision.status, decision.at, decision.by, decision.reason, decision.requestId],
  );
  return rows[0] ?? null;
}

export async function countOpen(db: Db): Promise<number> {
  return (await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM retention_proposals WHERE status = 'PROPOSED'`)).n;
}
