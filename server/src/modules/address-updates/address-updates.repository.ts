import type { ReadProgress } from '../../csv-upload';
import { affected, execute, many, maybeOne, one, Where, type Db } from '../../db/sql';
import type { CsvEncoding } from '../prohibitions/prohibition.model';
import type {
  AddressUpdateCounts,
  AddressUpdateImportRecord,
  AddressUpdateLine,
  AddressUpdateOutcome,
  AddressUpdateReason,
  AddressUpdateRowRecord,
  ImportProblem,
} from './address-update.model';

/** The SQL of address-update imports (P7): their progress rows, their staged rows and report, and the update prohibition. */

const IMPORT_COLUMNS = `i.id, i.file_name AS "fileName", to_char(i.file_date, 'YYYY-MM-DD') AS "fileDate", i.status,
  i.total_bytes::float8 AS "totalBytes", i.processed_bytes::float8 AS "processedBytes", i.rows_read AS "rowsRead",
  i.rows_to_apply AS "rowsToApply", i.rows_applied AS "rowsApplied", i.counts, i.error,
  i.created_at AS "createdAt", i.dry_run_at AS "dryRunAt", i.applied_at AS "appliedAt", i.created_by AS "createdBy"`;

export interface ImportRow extends AddressUpdateImportRecord {
  createdBy: string;
}

export function importById(db: Db, id: string): Promise<ImportRow | undefined> {
  return maybeOne<ImportRow>(db, `SELECT ${IMPORT_COLUMNS} FROM address_update_imports i WHERE i.id = $1`, [id]);
}

/** The latest imports, newest first. */
export function latestImports(db: Db, limit: number): Promise<ImportRow[]> {
  return many<ImportRow>(db, `SELECT ${IMPORT_COLUMNS} FROM address_update_imports i ORDER BY i.created_at DESC, i.id LIMIT $1`, [limit]);
}

export async function insertImport(db: Db, row: { fileName: string; fileDate: string; createdBy: string }): Promise<string> {
  const { id } = await one<{ id: string }>(db, `INSERT INTO address_update_imports (file_name, file_date, created_by) VALUES ($1, $2, $3) RETURNING id`, [
    row.fileName,
    row.fileDate,
    row.createdBy,
  ]);
  return id;
}

/** PENDING to READING, once: false when the file has been sent already. */
export async function claimForReading(db: Db, id: string, encoding: CsvEncoding, totalBytes: number | null): Promise<boolean> {
  return (
    (await affected(
      db,
      `UPDATE address_update_imports SET status = 'READING', encoding = $2, total_bytes = $3, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
      [id, encoding, totalBytes],
    )) === 1
  );
}

/** One customer a row of the file could mean, as the dry run weighs it. */
export interface CandidateRow {
  line: number;
  matched_by: 'NUMBER' | 'NAME';
  id: string;
  customer_number: string;
  version: number;
  partner_id: string | null;
  restricted: boolean;
  anonymised: boolean;
  update_prohibited: boolean;
  /** The customer lives at the row's new address already. */
  at_new: boolean;
}

/**
 * The customers the rows could mean, among those the actor may see (`visible` is bound into
 * `where`, alias `c`): by customer number, and by normalised name at the old or the new address
 * (name, street and postal code together: never by name alone).
 */
export function candidatesOf(db: Db, rows: ReadonlyArray<{ line: number; values: AddressUpdateLine }>, where: Where, visible: string): Promise<CandidateRow[]> {
  const col = <T>(f: (v: AddressUpdateLine) => T) => where.bind(rows.map((r) => f(r.values)));
  const lines = where.bind(rows.map((r) => r.line));
  const sql = `
    WITH k AS (
      SELECT r.line, r.customer_number, rk_name_key(r.first_name || ' ' || r.last_name) AS name_key,
             r.old_postal_code, rk_street_key(r.old_street) AS old_key,
             r.new_postal_code, rk_street_key(r.new_street) AS new_key, lower(trim(r.new_city)) AS new_city
        FROM unnest(${lines}::int[], ${col((v) => v.customerNumber)}::bigint[], ${col((v) => v.firstName)}::text[], ${col((v) => v.lastName)}::text[],
                    ${col((v) => v.oldStreet)}::text[], ${col((v) => v.oldPostalCode)}::text[], ${col((v) => v.newStreet)}::text[],
                    ${col((v) => v.newPostalCode)}::text[], ${col((v) => v.newCity)}::text[])
             AS r(line, customer_number, first_name, last_name, old_street, old_postal_code, new_street, new_postal_code, new_city)),
    m AS (
      SELECT k.line, 'NUMBER' AS matched_by, c.id FROM k JOIN customers c ON c.customer_number = k.customer_number
      UNION
      SELECT k.line, 'NAME', c.id FROM k JOIN customers c ON c.name_key = k.name_key AND c.postal_code = k.old_postal_code AND c.street_key = k.old_key
      UNION
      SELECT k.line, 'NAME', c.id FROM k JOIN customers c ON c.name_key = k.name_key AND c.postal_code = k.new_postal_code AND c.street_key = k.new_key)
    SELECT m.line, m.matched_by, c.id, c.customer_number::text AS customer_number, c.version, c.partner_id, c.restricted,
           c.anonymised_at IS NOT NULL AS anonymised, c.update_prohibited,
           (c.street_key IS NOT DISTINCT FROM k.new_key AND c.postal_code IS NOT DISTINCT FROM k.new_postal_code
            AND lower(trim(c.city)) IS NOT DISTINCT FROM k.new_city) AS at_new
      FROM m JOIN k ON k.line = m.line JOIN customers c ON c.id = m.id
     WHERE ${visible}
     ORDER BY m.line, c.customer_number`;
  return many<CandidateRow>(db, sql, where.params);
}

/** One row of the file with what the dry run made of it. */
export interface StagedRow {
  line: number;
  values: AddressUpdateLine;
  outcome: AddressUpdateOutcome;
  reason: AddressUpdateReason | null;
  detail: string | null;
  customerId: string | null;
  customerVersion: number | null;
}

/** Kept as every file import keeps it (csv-upload.ts). */
export type { ReadProgress };

/** A batch of classified rows into staging, and how far the reading has come, in one statement. */
export async function stageRows(db: Db, importId: string, rows: readonly StagedRow[], progress: ReadProgress): Promise<void> {
  const v = <T>(f: (r: StagedRow) => T) => rows.map(f);
  await execute(
    db,
    `WITH staged AS (
       INSERT INTO address_update_rows (import_id, line, customer_number, first_name, last_name, old_street, old_postal_code, old_city,
                                        new_street, new_postal_code, new_city, moved_on, prohibition_flag, outcome, reason, detail,
                                        customer_id, customer_version)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                                $11::text[], $12::date[], $13::boolean[], $14::text[], $15::text[], $16::text[], $17::uuid[], $18::int[]))
     UPDATE address_update_imports SET processed_bytes = $19, rows_read = $20, updated_at = now() WHERE id = $1`,
    [
      importId,
      v((r) => r.line),
      v((r) => r.values.customerNumber),
      v((r) => r.values.firstName),
      v((r) => r.values.lastName),
      v((r) => r.values.oldStreet),
      v((r) => r.values.oldPostalCode),
      v((r) => r.values.oldCity),
      v((r) => r.values.newStreet),
      v((r) => r.values.newPostalCode),
      v((r) => r.values.newCity),
      v((r) => r.values.movedOn),
      v((r) => r.values.updateProhibition),
      v((r) => r.outcome),
      v((r) => r.reason),
      v((r) => r.detail),
      v((r) => r.customerId),
      v((r) => r.customerVersion),
      progress.processedBytes,
      progress.rowsRead,
    ],
  );
}

/** Rows of the file that would move one customer twice: neither is taken, both are AMBIGUOUS. */
export async function markSameCustomerTwice(db: Db, importId: string): Promise<void> {
  await execute(
    db,
    `WITH twice AS (
       SELECT customer_id, string_agg(line::text, ', ' ORDER BY line) AS lines FROM address_update_rows
        WHERE import_id = $1 AND outcome IN ('UPDATE', 'UNCHANGED') GROUP BY customer_id HAVING count(*) > 1)
     UPDATE address_update_rows r SET outcome = 'AMBIGUOUS', reason = 'SAME_CUSTOMER_TWICE', detail = 'lines ' || twice.lines
       FROM twice WHERE r.import_id = $1 AND r.customer_id = twice.customer_id AND r.outcome IN ('UPDATE', 'UNCHANGED')`,
    [importId],
  );
}

/** Rows by outcome: as applied where applied, else as the dry run found them. */
export async function countsOf(db: Db, importId: string): Promise<Partial<AddressUpdateCounts>> {
  const rows = await many<{ outcome: AddressUpdateOutcome; n: number }>(
    db,
    `SELECT coalesce(applied_outcome, outcome) AS outcome, count(*)::int AS n FROM address_update_rows WHERE import_id = $1 GROUP BY 1`,
    [importId],
  );
  return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
}

/** The rows an apply acts on: UPDATE, and a prohibition the file carries for a customer found. */
const TO_APPLY = `(outcome = 'UPDATE' OR reason = 'UPDATE_PROHIBITED_IN_FILE')`;

export async function finishDryRun(db: Db, importId: string): Promise<void> {
  const counts = await countsOf(db, importId);
  await execute(
    db,
    `UPDATE address_update_imports
        SET status = 'DRY_RUN', counts = $2, dry_run_at = now(), updated_at = now(),
            rows_to_apply = (SELECT count(*) FROM address_update_rows WHERE import_id = $1 AND ${TO_APPLY})
      WHERE id = $1`,
    [importId, JSON.stringify(counts)],
  );
}

/** The import failed: says why, and drops what it had staged (personal data of a file not taken). */
export async function failImport(db: Db, importId: string, problem: ImportProblem, progress?: ReadProgress): Promise<void> {
  await execute(db, `DELETE FROM address_update_rows WHERE import_id = $1`, [importId]);
  await execute(
    db,
    `UPDATE address_update_imports SET status = 'FAILED', error = $2, updated_at = now(), counts = '{}',
            processed_bytes = coalesce($3, processed_bytes), rows_read = coalesce($4, rows_read)
      WHERE id = $1`,
    [importId, JSON.stringify(problem), progress?.processedBytes ?? null, progress?.rowsRead ?? null],
  );
}

/** Imports nobody has moved for this long were cut off while reading: failed, their rows dropped. */
export async function failAbandonedReads(db: Db, staleAfterMs: number): Promise<void> {
  const problem: ImportProblem = { code: 'ABANDONED', reason: 'ABANDONED', message: 'The import stopped before the file was read.', field: null, line: null };
  await execute(
    db,
    `WITH abandoned AS (
       UPDATE address_update_imports SET status = 'FAILED', error = $2, updated_at = now()
        WHERE status IN ('PENDING', 'READING') AND updated_at < now() - make_interval(secs => $1)
        RETURNING id)
     DELETE FROM address_update_rows WHERE import_id IN (SELECT id FROM abandoned)`,
    [staleAfterMs / 1000, JSON.stringify(problem)],
  );
}

/**
 * DRY_RUN to APPLYING, once; or an APPLYING import nobody has moved for `staleAfterMs` (a process
 * stopped mid-way), which goes on from the rows not applied yet.
 */
export async function claimForApplying(db: Db, id: string, staleAfterMs: number): Promise<boolean> {
  return (
    (await affected(
      db,
      `UPDATE address_update_imports SET status = 'APPLYING', updated_at = now()
        WHERE id = $1 AND (status = 'DRY_RUN' OR (status = 'APPLYING' AND updated_at < now() - make_interval(secs => $2)))`,
      [id, staleAfterMs / 1000],
    )) === 1
  );
}

/** A row to apply, with the customer the dry run found and the version it saw. */
export interface ApplyRow {
  line: number;
  customer_id: string;
  customer_version: number;
  new_street: string | null;
  new_postal_code: string | null;
  new_city: string | null;
  outcome: AddressUpdateOutcome;
  reason: AddressUpdateReason | null;
}

export function rowsToApply(db: Db, importId: string, afterLine: number, limit: number): Promise<ApplyRow[]> {
  return many<ApplyRow>(
    db,
    `SELECT line, customer_id, customer_version, new_street, new_postal_code, new_city, outcome, reason FROM address_update_rows
      WHERE import_id = $1 AND line > $2 AND applied_outcome IS NULL AND customer_id IS NOT NULL AND ${TO_APPLY}
      ORDER BY line LIMIT $3`,
    [importId, afterLine, limit],
  );
}

/** A customer as the apply finds them, locked until the batch commits. */
export interface LockedCustomer {
  id: string;
  version: number;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  partner_id: string | null;
  restricted: boolean;
  anonymised: boolean;
  update_prohibited: boolean;
}

export function lockCustomers(db: Db, ids: readonly string[]): Promise<LockedCustomer[]> {
  return many<LockedCustomer>(
    db,
    `SELECT id, version, street, postal_code, city, partner_id, restricted, anonymised_at IS NOT NULL AS anonymised, update_prohibited
       FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
}

/** The new addresses, each only where the customer is still at the version the dry run saw; answers the ids changed. */
export async function writeAddresses(
  db: Db,
  changes: ReadonlyArray<{ id: string; version: number; street: string | null; postalCode: string | null; city: string | null }>,
): Promise<string[]> {
  if (changes.length === 0) return [];
  const rows = await many<{ id: string }>(
    db,
    `UPDATE customers c SET street = u.street, postal_code = u.postal_code, city = u.city, version = c.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[]) AS u(id, version, street, postal_code, city)
      WHERE c.id = u.id AND c.version = u.version AND NOT c.update_prohibited AND NOT c.restricted AND c.anonymised_at IS NULL
      RETURNING c.id`,
    [changes.map((c) => c.id), changes.map((c) => c.version), changes.map((c) => c.street), changes.map((c) => c.postalCode), changes.map((c) => c.city)],
  );
  return rows.map((r) => r.id);
}

/** P7: one provenance row per field changed, for many customers in one statement. */
export async function appendProvenanceRows(
  db: Db,
  rows: ReadonlyArray<{ customerId: string; field: string }>,
  source: string,
  detail: string,
  recordedBy: string,
): Promise<void> {
  if (rows.length === 0) return;
  await execute(
    db,
    `INSERT INTO customer_provenance (customer_id, field, source, detail, recorded_by)
     SELECT customer_id, field, $3, $4, $5 FROM unnest($1::uuid[], $2::text[]) AS p(customer_id, field)`,
    [rows.map((r) => r.customerId), rows.map((r) => r.field), source, detail, recordedBy],
  );
}

/** What became of applied rows, and the import's progress, in one statement. */
export async function markApplied(
  db: Db,
  importId: string,
  rows: ReadonlyArray<{ line: number; outcome: AddressUpdateOutcome; reason: AddressUpdateReason | null }>,
): Promise<void> {
  await execute(
    db,
    `WITH marked AS (
       UPDATE address_update_rows r SET applied_outcome = a.outcome, applied_reason = a.reason
         FROM unnest($2::int[], $3::text[], $4::text[]) AS a(line, outcome, reason)
        WHERE r.import_id = $1 AND r.line = a.line
        RETURNING 1)
     UPDATE address_update_imports SET rows_applied = rows_applied + (SELECT count(*) FROM marked), updated_at = now() WHERE id = $1`,
    [importId, rows.map((r) => r.line), rows.map((r) => r.outcome), rows.map((r) => r.reason)],
  );
}

export async function finishApply(db: Db, importId: string): Promise<void> {
  const counts = await countsOf(db, importId);
  await execute(db, `UPDATE address_update_imports SET status = 'APPLIED', counts = $2, applied_at = now(), updated_at = now() WHERE id = $1`, [
    importId,
    JSON.stringify(counts),
  ]);
}

/** A page of the report: rows of one outcome (or all), in file order, after `afterLine`. */
export function reportRows(
  db: Db,
  importId: string,
  outcome: AddressUpdateOutcome | null,
  afterLine: number,
  limit: number,
): Promise<AddressUpdateRowRecord[]> {
  const where = new Where();
  where.and(`import_id = ${where.bind(importId)}`);
  where.and(`line > ${where.bind(afterLine)}`);
  if (outcome) where.and(`coalesce(applied_outcome, outcome) = ${where.bind(outcome)}`);
  return many<AddressUpdateRowRecord>(
    db,
    `SELECT line, coalesce(applied_outcome, outcome) AS outcome, CASE WHEN applied_outcome IS NOT NULL AND applied_outcome <> outcome THEN applied_reason ELSE reason END AS reason,
            detail, customer_id AS "customerId", outcome AS "dryRunOutcome", customer_number::text AS "customerNumber", first_name AS "firstName",
            last_name AS "lastName", old_street AS "oldStreet", old_postal_code AS "oldPostalCode", old_city AS "oldCity", new_street AS "newStreet",
            new_postal_code AS "newPostalCode", new_city AS "newCity", to_char(moved_on, 'YYYY-MM-DD') AS "movedOn", prohibition_flag AS "updateProhibition"
       FROM address_update_rows WHERE ${where} ORDER BY line LIMIT ${where.bind(limit)}`,
    where.params,
  );
}

// --- The update prohibition (asiakasrekisterin päivityskielto) ---

export interface UpdateProhibitionEventRow {
  action: 'SET' | 'LIFT';
  source: string;
  via: string | null;
  detail: string | null;
  note: string | null;
  recorded_at: Date;
  username: string | null;
}

/** The customer's row locked, with whether updates are forbidden. */
export function lockProhibitionState(db: Db, customerId: string): Promise<{ update_prohibited: boolean } | undefined> {
  return maybeOne<{ update_prohibited: boolean }>(db, `SELECT update_prohibited FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
}

/** Sets or lifts the prohibition on customers, and appends one event for each. */
export async function writeUpdateProhibition(
  db: Db,
  customerIds: readonly string[],
  event: { action: 'SET' | 'LIFT'; source: string; via: string | null; detail: string | null; note: string | null; recordedBy: string },
): Promise<void> {
  if (customerIds.length === 0) return;
  await execute(
    db,
    `WITH changed AS (UPDATE customers SET update_prohibited = $2 WHERE id = ANY($1::uuid[]) RETURNING id)
     INSERT INTO update_prohibition_events (customer_id, action, source, via, detail, note, recorded_by)
     SELECT id, $3, $4, $5, $6, $7, $8 FROM changed`,
    [customerIds, event.action === 'SET', event.action, event.source, event.via, event.detail, event.note, event.recordedBy],
  );
}

/** The customer's update-prohibition history, newest first. */
export function updateProhibitionHistory(db: Db, customerId: string): Promise<UpdateProhibitionEventRow[]> {
  return many<UpdateProhibitionEventRow>(
    db,
    `SELECT e.action, e.source, e.via, e.detail, e.note, e.recorded_at, u.username
       FROM update_prohibition_events e LEFT JOIN users u ON u.id = e.recorded_by
      WHERE e.customer_id = $1 ORDER BY e.id DESC`,
    [customerId],
  );
}

/** Which of these customers forbade updates (for any import of another source). */
export async function updateProhibitedAmong(db: Db, customerIds: readonly string[]): Promise<Set<string>> {
  const rows = await many<{ id: string }>(db, `SELECT id FROM customers WHERE id = ANY($1::uuid[]) AND update_prohibited`, [customerIds]);
  return new Set(rows.map((r) => r.id));
}
