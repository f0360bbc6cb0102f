import type { DataSource } from 'typeorm';
import type { AuditEventRecord } from '../../audit/audit.repository';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { allows } from '../../auth/authorize';
import { peopleCsv, type CsvLanguage } from '../../csv';
import type { Db } from '../../db/sql';
import { conflict } from '../../errors';
import { DataSource as Source } from '../provenance/provenance.model';
import {
  AddressUpdateImportStatus,
  AddressUpdateOutcome,
  AddressUpdateReason,
  UpdateProhibitionSource,
  type AddressUpdateImportRecord,
  type AddressUpdateRowRecord,
} from './address-update.model';
import {
  appendProvenanceRows,
  claimForApplying,
  finishApply,
  lockCustomers,
  markApplied,
  reportRows,
  rowsToApply,
  writeAddresses,
  writeUpdateProhibition,
  type ApplyRow,
  type ImportRow,
} from './address-updates.repository';

/**
 * P7: applying an address-update file's dry run, and its outcome report. The staged rows go in
 * batches, one transaction each, with progress in the import's row (so another process may go on
 * with an apply a stopped one left). A customer changed since the dry run, or now restricted or
 * forbidding updates, is skipped and reported; nothing is overwritten unseen. Every change records
 * its provenance (ADDRESS_UPDATE_SERVICE, the file's name and date) and an audit event.
 */

/** Rows applied per transaction (each also writes provenance and audit rows). */
export const APPLY_BATCH = 2000;
/** An apply not moved for this long was cut off (a process stopped): another may go on with it. */
const APPLY_STALE_AFTER_MS = 10 * 60 * 1000;

/** Applies the dry run of `row`, batch by batch, acting for `actor` (whose rights are checked row by row). */
export async function applyDryRun(db: DataSource, actor: Actor, row: ImportRow): Promise<void> {
  if (!(await claimForApplying(db, row.id, APPLY_STALE_AFTER_MS))) {
    const why = row.status === AddressUpdateImportStatus.APPLIED || row.status === AddressUpdateImportStatus.APPLYING ? 'ALREADY_APPLIED' : 'NOT_READY';
    throw conflict(why === 'ALREADY_APPLIED' ? 'This file has been applied already.' : 'Run the file first: only a finished dry run is applied.', {
      reason: why,
    });
  }
  const source = `${row.fileName} (${row.fileDate})`;
  for (let after = 0; ; ) {
    const last = await db.transaction(async (tx) => {
      const batch = await rowsToApply(tx, row.id, after, APPLY_BATCH);
      if (batch.length === 0) return null;
      await applyBatch(tx, actor, row.id, batch, source);
      return batch[batch.length - 1].line;
    });
    if (last === null) break;
    after = last;
  }
  await finishApply(db, row.id);
}

async function applyBatch(tx: DataSource['manager'], actor: Actor, importId: string, batch: readonly ApplyRow[], source: string): Promise<void> {
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

/** The permission table's columns of a customer row. */
export const gateRecord = (c: { id: string; partner_id: string | null; restricted: boolean; anonymised: boolean }) => ({
  id: c.id,
  partnerId: c.partner_id,
  restricted: c.restricted,
  anonymised: c.anonymised,
});

/** The whole outcome report (of the dry run, or as applied) as CSV in the spreadsheet dialect of the language, read in pages. */
export async function outcomeReport(db: Db, record: AddressUpdateImportRecord, language: CsvLanguage): Promise<{ fileName: string; content: Buffer }> {
  if (record.status === AddressUpdateImportStatus.PENDING || record.status === AddressUpdateImportStatus.READING) {
    throw conflict('The file has not been read yet.', { reason: 'NOT_READ' });
  }
  const rows: AddressUpdateRowRecord[] = [];
  for (let after = 0; ; ) {
    const page = await reportRows(db, record.id, null, after, 10_000);
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
