import type { DataSource } from 'typeorm';
import type { AuditEventRecord } from '../../audit/audit.repository';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import { peopleCsv, type CsvLanguage } from '../../csv';
import { Where } from '../../db/sql';
import { appError, badInput, conflict, notFound } from '../../errors';
import { fileProblem } from '../prohibitions/opt-out-list-csv';
import { encodingOf, problemOf } from '../prohibitions/opt-out-lists.service';
import type { CsvEncoding } from '../prohibitions/prohibition.model';
import { DataSource as Source } from '../provenance/provenance.model';
import { readAddressUpdateRows, type AddressUpdateFileRow } from './address-update-csv';
import {
  AddressUpdateImportStatus,
  AddressUpdateOutcome,
  AddressUpdateReason,
  OUTCOMES,
  UpdateProhibitionSource,
  type AddressUpdateCounts,
  type AddressUpdateImportRecord,
  type AddressUpdateRowRecord,
} from './address-update.model';
import {
  appendProvenanceRows,
  candidatesOf,
  claimForApplying,
  claimForReading,
  failAbandonedReads,
  failImport,
  finishApply,
  finishDryRun,
  importById,
  insertImport,
  latestImports,
  lockCustomers,
  markApplied,
  markSameCustomerTwice,
  reportRows,
  rowsToApply,
  stageRows,
  writeAddresses,
  writeUpdateProhibition,
  type ApplyRow,
  type CandidateRow,
  type ImportRow,
  type ReadProgress,
  type StagedRow,
} from './address-updates.repository';

/** A national update run is a few hundred thousand rows; a file is refused past these. */
export const MAX_ROWS = 2_000_000;
export const MAX_BYTES = 256 * 1024 * 1024;
/** Rows matched and staged per statement while reading. */
const READ_BATCH = 5000;
/** Rows applied per transaction (each also writes provenance and audit rows). */
export const APPLY_BATCH = 2000;
/** A file not read for this long was cut off. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** An apply not moved for this long was cut off (a process stopped): another may go on with it. */
const APPLY_STALE_AFTER_MS = 10 * 60 * 1000;
/** The fields an address update writes, as the permission table names them. */
const ADDRESS_FIELDS = ['street', 'postalCode', 'city'] as const;

const REFUSED = 'You may not import address updates.';

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

  /** The whole outcome report as CSV (the spreadsheet dialect of the language), read in pages. */
  async report(actor: Actor, importId: string, language: CsvLanguage): Promise<{ fileName: string; content: Buffer }> {
    const record = await this.progress(actor, importId);
    if (record.status === AddressUpdateImportStatus.PENDING || record.status === AddressUpdateImportStatus.READING) {
      throw conflict('The file has not been read yet.', { reason: 'NOT_READ' });
    }
    const rows: AddressUpdateRowRecord[] = [];
    for (let after = 0; ; ) {
      const page = await reportRows(this.db, importId, null, after, 10_000);
      rows.push(...page);
      if (page.length < 10_000) break;
      after = page[page.length - 1].line;
    }
    const header = REPORT_HEADER[language];
    const content = peopleCsv(
      language,
      header,
      rows.map((r) => [
        String(r.line),
        r.outcome,
        r.reason,
        r.detail,
        r.customerNumber,
        r.firstName,
        r.lastName,
        r.oldStreet,
        r.oldPostalCode,
        r.oldCity,
        r.newStreet,
        r.newPostalCode,
        r.newCity,
        r.movedOn,
        r.updateProhibition ? '1' : '0',
      ]),
    );
    const base = record.fileName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'address-updates';
    return { fileName: `${base}-${language === 'fi' ? 'raportti' : 'report'}.csv`, content };
  }

  /**
   * Step two: the file, as the bytes of the request, read as they arrive: the dry run. Only the
   * user who started the import sends its file, once. A file that cannot be read is refused whole
   * (BAD_USER_INPUT with a reason) and nothing of it is kept.
   */
  async upload(
    actor: Actor,
    importId: string,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: { encoding?: string | null; totalBytes?: number | null } = {},
  ): Promise<AddressUpdateImportRecord> {
    requireRight(actor, 'create', 'AddressUpdate', REFUSED);
    const row = await importById(this.db, importId);
    if (!row || row.createdBy !== actor.user.id) throw notFound('Import');
    const encoding = encodingOf(options.encoding);
    const totalBytes = options.totalBytes ?? null;
    if (!(await claimForReading(this.db, importId, encoding, totalBytes))) {
      throw conflict('The file of this import has been sent already. Start a new import.', { reason: 'ALREADY_STARTED' });
    }
    const progress: ReadProgress = { processedBytes: 0, rowsRead: 0 };
    try {
      if (totalBytes !== null && totalBytes > MAX_BYTES) throw tooLarge();
      await this.dryRun(actor, importId, countBytes(body, progress), encoding, progress);
    } catch (error) {
      await failImport(this.db, importId, problemOf(error), progress);
      throw error;
    }
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
    if (!(await claimForApplying(this.db, importId, APPLY_STALE_AFTER_MS))) {
      const why = row.status === AddressUpdateImportStatus.APPLIED || row.status === AddressUpdateImportStatus.APPLYING ? 'ALREADY_APPLIED' : 'NOT_READY';
      throw conflict(why === 'ALREADY_APPLIED' ? 'This file has been applied already.' : 'Run the file first: only a finished dry run is applied.', {
        reason: why,
      });
    }
    const source = `${row.fileName} (${row.fileDate})`;
    for (let after = 0; ; ) {
      const last = await this.db.transaction(async (tx) => {
        const batch = await rowsToApply(tx, importId, after, APPLY_BATCH);
        if (batch.length === 0) return null;
        await this.applyBatch(tx, actor, importId, batch, source);
        return batch[batch.length - 1].line;
      });
      if (last === null) break;
      after = last;
    }
    await finishApply(this.db, importId);
    return this.progress(actor, importId);
  }

  private async applyBatch(tx: DataSource['manager'], actor: Actor, importId: string, batch: readonly ApplyRow[], source: string): Promise<void> {
    const locked = new Map((await lockCustomers(tx, [...new Set(batch.map((r) => r.customer_id))])).map((c) => [c.id, c]));
    const outcomes = new Map<number, { outcome: AddressUpdateOutcome; reason: AddressUpdateReason | null }>();
    const updates: Array<{ line: number; id: string; version: number; street: string | null; postalCode: string | null; city: string | null }> = [];
    const prohibit: string[] = [];
    for (const r of batch) {
      const c = locked.get(r.customer_id);
      const set = (outcome: AddressUpdateOutcome, reason: AddressUpdateReason | null) => outcomes.set(r.line, { outcome, reason });
      if (!c) set(AddressUpdateOutcome.CONFLICT, AddressUpdateReason.CHANGED_SINCE_DRY_RUN);
      else if (r.reason === AddressUpdateReason.UPDATE_PROHIBITED_IN_FILE) {
        if (c.anonymised) set(AddressUpdateOutcome.BLOCKED, AddressUpdateReason.ANONYMISED);
        else {
          if (!c.update_prohibited && !prohibit.includes(c.id)) prohibit.push(c.id);
          set(AddressUpdateOutcome.BLOCKED, AddressUpdateReason.UPDATE_PROHIBITED_IN_FILE);
        }
      } else if (c.update_prohibited || prohibit.includes(c.id)) set(AddressUpdateOutcome.BLOCKED, AddressUpdateReason.UPDATE_PROHIBITED);
      else if (c.restricted) set(AddressUpdateOutcome.BLOCKED, AddressUpdateReason.RESTRICTED);
      else if (c.anonymised) set(AddressUpdateOutcome.BLOCKED, AddressUpdateReason.ANONYMISED);
      else if (c.version !== r.customer_version) set(AddressUpdateOutcome.CONFLICT, AddressUpdateReason.CHANGED_SINCE_DRY_RUN);
      else if (!allows(actor, 'update', 'Customer', gateRecord(c))) set(AddressUpdateOutcome.BLOCKED, AddressUpdateReason.NOT_PERMITTED);
      else updates.push({ line: r.line, id: c.id, version: c.version, street: r.new_street, postalCode: r.new_postal_code, city: r.new_city });
    }
    const written = new Set(await writeAddresses(tx, updates));
    const provenance: Array<{ customerId: string; field: string }> = [];
    const events: AuditEventRecord[] = [];
    for (const u of updates) {
      if (!written.has(u.id)) {
        outcomes.set(u.line, { outcome: AddressUpdateOutcome.CONFLICT, reason: AddressUpdateReason.CHANGED_SINCE_DRY_RUN });
        continue;
      }
      outcomes.set(u.line, { outcome: AddressUpdateOutcome.UPDATE, reason: null });
      const before = locked.get(u.id);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const pairs = { street: [before?.street, u.street], postalCode: [before?.postal_code, u.postalCode], city: [before?.city, u.city] };
      for (const [field, [was, now]] of Object.entries(pairs)) {
        if ((was ?? null) !== (now ?? null)) changes[field] = { before: was ?? null, after: now ?? null };
      }
      for (const field of Object.keys(changes)) provenance.push({ customerId: u.id, field });
      events.push({
        action: 'CUSTOMER_UPDATED',
        actorId: actor.user.id,
        actorUsername: actor.user.username,
        customerId: u.id,
        fields: Object.keys(changes),
        changes,
        detail: { source: Source.ADDRESS_UPDATE_SERVICE, sourceDetail: source, importId, line: u.line },
      });
    }
    // P7: the new values' source is the update service, with the file's name and date.
    await appendProvenanceRows(tx, provenance, Source.ADDRESS_UPDATE_SERVICE, source, actor.user.id);
    await writeUpdateProhibition(tx, prohibit, {
      action: 'SET',
      source: UpdateProhibitionSource.ADDRESS_UPDATE_SERVICE,
      via: null,
      detail: source,
      note: null,
      recordedBy: actor.user.id,
    });
    for (const customerId of prohibit) {
      events.push({
        action: 'UPDATE_PROHIBITION_SET',
        actorId: actor.user.id,
        actorUsername: actor.user.username,
        customerId,
        detail: { source: UpdateProhibitionSource.ADDRESS_UPDATE_SERVICE, sourceDetail: source, importId },
      });
    }
    await recordAuditEvents(tx, events);
    await markApplied(
      tx,
      importId,
      batch.map((r) => ({ line: r.line, ...(outcomes.get(r.line) ?? { outcome: AddressUpdateOutcome.CONFLICT, reason: null }) })),
    );
  }

  /** An import writes street, postal code and city: the importer must be one who may change them. */
  private requireAddressRights(actor: Actor): void {
    if (!allows(actor, 'update', 'Customer')) throw appError('FORBIDDEN', 'You may not change customers’ addresses.');
    assertWritable(actor, 'update', 'Customer', null, ADDRESS_FIELDS);
  }
}

/** The permission table's columns of a customer row. */
const gateRecord = (c: { id: string; partner_id: string | null; restricted: boolean; anonymised: boolean }) => ({
  id: c.id,
  partnerId: c.partner_id,
  restricted: c.restricted,
  anonymised: c.anonymised,
});

function recordOf(row: ImportRow): AddressUpdateImportRecord {
  const { createdBy: _createdBy, ...record } = row;
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, Number((row.counts as Partial<AddressUpdateCounts>)[o] ?? 0)])) as AddressUpdateCounts;
  return { ...record, counts };
}

/** The bytes as they come, counted into the progress; more than MAX_BYTES stops the import. */
async function* countBytes(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, progress: ReadProgress): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    progress.processedBytes += chunk.byteLength;
    if (progress.processedBytes > MAX_BYTES) throw tooLarge();
    yield chunk;
  }
}

const tooLarge = () => appError('BAD_USER_INPUT', `The file is larger than ${MAX_BYTES / 1024 / 1024} MB.`, { field: 'csv', reason: 'TOO_LARGE' });

/** The report's columns, in the language of the download. */
const REPORT_HEADER: Record<CsvLanguage, readonly string[]> = {
  fi: [
    'rivi',
    'tulos',
    'syy',
    'lisätieto',
    'asiakasnumero',
    'etunimi',
    'sukunimi',
    'vanha_katuosoite',
    'vanha_postinumero',
    'vanha_postitoimipaikka',
    'uusi_katuosoite',
    'uusi_postinumero',
    'uusi_postitoimipaikka',
    'muuttopäivä',
    'päivityskielto',
  ],
  en: [
    'line',
    'outcome',
    'reason',
    'detail',
    'customer_number',
    'first_name',
    'last_name',
    'old_street',
    'old_postal_code',
    'old_city',
    'new_street',
    'new_postal_code',
    'new_city',
    'moved_on',
    'update_prohibition',
  ],
};
