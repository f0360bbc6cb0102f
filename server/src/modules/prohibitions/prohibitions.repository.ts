import { execute, many, maybeOne, type Db, type Where } from '../../db/sql';
import type { ContactChannel, ProhibitionKind, ProhibitionRecord } from './prohibition.model';

/** The SQL of the prohibition ledger (P5, P15, P17) and of suppression keys. */

const LEDGER_COLUMNS = `e.customer_id AS "customerId", e.kind, e.channel, e.via, e.note, e.recorded_at AS "recordedAt", u.username AS "recordedBy"`;

/** The prohibitions in force for these customers, by kind and channel. */
export function currentProhibitions(db: Db, customerIds: readonly string[]): Promise<ProhibitionRecord[]> {
  return many<ProhibitionRecord>(
    db,
    `SELECT ${LEDGER_COLUMNS}, 'SET' AS action
       FROM current_prohibitions e LEFT JOIN users u ON u.id = e.recorded_by
      WHERE e.customer_id = ANY($1) ORDER BY e.kind, e.channel NULLS FIRST`,
    [customerIds],
  );
}

/** One customer's ledger, newest first; `visible` filters the rows (alias `e`). */
export function prohibitionHistory(db: Db, customerId: string, visible: Where): Promise<ProhibitionRecord[]> {
  const customer = visible.bind(customerId);
  return many<ProhibitionRecord>(
    db,
    `SELECT ${LEDGER_COLUMNS}, e.action
       FROM prohibition_events e LEFT JOIN users u ON u.id = e.recorded_by
      WHERE e.customer_id = ${customer} AND ${visible}
      ORDER BY e.id DESC`,
    visible.params,
  );
}

/** The prohibition in force for this kind and channel (null: every channel), if any. */
export function prohibitionInForce(
  tx: Db,
  customerId: string,
  kind: ProhibitionKind,
  channel: ContactChannel | null,
): Promise<{ via: string; recordedAt: Date } | undefined> {
  return maybeOne<{ via: string; recordedAt: Date }>(
    tx,
    `SELECT via, recorded_at AS "recordedAt" FROM current_prohibitions WHERE customer_id = $1 AND kind = $2 AND channel IS NOT DISTINCT FROM $3`,
    [customerId, kind, channel],
  );
}

export interface LedgerEntryInput {
  customerId: string;
  kind: ProhibitionKind;
  channel: ContactChannel | null;
  action: 'SET' | 'LIFT';
  via: string;
  note: string | null;
  recordedBy: string;
}

export async function appendLedgerEntry(tx: Db, entry: LedgerEntryInput): Promise<void> {
  await execute(tx, `INSERT INTO prohibition_events (customer_id, kind, channel, action, via, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    entry.customerId,
    entry.kind,
    entry.channel,
    entry.action,
    entry.via,
    entry.note,
    entry.recordedBy,
  ]);
}

/** A kind of "no" on a channel (null: every channel), as suppression keys keep it. */
export interface KeptProhibition {
  kind: string;
  channel: string | null;
}

export function customerContact(tx: Db, customerId: string): Promise<{ email: string | null; phone: string | null } | undefined> {
  return maybeOne<{ email: string | null; phone: string | null }>(tx, `SELECT email, phone FROM customers WHERE id = $1`, [customerId]);
}

/** The prohibitions in force for a customer, of the given kinds (all kinds when omitted). */
export function prohibitionsInForce(tx: Db, customerId: string, kinds?: readonly string[]): Promise<KeptProhibition[]> {
  return many<KeptProhibition>(tx, `SELECT kind, channel FROM current_prohibitions WHERE customer_id = $1 AND ($2::text[] IS NULL OR kind = ANY($2::text[]))`, [
    customerId,
    kinds ?? null,
  ]);
}

export async function keepSuppressionKey(tx: Db, hash: string, kind: 'EMAIL' | 'PHONE', prohibitions: readonly KeptProhibition[]): Promise<void> {
  await execute(
    tx,
    `INSERT INTO suppression_keys (hash, kind, prohibitions) VALUES ($1, $2, $3)
     ON CONFLICT (hash) DO UPDATE SET prohibitions = suppression_keys.prohibitions || EXCLUDED.prohibitions`,
    [hash, kind, JSON.stringify(prohibitions)],
  );
}

/** What the suppression keys with these hashes forbade. */
export async function keptProhibitions(tx: Db, hashes: readonly string[]): Promise<KeptProhibition[]> {
  const rows = await many<{ prohibitions: KeptProhibition[] }>(tx, `SELECT prohibitions FROM suppression_keys WHERE hash = ANY($1)`, [hashes]);
  return rows.flatMap((r) => r.prohibitions);
}

/** Brings kept prohibitions back onto a new record, as notices from the earlier prohibition. */
export async function reinstateProhibitions(tx: Db, customerId: string, prohibitions: readonly KeptProhibition[]): Promise<void> {
  await execute(
    tx,
    `INSERT INTO prohibition_events (customer_id, kind, channel, action, via, note)
     SELECT $1, kind, channel, 'SET', 'EARLIER_PROHIBITION', 'An earlier customer with the same email or phone had forbidden this.'
       FROM unnest($2::text[], $3::text[]) AS p(kind, channel)`,
    [customerId, prohibitions.map((p) => p.kind), prohibitions.map((p) => p.channel)],
  );
}
