import { affected, execute, many, maybeOne, type Db, type Params } from '../../db/sql';

/** The SQL of merging two customer records (P6): the pair locked, history re-pointed, the merge recorded. */

export interface MergeSide {
  id: string;
  customer_number: string;
  version: number;
  partner_id: string | null;
  restricted: boolean;
  anonymised: boolean;
  pending_erasure: boolean;
  merged_into: string | null;
  update_prohibited: boolean;
  first_name: string;
  last_name: string;
  organisation_id: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  language: string;
}

/** Both records, locked until the merge commits (in id order, so two merges never wait on each other). */
export function lockPair(db: Db, ids: readonly string[]): Promise<MergeSide[]> {
  return many<MergeSide>(
    db,
    `SELECT id, customer_number::text AS customer_number, version, partner_id, restricted, anonymised_at IS NOT NULL AS anonymised, pending_erasure,
            merged_into, update_prohibited, first_name, last_name, organisation_id, email, phone, street, postal_code, city, country, language
       FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
}

/** The column of each contact field a merge may take from the record that goes. */
export const MERGE_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  organisation: 'organisation_id',
  email: 'email',
  phone: 'phone',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
  language: 'language',
} as const;
export type MergeField = keyof typeof MERGE_COLUMNS;

/**
 * Tables whose rows follow the person: re-pointed to the kept record. The append-only ledgers
 * (audit_events, disclosures, prohibition_events, privacy_request_events) cannot be; their rows stay
 * with the merged record, which `customers.merged_into` and `customer_merges` lead to the kept one.
 * Target-list snapshots stay as built.
 */
export const REPOINTED_TABLES = [
  'customer_provenance',
  'orders',
  'invoices',
  'privacy_requests',
  'web_consents',
  'web_form_submissions',
  'update_prohibition_events',
  'address_update_rows',
  'customer_import_rows',
  // Issue 16: the notes and contacts staff wrote about the person.
  'customer_notes',
] as const;

/**
 * Provenance combined: the merged record's rows move to the kept one, and each field's current
 * source (the latest row) is the source of the value kept: the winner's latest row appended again,
 * with its own time and recorder.
 */
export async function combineProvenance(db: Db, keepId: string, mergeId: string, taken: readonly string[]): Promise<void> {
  await execute(
    db,
    `WITH latest AS (
       SELECT DISTINCT ON (customer_id, field) customer_id, field, source, detail, recorded_at, recorded_by
         FROM customer_provenance WHERE customer_id IN ($1, $2) ORDER BY customer_id, field, id DESC),
     moved AS (UPDATE customer_provenance SET customer_id = $1 WHERE customer_id = $2 RETURNING 1)
     INSERT INTO customer_provenance (customer_id, field, source, detail, recorded_at, recorded_by)
     SELECT $1, field, source, detail, recorded_at, recorded_by FROM latest
      WHERE (customer_id = $2) = (field = ANY($3::text[]))
        AND (SELECT count(*) FROM moved) >= 0
      ORDER BY field`,
    [keepId, mergeId, taken],
  );
}

/** Every other table's rows of the merged record to the kept one; answers how many moved per table. */
export async function repoint(db: Db, keepId: string, mergeId: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const table of REPOINTED_TABLES) {
    if (table === 'customer_provenance') continue;
    moved[table] = await affected(db, `UPDATE ${table} SET customer_id = $1 WHERE customer_id = $2`, [keepId, mergeId]);
  }
  // Issue 16, P15: a campaign the person was kept off by hand keeps the kept record off (once per campaign).
  moved.campaign_exclusions = await affected(
    db,
    `WITH gone AS (DELETE FROM campaign_exclusions WHERE customer_id = $2 RETURNING campaign_id, added_by, added_at, note)
     INSERT INTO campaign_exclusions (campaign_id, customer_id, added_by, added_at, note)
     SELECT campaign_id, $1, added_by, added_at, note FROM gone
     ON CONFLICT (campaign_id, customer_id) DO NOTHING`,
    [keepId, mergeId],
  );
  // An open retention proposal of the merged record is moot: the kept one is judged on its own (combined) activity.
  moved.retention_proposals = await affected(db, `DELETE FROM retention_proposals WHERE customer_id = $1`, [mergeId]);
  return moved;
}

/**
 * P5, P15: the merged record's prohibitions in force hold for the kept one: appended to the ledger
 * (which is never rewritten) as new SET events, unless the kept record has the same in force.
 */
export async function carryProhibitions(db: Db, keepId: string, mergeId: string, mergedNumber: string, by: string): Promise<number> {
  return affected(
    db,
    `INSERT INTO prohibition_events (customer_id, kind, channel, action, via, note, recorded_by)
     SELECT $1, p.kind, p.channel, 'SET', p.via, left(concat_ws(' ', 'Merged from customer ' || $3 || '.', p.note), 1000), $4
       FROM current_prohibitions p
      WHERE p.customer_id = $2
        AND NOT EXISTS (SELECT 1 FROM current_prohibitions k WHERE k.customer_id = $1 AND k.kind = p.kind AND k.channel IS NOT DISTINCT FROM p.channel)`,
    [keepId, mergeId, mergedNumber, by],
  );
}

/** Rows of an append-only ledger that stay with the merged record (reads follow the merge to them). */
export async function ledgerRowsOf(db: Db, mergeId: string): Promise<Record<string, number>> {
  const [row] = await many<{ disclosures: number; prohibition_events: number; audit_events: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM disclosures WHERE customer_id = $1) AS disclosures,
            (SELECT count(*)::int FROM prohibition_events WHERE customer_id = $1) AS prohibition_events,
            (SELECT count(*)::int FROM audit_events WHERE customer_id = $1) AS audit_events`,
    [mergeId],
  );
  return row;
}

/**
 * The kept record takes the chosen columns (and an update prohibition of either); the merged one keeps no personal
 * value (its name says where it went), so erasing the kept person leaves none of theirs behind in it.
 */
export async function writeMerge(db: Db, keep: MergeSide, merge: MergeSide, taken: readonly MergeField[]): Promise<void> {
  const sets = taken.map((f, i) => `${MERGE_COLUMNS[f]} = $${i + 3}`);
  await execute(
    db,
    `UPDATE customers SET first_name = '—', last_name = '→ ' || $3, email = NULL, phone = NULL, street = NULL, postal_code = NULL, city = NULL,
            organisation_id = NULL, merged_into = $1, merged_at = now(), version = version + 1, updated_at = now()
      WHERE id = $2`,
    [keep.id, merge.id, keep.customer_number],
  );
  await execute(
    db,
    `UPDATE customers SET ${[...sets, 'update_prohibited = update_prohibited OR $2'].join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
    [keep.id, merge.update_prohibited, ...taken.map((f) => merge[MERGE_COLUMNS[f]])],
  );
}

export async function recordMerge(
  db: Db,
  row: { keepId: string; mergeId: string; keptNumber: string; mergedNumber: string; fields: readonly string[]; moved: Record<string, number>; by: string },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO customer_merges (kept_id, merged_id, kept_number, merged_number, fields, moved, merged_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.keepId, row.mergeId, row.keptNumber, row.mergedNumber, row.fields, JSON.stringify(row.moved), row.by],
  );
}

export interface MergeRecordRow {
  keptId: string;
  mergedId: string;
  keptNumber: string;
  mergedNumber: string;
  fields: string[];
  mergedAt: Date;
  mergedBy: string | null;
}

/** The merges a record took part in, newest first. */
export function mergesOf(db: Db, customerId: string): Promise<MergeRecordRow[]> {
  return many<MergeRecordRow>(
    db,
    `SELECT m.kept_id AS "keptId", m.merged_id AS "mergedId", m.kept_number::text AS "keptNumber", m.merged_number::text AS "mergedNumber",
            m.fields, m.merged_at AS "mergedAt", u.username AS "mergedBy"
       FROM customer_merges m LEFT JOIN users u ON u.id = m.merged_by
      WHERE m.kept_id = $1 OR m.merged_id = $1 ORDER BY m.id DESC`,
    [customerId],
  );
}

/** The customer a merged record was merged into, as `where` (over alias `k`) lets the reader see it: its id and number. */
export function keptCustomer(db: Db, keptId: string, where: string, params: Params): Promise<{ id: string; customer_number: string } | undefined> {
  return maybeOne(
    db,
    `SELECT k.id, k.customer_number::text AS customer_number FROM customers k WHERE k.id = ${params.bind(keptId)} AND ${where}`,
    params.values,
  );
}
