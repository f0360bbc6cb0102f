import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { actorOf } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import { execute } from '../../db/sql';
import { appError, badInput, conflict, isAppError, isUuid, notFound } from '../../errors';
import type { JobQueue } from '../../jobs/job-queue';
import type { Logger } from '../../logger';
import { activeUser } from '../campaigns/campaigns.repository';
import type { CustomersService } from '../customers/customers.service';
import { readUpload, startedBy, type UploadBody, type UploadOptions, type UploadStore } from '../../csv-upload';
import { fileProblem } from '../prohibitions/opt-out-list-csv';
import type { CsvEncoding } from '../prohibitions/prohibition.model';
import type { Provenance } from '../provenance/provenance.model';
import { detectMapping, readCustomerRows, type CustomerFileRow } from './customer-import-csv';
import { changesFor, classifyRows, prohibitedChanges, rowInput, SamePersonInFile } from './customer-import-rows';
import { updateProhibited } from '../address-updates/update-prohibitions.service';
import {
  CustomerImportOutcome as Outcome,
  CustomerImportReason as Reason,
  CustomerImportStatus,
  HeldDuplicateResolution,
  IMPORT_FIELDS,
  OUTCOMES,
  type CustomerImportCounts,
  type CustomerImportMapping,
  type CustomerImportRecord,
  type CustomerImportSource,
  type ImportField,
} from './customer-import.model';
import {
  claimForApplying,
  claimForReading,
  customerOfLine,
  failImport,
  finishApply,
  finishDryRun,
  heldRows,
  importById,
  insertImport,
  latestImports,
  markApplied,
  markSameCustomerTwice,
  reportRows,
  resolveHeld,
  rowsToApply,
  saveMapping,
  stageRows,
  type AppliedRow,
  type ApplyRow,
  type HeldRow,
  type ImportRow,
  type ReadProgress,
} from './customer-import.repository';

/** A store's or reseller's list is thousands of rows, not millions. */
export const MAX_ROWS = 200_000;
export const MAX_BYTES = 64 * 1024 * 1024;
const READ_BATCH = 500;
/** Rows applied per transaction. */
export const APPLY_BATCH = 200;
/** An apply not moved for this long was cut off (a process stopped): another may go on with it. */
const APPLY_STALE_AFTER_MS = 10 * 60 * 1000;
export const APPLY_QUEUE = 'customer-import-apply';

const REFUSED = 'You may not import customers.';
/** A customer list's file: read into customer_import_rows, the progress in customer_imports. */
const CUSTOMER_LIST_FILE: UploadStore = { maxBytes: MAX_BYTES, claim: claimForReading, fail: failImport };

export interface StartCustomerImport {
  fileName: string;
  sourceKind: CustomerImportSource;
  sourceName: string;
  mapping?: Partial<Record<ImportField, string | null>> | null;
}

/**
 * P7, P6: customer lists from a store or a reseller. The file comes as a stream; each row is mapped,
 * validated as the customer form validates, matched (customer number, else e-mail) and checked for
 * possible duplicates: the dry run, which changes nothing. Applying is a job: batch by batch, one
 * transaction each, progress in PostgreSQL; each new or changed value records its provenance (the
 * source's kind and name, and the file). Possible duplicates are held for a person to merge into the
 * customer or create as new. Prohibitions are never touched: an import writes contact fields only.
 */
export class CustomerImportsService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
  ) {}

  async start(actor: Actor, input: StartCustomerImport): Promise<CustomerImportRecord> {
    requireRight(actor, 'create', 'CustomerImport', REFUSED);
    const fileName = input.fileName.trim();
    const sourceName = input.sourceName.trim();
    if (!fileName) throw badInput('fileName', 'Name the file.');
    if (fileName.length > 200) throw badInput('fileName', 'The file name is too long (at most 200 characters).');
    if (!sourceName) throw badInput('sourceName', 'Name the store or reseller the list comes from.');
    if (sourceName.length > 200) throw badInput('sourceName', 'The source name is too long (at most 200 characters).');
    const mapping = Object.fromEntries(
      IMPORT_FIELDS.filter((f) => input.mapping?.[f] !== undefined).map((f) => [f, input.mapping?.[f]?.trim() || null]),
    ) as Partial<CustomerImportMapping>;
    const id = await insertImport(this.db, { fileName, sourceKind: input.sourceKind, sourceName, mapping, createdBy: actor.user.id });
    return this.progress(actor, id);
  }

  /** The fields a header's cells name by themselves, for the mapping form. */
  detectMapping(actor: Actor, headers: readonly string[]): CustomerImportMapping {
    requireRight(actor, 'create', 'CustomerImport', REFUSED);
    if (headers.length > 200) throw badInput('headers', 'At most 200 columns.');
    return detectMapping(headers);
  }

  async progress(actor: Actor, importId: string): Promise<CustomerImportRecord> {
    requireRight(actor, 'read', 'CustomerImport', REFUSED);
    const row = isUuid(importId) ? await importById(this.db, importId) : undefined;
    if (!row) throw notFound('Import');
    return recordOf(row);
  }

  async list(actor: Actor): Promise<CustomerImportRecord[]> {
    requireRight(actor, 'read', 'CustomerImport', REFUSED);
    return (await latestImports(this.db, 20)).map(recordOf);
  }

  async rows(actor: Actor, importId: string, options: { outcome?: Outcome | null; afterLine?: number | null; first?: number | null }) {
    await this.progress(actor, importId);
    const first = Math.min(Math.max(options.first ?? 100, 1), 500);
    return reportRows(this.db, importId, options.outcome ?? null, options.afterLine ?? 0, first);
  }

  /** The file, as the bytes of the request: the dry run. Only its starter sends it, once; a file that cannot be read is refused whole. */
  async upload(actor: Actor, importId: string, body: UploadBody, options: UploadOptions = {}): Promise<CustomerImportRecord> {
    requireRight(actor, 'create', 'CustomerImport', REFUSED);
    const row = startedBy(actor, await importById(this.db, importId));
    await readUpload(this.db, importId, { body, options }, CUSTOMER_LIST_FILE, (bytes, encoding, progress) =>
      this.dryRun(actor, row, bytes, encoding, progress),
    );
    return this.progress(actor, importId);
  }

  private async dryRun(actor: Actor, row: ImportRow, bytes: AsyncIterable<Uint8Array>, encoding: CsvEncoding, progress: ReadProgress): Promise<void> {
    let mapping: CustomerImportMapping | null = null;
    let batch: CustomerFileRow[] = [];
    const samePerson = new SamePersonInFile();
    const flush = async () => {
      const staged = await classifyRows(this.db, actor, batch, samePerson);
      batch = [];
      await stageRows(this.db, row.id, staged, progress);
    };
    for await (const fileRow of readCustomerRows(bytes, encoding, row.mapping, (m) => (mapping = m))) {
      if (++progress.rowsRead > MAX_ROWS) throw fileProblem('TOO_MANY_ROWS', `At most ${MAX_ROWS} rows at a time.`, fileRow.line);
      batch.push(fileRow);
      if (batch.length >= READ_BATCH) await flush();
    }
    await flush();
    if (progress.rowsRead === 0) throw appError('BAD_USER_INPUT', 'The file has a header and no rows.', { field: 'csv', reason: 'NO_ROWS' });
    if (mapping) await saveMapping(this.db, row.id, mapping);
    await markSameCustomerTwice(this.db, row.id);
    await finishDryRun(this.db, row.id);
  }

  /** Queues the apply of a finished dry run; a worker applies it batch by batch. Poll `customerImport(id)` for progress. */
  async apply(actor: Actor, importId: string): Promise<CustomerImportRecord> {
    requireRight(actor, 'create', 'CustomerImport', REFUSED);
    const row = isUuid(importId) ? await importById(this.db, importId) : undefined;
    if (!row || row.createdBy !== actor.user.id) throw notFound('Import');
    if (!(await claimForApplying(this.db, importId, APPLY_STALE_AFTER_MS))) {
      const applied = row.status === CustomerImportStatus.APPLIED || row.status === CustomerImportStatus.APPLYING;
      throw conflict(applied ? 'This file has been applied already.' : 'Run the file first: only a finished dry run is applied.', {
        reason: applied ? 'ALREADY_APPLIED' : 'NOT_READY',
      });
    }
    await this.queue.send(APPLY_QUEUE, { importId });
    return this.progress(actor, importId);
  }

  /** The job: the staged rows in batches, one transaction each, acting for the importer (whose rights are checked row by row). */
  async runApply(importId: string): Promise<void> {
    const row = await importById(this.db, importId);
    if (!row || row.status !== CustomerImportStatus.APPLYING) return;
    const user = await activeUser(this.db, row.createdBy);
    if (!user) {
      await failImport(this.db, importId, { code: 'FORBIDDEN', reason: 'INACTIVE', message: 'The importer is no longer active.', field: null, line: null });
      return;
    }
    const actor = actorOf(user, `job:${APPLY_QUEUE}`);
    const source: Provenance = { source: row.sourceKind as unknown as Provenance['source'], detail: `${row.sourceName} (${row.fileName})` };
    for (let after = 0; ; ) {
      const last = await this.db.transaction(async (tx) => {
        const batch = await rowsToApply(tx, importId, after, APPLY_BATCH);
        if (batch.length === 0) return null;
        const applied: AppliedRow[] = [];
        // An earlier row of this batch is not marked yet: the customers it made are looked up here first.
        const made = new Map<number, string>();
        for (const r of batch) {
          const result = await this.applyRow(tx, actor, importId, r, source, made);
          if (result.outcome === Outcome.NEW && result.customerId) made.set(r.line, result.customerId);
          applied.push(result);
        }
        await markApplied(tx, importId, applied);
        return batch[batch.length - 1].line;
      });
      if (last === null) break;
      after = last;
    }
    await finishApply(this.db, importId);
    this.logger.info({ importId }, 'customer import applied');
  }

  /** One row, inside the batch's transaction, behind a savepoint: a row that fails changes nothing, the batch goes on. */
  private async applyRow(
    tx: EntityManager,
    actor: Actor,
    importId: string,
    r: ApplyRow,
    source: Provenance,
    madeInBatch: ReadonlyMap<number, string>,
  ): Promise<AppliedRow> {
    const done = (outcome: string, reason: string | null, customerId: string | null = null, detail: string | null = null): AppliedRow => ({
      line: r.line,
      outcome,
      reason,
      customerId,
      detail,
    });
    if (r.outcome === Outcome.REFUSED || r.outcome === Outcome.UNCHANGED) return done(r.outcome, r.reason);
    if (r.outcome === Outcome.POSSIBLE_DUPLICATE) {
      // Held for a person; an earlier row of the file is a candidate by the customer it made.
      const line = r.duplicate_of_line;
      const made = line ? (madeInBatch.get(line) ?? (await customerOfLine(tx, importId, line))) : null;
      return { ...done('HELD', r.reason), duplicateIds: made ? [made] : null };
    }
    const input = await rowInput(tx, r.values);
    if (!input.ok) return done(Outcome.REFUSED, input.reason, null, input.detail);
    await execute(tx, 'SAVEPOINT import_row');
    try {
      let result: AppliedRow;
      if (r.outcome === Outcome.NEW) {
        const created = await this.customers.create(actor, input.input, { source, confirmDuplicates: true, manager: tx });
        result = done(Outcome.NEW, null, created.id);
      } else {
        const current = await this.customers.get(actor, r.customer_id as string, tx);
        const changes = changesFor(current, input);
        // P7: an update prohibition recorded since the dry run still holds (the dry run's own refusal is above).
        const blocked = prohibitedChanges(await updateProhibited(tx, [current.id]), current.id, Object.keys(changes));
        if (current.version !== r.customer_version) result = done(Outcome.CONFLICT, Reason.CHANGED_SINCE_DRY_RUN, current.id);
        else if (blocked.length > 0) result = done(Outcome.REFUSED, Reason.UPDATE_PROHIBITED, current.id, blocked.join(', '));
        else if (Object.keys(changes).length === 0) result = done(Outcome.UNCHANGED, r.reason, current.id);
        else {
          await this.customers.update(actor, current.id, current.version, changes, { source, confirmDuplicates: true, manager: tx });
          result = done(Outcome.UPDATE, r.reason, current.id, Object.keys(changes).join(', '));
        }
      }
      await execute(tx, 'RELEASE SAVEPOINT import_row');
      return result;
    } catch (error) {
      await execute(tx, 'ROLLBACK TO SAVEPOINT import_row');
      if (!isAppError(error)) throw error;
      const reason: Record<string, Reason> = { CONFLICT: Reason.CHANGED_SINCE_DRY_RUN, RESTRICTED: Reason.RESTRICTED, FORBIDDEN: Reason.NOT_PERMITTED };
      if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') return done(Outcome.CONFLICT, Reason.CHANGED_SINCE_DRY_RUN, r.customer_id);
      if (error.extensions.reason === 'UPDATE_PROHIBITED') return done(Outcome.REFUSED, Reason.UPDATE_PROHIBITED, r.customer_id, error.message);
      return done(Outcome.REFUSED, reason[error.code] ?? Reason.INVALID_VALUE, null, error.message);
    }
  }

  /** The possible duplicates held for a person, oldest import first. */
  async held(actor: Actor, first?: number | null): Promise<HeldRow[]> {
    requireRight(actor, 'create', 'CustomerImport', REFUSED);
    return heldRows(this.db, Math.min(Math.max(first ?? 50, 1), 200));
  }

  /**
   * A held row made a customer of its own (CREATED), or merged into a customer it may be (MERGED: the
   * customer takes the file's values of `fields`, by default those it has none of). Either records the
   * file as the values' source; a row is resolved once.
   */
  async resolveHeld(
    actor: Actor,
    importId: string,
    line: number,
    choice: { resolution: HeldDuplicateResolution; customerId?: string | null; version?: number | null; fields?: readonly string[] | null },
  ): Promise<HeldRow> {
    requireRight(actor, 'create', 'CustomerImport', REFUSED);
    if (!isUuid(importId)) throw notFound('Held row');
    return this.db.transaction(async (tx) => {
      const [held] = await heldRows(tx, 1, { importId, line, lock: true });
      if (!held) throw conflict('This row has been merged or created already, or is not held.', { reason: 'NOT_HELD' });
      const row = await importById(tx, importId);
      if (!row) throw notFound('Import');
      const source: Provenance = { source: row.sourceKind as unknown as Provenance['source'], detail: `${row.sourceName} (${row.fileName})` };
      const input = await rowInput(tx, held.values);
      if (!input.ok) throw badInput(input.field ?? 'values', input.detail ?? 'The row cannot be taken.');
      let customerId: string;
      if (choice.resolution === HeldDuplicateResolution.CREATED) {
        customerId = (await this.customers.create(actor, input.input, { source, confirmDuplicates: true, manager: tx })).id;
      } else {
        if (!isUuid(choice.customerId)) throw badInput('customerId', 'Choose the customer to merge the row into.');
        if (choice.version === null || choice.version === undefined) throw badInput('version', 'Give the version of the customer you compared.');
        const current = await this.customers.get(actor, choice.customerId, tx);
        const all = changesFor(current, input) as Record<string, unknown>;
        const wanted = choice.fields ?? Object.keys(all).filter((f) => (current as unknown as Record<string, unknown>)[f] === null);
        const unknown = wanted.find((f) => !(f in all) && !Object.keys(input.input).includes(f));
        if (unknown) throw badInput('fields', `The row has no new value for ${unknown}.`);
        const changes = Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]]));
        if (Object.keys(changes).length > 0) {
          await this.customers.update(actor, current.id, choice.version, changes, { source, confirmDuplicates: true, manager: tx });
        } else if (current.version !== choice.version) {
          throw conflict('Someone else changed this customer after you opened it. Reload to see their changes.', { currentVersion: current.version });
        }
        customerId = current.id;
      }
      if (!(await resolveHeld(tx, importId, line, choice.resolution, customerId, actor.user.id))) {
        throw conflict('This row has been merged or created already.', { reason: 'NOT_HELD' });
      }
      return { ...held, resolution: choice.resolution, customerId };
    });
  }
}

function recordOf(row: ImportRow): CustomerImportRecord {
  const { createdBy: _createdBy, ...record } = row;
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, Number((row.counts as Partial<CustomerImportCounts>)[o] ?? 0)])) as CustomerImportCounts;
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, row.mapping?.[f] ?? null])) as CustomerImportMapping;
  return { ...record, counts, mapping };
}
