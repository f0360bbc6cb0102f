import { affected, execute, maybeOne, one, type Db } from '../../db/sql';
import type { CsvEncoding, ImportProblem, OptOutEntry, OptOutListDetails, OptOutListImportRecord, SkippedLine } from './prohibition.model';

/** The SQL of opt-out list imports: their progress rows and their staged entries (P15). */

const IMPORT_COLUMNS = `i.id, i.name, i.channel, to_char(i.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(i.valid_until, 'YYYY-MM-DD') AS "validUntil",
  i.status, i.encoding, i.total_bytes::float8 AS "totalBytes", i.processed_bytes::float8 AS "processedBytes", i.rows_read AS "rowsRead",
  i.rows_accepted AS "rowCount", i.skipped_count AS "skippedCount", i.skipped, i.error, i.list_id AS "listId",
  i.created_at AS "createdAt", i.finished_at AS "finishedAt"`;

export interface ImportRow extends Omit<OptOutListImportRecord, 'list'> {
  createdBy: string;
}

export function optOutListImport(db: Db, id: string): Promise<ImportRow | undefined> {
  return maybeOne<ImportRow>(db, `SELECT ${IMPORT_COLUMNS}, i.created_by AS "createdBy" FROM opt_out_list_imports i WHERE i.id = $1`, [id]);
}

export async function insertImport(db: Db, list: OptOutListDetails, createdBy: string): Promise<string> {
  const { id } = await one<{ id: string }>(
    db,
    `INSERT INTO opt_out_list_imports (name, channel, valid_from, valid_until, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [list.name, list.channel ?? null, list.validFrom, list.validUntil ?? null, createdBy],
  );
  return id;
}

/** PENDING to RUNNING, once: false when the import has been started already (or is not there). */
export async function claimImport(db: Db, id: string, encoding: CsvEncoding, totalBytes: number | null): Promise<boolean> {
  const n = await affected(
    db,
    `UPDATE opt_out_list_imports SET status = 'RUNNING', encoding = $2, total_bytes = $3, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
    [id, encoding, totalBytes],
  );
  return n === 1;
}

export interface ImportProgress {
  processedBytes: number;
  rowsRead: number;
  rowsAccepted: number;
  skippedCount: number;
  skipped: readonly SkippedLine[];
}

/** A batch of entries into staging, and how far the import has come, in one statement. */
export async function stageEntries(db: Db, importId: string, entries: readonly OptOutEntry[], progress: ImportProgress): Promise<void> {
  await execute(
    db,
    `WITH staged AS (
       INSERT INTO opt_out_import_entries (import_id, phone, name_key, street_key, postal_code)
       SELECT $1, phone, rk_name_key(name), rk_street_key(street), postal_code
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS e(phone, name, street, postal_code))
     UPDATE opt_out_list_imports
        SET processed_bytes = $6, rows_read = $7, rows_accepted = $8, skipped_count = $9, skipped = $10, updated_at = now()
      WHERE id = $1`,
    [
      importId,
      entries.map((e) => e.phone),
      entries.map((e) => e.name),
      entries.map((e) => e.street),
      entries.map((e) => e.postalCode),
      progress.processedBytes,
      progress.rowsRead,
      progress.rowsAccepted,
      progress.skippedCount,
      JSON.stringify(progress.skipped),
    ],
  );
}

/** Moves the staged entries onto the list, emptying staging, in one pass. */
export async function moveStagedEntries(tx: Db, importId: string, listId: string): Promise<number> {
  return affected(
    tx,
    `WITH moved AS (DELETE FROM opt_out_import_entries WHERE import_id = $1 RETURNING phone, name_key, street_key, postal_code)
     INSERT INTO opt_out_entries (list_id, phone, name_key, street_key, postal_code)
     SELECT $2, phone, name_key, street_key, postal_code FROM moved`,
    [importId, listId],
  );
}

/** The import's row, locked for the swap; false when it is no longer running (failed as abandoned). */
export async function lockRunningImport(tx: Db, id: string): Promise<boolean> {
  const row = await maybeOne<{ status: string }>(tx, `SELECT status FROM opt_out_list_imports WHERE id = $1 FOR UPDATE`, [id]);
  return row?.status === 'RUNNING';
}

export async function finishImport(tx: Db, importId: string, listId: string): Promise<void> {
  await execute(tx, `UPDATE opt_out_list_imports SET status = 'SUCCEEDED', list_id = $2, updated_at = now(), finished_at = now() WHERE id = $1`, [
    importId,
    listId,
  ]);
}

/** The import failed: says why, and drops what it had staged. */
export async function failImport(db: Db, importId: string, problem: ImportProblem, progress?: ImportProgress): Promise<void> {
  await execute(db, `DELETE FROM opt_out_import_entries WHERE import_id = $1`, [importId]);
  await execute(
    db,
    `UPDATE opt_out_list_imports
        SET status = 'FAILED', error = $2, updated_at = now(), finished_at = now(),
            processed_bytes = coalesce($3, processed_bytes), rows_read = coalesce($4, rows_read),
            skipped_count = coalesce($5, skipped_count), skipped = coalesce($6, skipped)
      WHERE id = $1`,
    [
      importId,
      JSON.stringify(problem),
      progress?.processedBytes ?? null,
      progress?.rowsRead ?? null,
      progress?.skippedCount ?? null,
      progress ? JSON.stringify(progress.skipped) : null,
    ],
  );
}

/**
 * Imports nobody has moved for `staleAfterMs` were cut off (a process stopped, a client went away):
 * they are failed and their staged entries, which are personal data, dropped.
 */
export async function failAbandonedImports(db: Db, staleAfterMs: number): Promise<void> {
  const problem: ImportProblem = { code: 'ABANDONED', reason: 'ABANDONED', message: 'The import stopped before the file was read.', field: null, line: null };
  await execute(
    db,
    `WITH abandoned AS (
       UPDATE opt_out_list_imports SET status = 'FAILED', error = $2, updated_at = now(), finished_at = now()
        WHERE status IN ('PENDING', 'RUNNING') AND updated_at < now() - make_interval(secs => $1)
        RETURNING id)
     DELETE FROM opt_out_import_entries WHERE import_id IN (SELECT id FROM abandoned)`,
    [staleAfterMs / 1000, JSON.stringify(problem)],
  );
}

/** Two imports of one name swap in one after the other (the name is unique among lists). */
export async function lockListName(tx: Db, name: string): Promise<void> {
  await execute(tx, `SELECT pg_advisory_xact_lock(hashtextextended('opt_out_lists:' || $1, 0))`, [name]);
}
