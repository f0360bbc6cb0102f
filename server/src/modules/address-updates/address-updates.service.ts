import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import type { CsvLanguage } from '../../csv';
import { readUpload, startedBy, type UploadBody, type UploadOptions, type UploadStore } from '../../csv-upload';
import { Where } from '../../db/sql';
import { appError, badInput, notFound } from '../../errors';
import { fileProblem } from '../prohibitions/opt-out-list-csv';
import type { CsvEncoding } from '../prohibitions/prohibition.model';
import { readAddressUpdateRows, type AddressUpdateFileRow } from './address-update-csv';
import { applyDryRun, gateRecord, outcomeReport } from './address-update-apply';
import { AddressUpdateOutcome, AddressUpdateReason, OUTCOMES, type AddressUpdateCounts, type AddressUpdateImportRecord } from './address-update.model';
import {
  candidatesOf,
  claimForReading,
  failAbandonedReads,
  failImport,
  finishDryRun,
  importById,
  insertImport,
  latestImports,
  markSameCustomerTwice,
  reportRows,
  stageRows,
  type CandidateRow,
  type ImportRow,
  type ReadProgress,
  type StagedRow,
} from './address-updates.repository';

export { APPLY_BATCH } from './address-update-apply';

/** A national update run is a few hundred thousand rows; a file is refused past these. */
export const MAX_ROWS = 2_000_000;
export const MAX_BYTES = 256 * 1024 * 1024;
/** Rows matched and staged per statement while reading. */
const READ_BATCH = 5000;
/** A file not read for this long was cut off. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** The fields an address update writes, as the permission table names them. */
const ADDRESS_FIELDS = ['street', 'postalCode', 'city'] as const;

const REFUSED = 'You may not import address updates.';
/** An update service's file: read into address_update_rows, the progress in address_update_imports. */
const UPDATE_FILE: UploadStore = { maxBytes: MAX_BYTES, claim: claimForReading, fail: failImport };

/**
 * P7: address updates from an update service (in Finland, Posti's address service, fed by DVV).
 *
 * A file comes as a stream. While it is read, each row is matched (by customer number, else by
 * normalised name and old address; never by name alone) and classified, and staged with its
 * outcome: the dry run, which changes nothing. Applying then goes through the staged rows in
 * batches, one transaction each, with progress in PostgreSQL; a customer changed since the dry run
 * is skipped as CONFLICT, never overwritten. Every change records its provenance
 * (ADDRESS_UPDATE_SERVICE, the file's name and date) and an audit event; the report stays.
 */
export class AddressUpdatesService {
  constructor(private readonly db: DataSource) {}

  /** Step one: the file's name and date; the file follows as an upload to `uploadPath`. */
  async start(actor: Actor, input: { fileName: string; fileDate: string }): Promise<AddressUpdateImportRecord> {
    requireRight(actor, 'create', 'AddressUpdate', REFUSED);
    this.requireAddressRights(actor);
    const fileName = input.fileName.trim();
    if (!fileName) throw badInput('fileName', 'Name the file.');
    if (fileName.length > 200) throw badInput('fileName', 'The file name is too long (at most 200 characters).');
    await failAbandonedReads(this.db, ABANDONED_AFTER_MS);
    return this.progress(actor, await insertImport(this.db, { fileName, fileDate: input.fileDate, createdBy: actor.user.id }));
  }

  /** How far an import has come (counts and line numbers only). */
  async progress(actor: Actor, importId: string): Promise<AddressUpdateImportRecord> {
    requireRight(actor, 'read', 'AddressUpdate', REFUSED);
    const row = await importById(this.db, importId);
    if (!row) throw notFound('Import');
    return recordOf(row);
  }

  async list(actor: Actor): Promise<AddressUpdateImportRecord[]> {
    requireRight(actor, 'read', 'AddressUpdate', REFUSED);
    return (await latestImports(this.db, 20)).map(recordOf);
  }

  /** A page of the outcome report, of one outcome or all, in file order. */
  async rows(actor: Actor, importId: string, options: { outcome?: AddressUpdateOutcome | null; afterLine?: number | null; first?: number | null }) {
    await this.progress(actor, importId);
    const first = Math.min(Math.max(options.first ?? 100, 1), 500);
    return reportRows(this.db, importId, options.outcome ?? null, options.afterLine ?? 0, first);
  }

  /** The whole outcome report as CSV (the spreadsheet dialect of the language). */
  async report(actor: Actor, importId: string, language: CsvLanguage): Promise<{ fileName: string; content: Buffer }> {
    return outcomeReport(this.db, await this.progress(actor, importId), language);
  }

  /**
   * Step two: the file, as the bytes of the request, read as they arrive: the dry run. Only the
   * user who started the import sends its file, once. A file that cannot be read is refused whole
   * (BAD_USER_INPUT with a reason) and nothing of it is kept.
   */
  async upload(actor: Actor, importId: string, body: UploadBody, options: UploadOptions = {}): Promise<AddressUpdateImportRecord> {
    requireRight(actor, 'create', 'AddressUpdate', REFUSED);
    startedBy(actor, await importById(this.db, importId));
    await readUpload(this.db, importId, { body, options }, UPDATE_FILE, (bytes, encoding, progress) => this.dryRun(actor, importId, bytes, encoding, progress));
    return this.progress(actor, importId);
  }

  private async dryRun(actor: Actor, importId: string, body: AsyncIterable<Uint8Array>, encoding: CsvEncoding, progress: ReadProgress): Promise<void> {
    let batch: AddressUpdateFileRow[] = [];
    // One batch is matched and written while the next is read (at most two in memory).
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      const rows = batch;
      const at = { ...progress };
      batch = [];
      writing = this.classify(actor, rows).then((staged) => stageRows(this.db, importId, staged, at));
      writing.catch(() => undefined); // awaited before the next batch and at the end
    };
    try {
      for await (const row of readAddressUpdateRows(body, encoding)) {
        progress.rowsRead++;
        if (progress.rowsRead > MAX_ROWS) throw fileProblem('TOO_MANY_ROWS', `At most ${MAX_ROWS} rows at a time.`, row.line);
        batch.push(row);
        if (batch.length >= READ_BATCH) await flush();
      }
      await flush();
      await writing;
    } catch (error) {
      await writing.catch(() => undefined);
      throw error;
    }
    if (progress.rowsRead === 0) throw appError('BAD_USER_INPUT', 'The file has a header and no rows.', { field: 'csv', reason: 'NO_ROWS' });
    await stageRows(this.db, importId, [], progress);
    await markSameCustomerTwice(this.db, importId);
    await finishDryRun(this.db, importId);
  }

  /** What each row of a batch would do: matched among the customers the actor may see. */
  private async classify(actor: Actor, rows: readonly AddressUpdateFileRow[]): Promise<StagedRow[]> {
    const readable = rows.filter((r) => !r.invalid);
    const byLine = new Map<number, CandidateRow[]>();
    if (readable.length > 0) {
      const where = new Where();
      const visible = visibleWhere(actor, 'Customer', where, 'c');
      for (const candidate of await candidatesOf(this.db, readable, where, visible)) {
        const list = byLine.get(candidate.line) ?? [];
        list.push(candidate);
        byLine.set(candidate.line, list);
      }
    }
    return rows.map((row) => ({ line: row.line, values: row.values, ...this.outcomeOf(actor, row, byLine.get(row.line) ?? []) }));
  }

  private outcomeOf(actor: Actor, row: AddressUpdateFileRow, candidates: readonly CandidateRow[]): Omit<StagedRow, 'line' | 'values'> {
    const none = { customerId: null, customerVersion: null };
    if (row.invalid) return { outcome: AddressUpdateOutcome.INVALID, reason: row.invalid.reason, detail: row.invalid.field, ...none };
    const byNumber = candidates.filter((c) => c.matched_by === 'NUMBER');
    const byName = candidates.filter((c) => c.matched_by === 'NAME');
    let found: CandidateRow;
    let reason: AddressUpdateReason;
    if (byNumber.length === 1) {
      found = byNumber[0];
      reason = AddressUpdateReason.MATCHED_BY_CUSTOMER_NUMBER;
    } else if (byName.length === 0) {
      const v = row.values;
      const nameAlone = v.customerNumber === null && (!v.oldStreet || !v.oldPostalCode);
      return {
        outcome: AddressUpdateOutcome.NOT_FOUND,
        reason: nameAlone ? AddressUpdateReason.NAME_ALONE : AddressUpdateReason.NO_MATCH,
        detail: v.customerNumber ? `customer number ${v.customerNumber}` : null,
        ...none,
      };
    } else if (byName.length > 1) {
      return {
        outcome: AddressUpdateOutcome.AMBIGUOUS,
        reason: AddressUpdateReason.SEVERAL_MATCHES,
        detail: `${byName.length} customers of this name at the ${byName.every((c) => !c.at_new) ? 'old address' : 'old or new address'}: ${byName.map((c) => c.customer_number).join(', ')}`,
        ...none,
      };
    } else {
      found = byName[0];
      reason = AddressUpdateReason.MATCHED_BY_NAME_AND_ADDRESS;
    }
    const customer = { customerId: found.id, customerVersion: found.version };
    const blocked = (why: AddressUpdateReason, detail: string | null = null) => ({ outcome: AddressUpdateOutcome.BLOCKED, reason: why, detail, ...customer });
    if (found.anonymised) return blocked(AddressUpdateReason.ANONYMISED);
    if (found.update_prohibited) return blocked(AddressUpdateReason.UPDATE_PROHIBITED);
    if (row.values.updateProhibition) return blocked(AddressUpdateReason.UPDATE_PROHIBITED_IN_FILE);
    if (found.restricted) return blocked(AddressUpdateReason.RESTRICTED);
    if (found.at_new) return { outcome: AddressUpdateOutcome.UNCHANGED, reason, detail: null, ...customer };
    // P6, as for any edit: a move onto another customer of the same name is a possible duplicate, and is not made unasked.
    const duplicates = byName.filter((c) => c.id !== found.id && c.at_new);
    if (duplicates.length > 0) return blocked(AddressUpdateReason.POSSIBLE_DUPLICATE, duplicates.map((c) => c.customer_number).join(', '));
    if (!allows(actor, 'update', 'Customer', gateRecord(found))) return blocked(AddressUpdateReason.NOT_PERMITTED);
    return { outcome: AddressUpdateOutcome.UPDATE, reason, detail: null, ...customer };
  }

  /**
   * Applies a dry run: batch by batch, one transaction each, progress in the import's row. A
   * customer changed since the dry run, or now restricted or forbidding updates, is skipped and
   * reported; nothing is overwritten unseen.
   */
  async apply(actor: Actor, importId: string): Promise<AddressUpdateImportRecord> {
    requireRight(actor, 'create', 'AddressUpdate', REFUSED);
    this.requireAddressRights(actor);
    const row = await importById(this.db, importId);
    if (!row) throw notFound('Import');
    await applyDryRun(this.db, actor, row);
    return this.progress(actor, importId);
  }

  /** An import writes street, postal code and city: the importer must be one who may change them. */
  private requireAddressRights(actor: Actor): void {
    if (!allows(actor, 'update', 'Customer')) throw appError('FORBIDDEN', 'You may not change customers’ addresses.');
    assertWritable(actor, 'update', 'Customer', null, ADDRESS_FIELDS);
  }
}

function recordOf(row: ImportRow): AddressUpdateImportRecord {
  const { createdBy: _createdBy, ...record } = row;
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, Number((row.counts as Partial<AddressUpdateCounts>)[o] ?? 0)])) as AddressUpdateCounts;
  return { ...record, counts };
}
