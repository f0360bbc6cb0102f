import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import { Where } from '../../db/sql';
import { claimUpload, countedBytes, fileTooLarge, problemOf, startedBy, type UploadOptions } from '../../csv-upload';
import { appError, badInput, conflict, notFound } from '../../errors';
import { fileProblem, readOptOutRows } from './opt-out-list-csv';
import {
  claimImport,
  failAbandonedImports,
  failImport,
  finishImport,
  insertImport,
  lockListName,
  lockRunningImport,
  moveStagedEntries,
  optOutListImport,
  stageEntries,
  type ImportProgress,
  type ImportRow,
} from './opt-out-list-imports.repository';
import { deleteOptOutList, insertOptOutList, listNamed, listOptOutLists, lockListNamed } from './opt-out-lists.repository';
import type { CsvEncoding, OptOutEntry, OptOutListDetails, OptOutListImport, OptOutListImportRecord, OptOutListRecord, SkippedLine } from './prohibition.model';

/** A register's full list is about two million rows (some 100 MB). */
export const MAX_ROWS = 2_000_000;
export const MAX_BYTES = 256 * 1024 * 1024;
/** Skipped lines reported one by one; past this, only counted (the answer stays small). */
export const MAX_SKIPPED_REPORTED = 1000;
/** Rows per INSERT into staging, and how often progress is written. */
const BATCH_ROWS = 5000;
/** An import that has not moved for this long was cut off. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** The fields of the list an import sets. */
const importFields = (input: OptOutListDetails) =>
  (['name', 'channel', 'validFrom', 'validUntil'] as const).filter((f) => input[f] !== undefined && input[f] !== null);

/**
 * External opt-out registers (P15), such as the Finnish direct-marketing opt-out lists for
 * telemarketing and addressed mail. A person on a list is matched by normalised phone, or by
 * normalised name + street + postal code; target lists exclude them as EXTERNAL_OPT_OUT.
 *
 * A file comes in as a stream: its rows go to staging in batches while progress is written to the
 * import's row, and the list in force is replaced in one transaction only when the whole file has
 * been read. A failed import leaves the previous entries in force.
 */
export class OptOutListsService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor): Promise<OptOutListRecord[]> {
    requireRight(actor, 'read', 'OptOutList', 'You may not read opt-out lists.');
    const visible = new Where();
    visible.and(visibleWhere(actor, 'OptOutList', visible, 'l'));
    return listOptOutLists(this.db, visible);
  }

  /** Step one of a file import: the list's details, checked; the file follows as an upload. */
  async start(actor: Actor, input: OptOutListDetails): Promise<OptOutListImportRecord> {
    const details = this.checked(actor, input);
    await failAbandonedImports(this.db, ABANDONED_AFTER_MS);
    await this.refuseOlder(details);
    return this.progress(actor, await insertImport(this.db, details, actor.user.id));
  }

  /** How far an import has come; any importer may look (it holds counts and line numbers, no personal data). */
  async progress(actor: Actor, importId: string): Promise<OptOutListImportRecord> {
    requireRight(actor, 'create', 'OptOutList', 'You may not import opt-out lists.');
    const row = await optOutListImport(this.db, importId);
    if (!row) throw notFound('Import');
    const { createdBy: _createdBy, ...record } = row;
    return { ...record, list: await this.listOf(actor, row.listId) };
  }

  /** The list an import brought in, for a user who may read lists. */
  private async listOf(actor: Actor, listId: string | null): Promise<OptOutListRecord | null> {
    if (!listId || !allows(actor, 'read', 'OptOutList')) return null;
    const visible = new Where();
    visible.and(visibleWhere(actor, 'OptOutList', visible, 'l'));
    visible.and(`l.id = ${visible.bind(listId)}`);
    return (await listOptOutLists(this.db, visible))[0] ?? null;
  }

  /**
   * Step two: the file, as the bytes of the request, read as they arrive. Only the user who started
   * the import sends its file, once.
   */
  async upload(actor: Actor, importId: string, body: AsyncIterable<Uint8Array>, options: UploadOptions = {}): Promise<OptOutListImportRecord> {
    requireRight(actor, 'create', 'OptOutList', 'You may not import opt-out lists.');
    const row = startedBy(actor, await optOutListImport(this.db, importId));
    assertWritable(actor, 'create', 'OptOutList', null, importFields(row));
    const { encoding, totalBytes } = await claimUpload(options, (encoding, totalBytes) => claimImport(this.db, importId, encoding, totalBytes));
    if (totalBytes !== null && totalBytes > MAX_BYTES) {
      const error = fileTooLarge(MAX_BYTES);
      await failImport(this.db, importId, problemOf(error));
      throw error;
    }
    return this.run(actor, row, body, encoding);
  }

  /** A small list sent whole as text (GraphQL): the same reading and the same swap as a file. */
  async import(actor: Actor, input: OptOutListImport): Promise<OptOutListImportRecord> {
    const details = this.checked(actor, input);
    await this.refuseOlder(details);
    const bytes = Buffer.from(input.csv, 'utf8');
    const id = await insertImport(this.db, details, actor.user.id);
    await claimImport(this.db, id, 'utf-8', bytes.length);
    const row = await optOutListImport(this.db, id);
    if (!row) throw notFound('Import');
    return this.run(actor, row, [bytes], 'utf-8');
  }

  private checked(actor: Actor, input: OptOutListDetails): OptOutListDetails {
    assertWritable(actor, 'create', 'OptOutList', null, importFields(input));
    const name = input.name.trim();
    if (!name) throw badInput('name', 'Name the list.');
    if (input.validUntil && input.validUntil < input.validFrom) throw badInput('validUntil', 'The list cannot end before it begins.');
    return { name, channel: input.channel ?? null, validFrom: input.validFrom, validUntil: input.validUntil ?? null };
  }

  /** Said before the file is read, and again when it is swapped in. */
  private async refuseOlder(details: OptOutListDetails): Promise<void> {
    const inForce = await listNamed(this.db, details.name);
    if (inForce && inForce.validFrom > details.validFrom) throw olderThan(inForce.validFrom);
  }

  private async run(
    actor: Actor,
    row: ImportRow,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    encoding: CsvEncoding,
  ): Promise<OptOutListImportRecord> {
    const progress: ImportProgress & { skipped: SkippedLine[] } = { processedBytes: 0, rowsRead: 0, rowsAccepted: 0, skippedCount: 0, skipped: [] };
    let batch: OptOutEntry[] = [];
    let unwritten = 0;
    // One batch is written while the next is read (at most two in memory).
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      writing = stageEntries(this.db, row.id, batch, progress);
      writing.catch(() => undefined); // awaited before the next batch and at the end; never left unheard
      batch = [];
      unwritten = 0;
    };
    try {
      for await (const read of readOptOutRows(countedBytes(body, progress, MAX_BYTES), encoding)) {
        progress.rowsRead++;
        unwritten++;
        if (progress.rowsRead > MAX_ROWS) throw fileProblem('TOO_MANY_ROWS', `At most ${MAX_ROWS} rows at a time.`, read.line);
        if ('entry' in read) {
          batch.push(read.entry);
          progress.rowsAccepted++;
        } else {
          progress.skippedCount++;
          if (progress.skipped.length < MAX_SKIPPED_REPORTED) progress.skipped.push({ line: read.line, reason: read.skip, field: read.field });
        }
        if (unwritten >= BATCH_ROWS) await flush();
      }
      await flush();
      await writing;
      if (progress.rowsAccepted === 0) {
        throw fileProblem('NO_VALID_ROWS', 'No row has a valid phone or a full name and address.');
      }
      await this.swapIn(actor, row, progress);
    } catch (error) {
      await writing.catch(() => undefined);
      await failImport(this.db, row.id, problemOf(error), progress);
      throw error;
    }
    return this.progress(actor, row.id);
  }

  /** One transaction: the older list and its entries go, the new one comes in whole. */
  private async swapIn(actor: Actor, row: ImportRow, progress: ImportProgress): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockListName(tx, row.name);
      if (!(await lockRunningImport(tx, row.id))) throw conflict('The import was cut off before the file was read.', { reason: 'ABANDONED' });
      const older = await lockListNamed(tx, row.name);
      if (older && older.validFrom > row.validFrom) throw olderThan(older.validFrom);
      if (older) await deleteOptOutList(tx, older.id);
      const listId = await insertOptOutList(tx, {
        name: row.name,
        channel: row.channel,
        validFrom: row.validFrom,
        validUntil: row.validUntil,
        rowCount: progress.rowsAccepted,
        importedBy: actor.user.id,
      });
      await moveStagedEntries(tx, row.id, listId);
      await finishImport(tx, row.id, listId);
      await recordAuditEvents(tx, [
        {
          action: 'OPT_OUT_LIST_IMPORTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { name: row.name, rows: progress.rowsAccepted, skipped: progress.skippedCount, replaced: Boolean(older), validFrom: row.validFrom },
        },
      ]);
    });
  }
}

const olderThan = (validFrom: string) =>
  appError('BAD_USER_INPUT', `The list in force is from ${validFrom}; this one is older.`, { field: 'validFrom', reason: 'OLDER_THAN_IN_FORCE' });
