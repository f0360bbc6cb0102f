import type { ReadProgress } from '../../csv-upload';
import { affected, execute, many, maybeOne, one, Where, type Db } from '../../db/sql';
import type { CsvEncoding } from '../prohibitions/prohibition.model';
import {
  HeldDuplicateResolution,
  type CustomerImportCounts,
  type CustomerImportMapping,
  type CustomerImportOutcome,
  type CustomerImportReason,
  type CustomerImportRecord,
  type CustomerImportRowRecord,
  type CustomerImportSource,
  type CustomerImportValues,
  type ImportProblem,
} from './customer-import.model';

/** The SQL of customer-list imports (P7): their progress rows, their staged rows and report, and the held duplicates. */

const IMPORT_COLUMNS = `i.id, i.file_name AS "fileName", i.source_kind AS "sourceKind", i.source_name AS "sourceName", i.mapping, i.status,
  i.total_bytes::float8 AS "totalBytes", i.processed_bytes::float8 AS "processedBytes", i.rows_read AS "rowsRead",
  i.rows_applied AS "rowsApplied", i.counts, i.error, i.created_at AS "createdAt", i.dry_run_at AS "dryRunAt",
  i.applied_at AS "appliedAt", i.created_by AS "createdBy",
  (SELECT count(*)::int FROM customer_import_rows r WHERE r.import_id = i.id AND r.applied_outcome = 'HELD' AND r.resolution IS NULL) AS "heldOpen"`;

export interface ImportRow extends CustomerImportRecord {
  createdBy: string;
}

export function importById(db: Db, id: string): Promise<ImportRow | undefined> {
  return maybeOne<ImportRow>(db, `SELECT ${IMPORT_COLUMNS} FROM customer_imports i WHERE i.id = $1`, [id]);
}

export function latestImports(db: Db, limit: number): Promise<ImportRow[]> {
  return many<ImportRow>(db, `SELECT ${IMPORT_COLUMNS} FROM customer_imports i ORDER BY i.created_at DESC, i.id LIMIT $1`, [limit]);
}

export async function insertImport(
  db: Db,
  row: { fileName: string; sourceKind: CustomerImportSource; sourceName: string; mapping: Partial<CustomerImportMapping>; createdBy: string },
): Promise<string> {
  const { id } = await one<{ id: string }>(
    db,
    `INSERT INTO customer_imports (file_name, source_kind, source_name, mapping, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [row.fileName, row.sourceKind, row.sourceName, JSON.stringify(row.mapping), row.createdBy],
  );
  return id;
}

/** PENDING to READING, once: false when the file has been sent already. */
export async function claimForReading(db: Db, id: string, encoding: CsvEncoding, totalBytes: number | null): Promise<boolean> {
  const n = await affected(
    db,
    `UPDATE customer_imports SET status = 'READING', encoding = $2, total_bytes = $3, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
    [id, encoding, totalBytes],
  );
  return n === 1;
}

/** The mapping the header was read with (the importer's, completed by recognition). */
export async function saveMapping(db: Db, id: string, mapping: CustomerImportMapping): Promise<void> {
  await execute(db, `UPDATE customer_imports SET mapping = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(mapping)]);
}

/** One row of the file with what the dry run made of it. */
export interface StagedRow {
  line: number;
  values: CustomerImportValues;
  outcome: CustomerImportOutcome;
  reason: CustomerImportReason | null;
  field: string | null;
  detail: string | null;
  customerId: string | null;
  customerVersion: number | null;
  duplicateIds: string[];
  /** The earlier row of the file this one is about the same person as. */
  duplicateOfLine: number | null;
}

/** Kept as every file import keeps it (csv-upload.ts). */
export type { ReadProgress };

/** A batch of classified rows into staging, and how far the reading has come, in one statement. */
export async function stageRows(db: Db, importId: string, rows: readonly StagedRow[], progress: ReadProgress): Promise<void> {
  const v = <T>(f: (r: StagedRow) => T) => rows.map(f);
  await execute(
    db,
    `WITH staged AS (
       INSERT INTO customer_import_rows (import_id, line, "values", outcome, reason, field, detail, customer_id, customer_version, duplicate_ids, duplicate_of_line)
       SELECT $1::uuid, r.line, r.vals, r.outcome, r.reason, r.field, r.detail, r.customer_id, r.customer_version,
              coalesce((SELECT array_agg(d::uuid) FROM jsonb_array_elements_text(r.dups) d), '{}'), r.of_line
         FROM unnest($2::int[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::int[], $10::jsonb[], $11::int[])
              AS r(line, vals, outcome, reason, field, detail, customer_id, customer_version, dups, of_line))
     UPDATE customer_imports SET processed_bytes = $12, rows_read = $13, updated_at = now() WHERE id = $1`,
    [
      importId,
      v((r) => r.line),
      v((r) => JSON.stringify(r.values)),
      v((r) => r.outcome),
      v((r) => r.reason),
      v((r) => r.field),
      v((r) => r.detail),
      v((r) => r.customerId),
      v((r) => r.customerVersion),
      v((r) => JSON.stringify(r.duplicateIds)),
      v((r) => r.duplicateOfLine),
      progress.processedBytes,
      progress.rowsRead,
    ],
  );
}

/** A second update of one customer in a file is refused (the same person twice among new rows is told while reading). */
export async function markSameCustomerTwice(db: Db, importId: string): Promise<void> {
  await execute(
    db,
    `WITH twice AS (
       SELECT r.line, min(x.line) AS first_line FROM customer_import_rows r
         JOIN customer_import_rows x ON x.import_id = r.import_id AND x.line < r.line AND x.customer_id = r.customer_id AND x.outcome IN ('UPDATE', 'UNCHANGED')
        WHERE r.import_id = $1 AND r.outcome IN ('UPDATE', 'UNCHANGED') GROUP BY r.line)
     UPDATE customer_import_rows r SET outcome = 'REFUSED', reason = 'SAME_CUSTOMER_TWICE', field = NULL, detail = 'line ' || twice.first_line
       FROM twice WHERE r.import_id = $1 AND r.line = twice.line`,
    [importId],
  );
}

/** Rows by outcome: as applied where applied (HELD counts as the possible duplicate it is), else as the dry run found them. */
async function countsOf(db: Db, importId: string): Promise<Partial<CustomerImportCounts>> {
  const rows = await many<{ outcome: CustomerImportOutcome; n: number }>(
    db,
    `SELECT ${SHOWN_OUTCOME} AS outcome, count(*)::int AS n FROM customer_import_rows r WHERE r.import_id = $1 GROUP BY 1`,
    [importId],
  );
  return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
}

export async function finishDryRun(db: Db, importId: string): Promise<void> {
  await execute(db, `UPDATE customer_imports SET status = 'DRY_RUN', counts = $2, dry_run_at = now(), updated_at = now() WHERE id = $1`, [
    importId,
    JSON.stringify(await countsOf(db, importId)),
  ]);
}

/** The import failed: says why, and drops what it had staged (personal data of a file not taken). */
export async function failImport(db: Db, importId: string, problem: ImportProblem, progress?: ReadProgress): Promise<void> {
  await execute(db, `DELETE FROM customer_import_rows WHERE import_id = $1`, [importId]);
  await execute(
    db,
    `UPDATE customer_imports SET status = 'FAILED', error = $2, updated_at = now(), counts = '{}',
            processed_bytes = coalesce($3, processed_bytes), rows_read = coalesce($4, rows_read)
      WHERE id = $1`,
    [importId, JSON.stringify(problem), progress?.processedBytes ?? null, progress?.rowsRead ?? null],
  );
}

/** DRY_RUN to APPLYING, once (or an APPLYING import nobody has moved for `staleAfterMs`, which goes on). */
export async function claimForApplying(db: Db, id: string, staleAfterMs: number): Promise<boolean> {
  const n = await affected(
    db,
    `UPDATE customer_imports SET status = 'APPLYING', updated_at = now()
      WHERE id = $1 AND (status = 'DRY_RUN' OR (status = 'APPLYING' AND updated_at < now() - make_interval(secs => $2)))`,
    [id, staleAfterMs / 1000],
  );
  return n === 1;
}

/** A row to apply, with the customer the dry run found and the version it saw. */
export interface ApplyRow {
  line: number;
  values: CustomerImportValues;
  outcome: CustomerImportOutcome;
  reason: CustomerImportReason | null;
  customer_id: string | null;
  customer_version: number | null;
  duplicate_of_line: number | null;
}

export function rowsToApply(db: Db, importId: string, afterLine: number, limit: number): Promise<ApplyRow[]> {
  return many<ApplyRow>(
    db,
    `SELECT line, "values", outcome, reason, customer_id, customer_version, duplicate_of_line FROM customer_import_rows
      WHERE import_id = $1 AND line > $2 AND applied_outcome IS NULL ORDER BY line LIMIT $3`,
    [importId, afterLine, limit],
  );
}

/** The customer an earlier row of this import made (a held row in-file duplicate's candidate). */
export async function customerOfLine(db: Db, importId: string, line: number): Promise<string | null> {
  const row = await maybeOne<{ customer_id: string | null }>(db, `SELECT customer_id FROM customer_import_rows WHERE import_id = $1 AND line = $2`, [
    importId,
    line,
  ]);
  return row?.customer_id ?? null;
}

export interface AppliedRow {
  line: number;
  outcome: string;
  reason: string | null;
  detail?: string | null;
  customerId: string | null;
  duplicateIds?: string[] | null;
}

/** What became of applied rows, and the import's progress, in one statement. */
export async function markApplied(db: Db, importId: string, rows: readonly AppliedRow[]): Promise<void> {
  await execute(
    db,
    `WITH marked AS (
       UPDATE customer_import_rows r
          SET applied_outcome = a.outcome, applied_reason = a.reason, detail = coalesce(a.detail, r.detail),
              customer_id = coalesce(a.customer_id, r.customer_id),
              duplicate_ids = coalesce((SELECT array_agg(d::uuid) FROM jsonb_array_elements_text(a.dups) d), r.duplicate_ids)
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[]) AS a(line, outcome, reason, detail, customer_id, dups)
        WHERE r.import_id = $1 AND r.line = a.line
        RETURNING 1)
     UPDATE customer_imports SET rows_applied = rows_applied + (SELECT count(*) FROM marked), updated_at = now() WHERE id = $1`,
    [
      importId,
      rows.map((r) => r.line),
      rows.map((r) => r.outcome),
      rows.map((r) => r.reason),
      rows.map((r) => r.detail ?? null),
      rows.map((r) => r.customerId),
      rows.map((r) => (r.duplicateIds ? JSON.stringify(r.duplicateIds) : null)),
    ],
  );
}

export async function finishApply(db: Db, importId: string): Promise<void> {
  await execute(db, `UPDATE customer_imports SET status = 'APPLIED', counts = $2, applied_at = now(), updated_at = now() WHERE id = $1`, [
    importId,
    JSON.stringify(await countsOf(db, importId)),
  ]);
}

/** The report's columns of a row (alias `r`): as applied where applied (a held row shows as the possible duplicate it is). */
const ROW_COLUMNS = `r.line, r."values",
  CASE WHEN r.applied_outcome IS NULL OR r.applied_outcome = 'HELD' THEN r.outcome ELSE r.applied_outcome END AS outcome,
  CASE WHEN r.applied_outcome IS NOT NULL AND r.applied_outcome NOT IN ('HELD', r.outcome) THEN r.applied_reason ELSE r.reason END AS reason,
  r.field, r.detail, r.customer_id AS "customerId", r.duplicate_ids::text[] AS "duplicateIds", r.outcome AS "dryRunOutcome",
  coalesce(r.applied_outcome = 'HELD', false) AS held, r.resolution`;
const SHOWN_OUTCOME = `CASE WHEN r.applied_outcome IS NULL OR r.applied_outcome = 'HELD' THEN r.outcome ELSE r.applied_outcome END`;

/** A page of the report, of one outcome or all, in file order. */
export function reportRows(
  db: Db,
  importId: string,
  outcome: CustomerImportOutcome | null,
  afterLine: number,
  limit: number,
): Promise<CustomerImportRowRecord[]> {
  const where = new Where();
  where.and(`r.import_id = ${where.bind(importId)}`);
  where.and(`r.line > ${where.bind(afterLine)}`);
  if (outcome) where.and(`${SHOWN_OUTCOME} = ${where.bind(outcome)}`);
  return many<CustomerImportRowRecord>(
    db,
    `SELECT ${ROW_COLUMNS} FROM customer_import_rows r WHERE ${where} ORDER BY r.line LIMIT ${where.bind(limit)}`,
    where.params,
  );
}

export interface HeldRow extends CustomerImportRowRecord {
  importId: string;
  fileName: string;
  sourceKind: CustomerImportSource;
  sourceName: string;
}

/** Possible duplicates held by applied imports and not yet merged or created, oldest import first. */
export function heldRows(db: Db, limit: number, row?: { importId: string; line: number; lock?: boolean }): Promise<HeldRow[]> {
  const where = new Where();
  where.and(`r.applied_outcome = 'HELD' AND r.resolution IS NULL`);
  if (row) where.and(`r.import_id = ${where.bind(row.importId)} AND r.line = ${where.bind(row.line)}`);
  return many<HeldRow>(
    db,
    `SELECT r.import_id AS "importId", i.file_name AS "fileName", i.source_kind AS "sourceKind", i.source_name AS "sourceName",
            ${ROW_COLUMNS}
       FROM customer_import_rows r JOIN customer_imports i ON i.id = r.import_id
      WHERE ${where} ORDER BY i.created_at, r.import_id, r.line LIMIT ${where.bind(limit)}${row?.lock ? ' FOR UPDATE OF r' : ''}`,
    where.params,
  );
}

/** A held row merged or created: answers false when someone resolved it first. */
export async function resolveHeld(
  db: Db,
  importId: string,
  line: number,
  resolution: HeldDuplicateResolution,
  customerId: string,
  by: string,
): Promise<boolean> {
  const n = await affected(
    db,
    `UPDATE customer_import_rows SET resolution = $3, customer_id = $4, resolved_by = $5, resolved_at = now()
      WHERE import_id = $1 AND line = $2 AND applied_outcome = 'HELD' AND resolution IS NULL`,
    [importId, line, resolution, customerId, by],
  );
  return n === 1;
}

/** The rows an erased or merged customer's id names (P10, P6). */
export async function repointImportRows(db: Db, fromId: string, toId: string): Promise<number> {
  return affected(db, `UPDATE customer_import_rows SET customer_id = $2 WHERE customer_id = $1`, [fromId, toId]);
}
