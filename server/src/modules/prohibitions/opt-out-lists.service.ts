import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import { Where } from '../../db/sql';
import { badInput } from '../../errors';
import type { OptOutListImport, OptOutListRecord } from './prohibition.model';
import {
  deleteOptOutList,
  insertOptOutEntries,
  insertOptOutList,
  listOptOutLists,
  lockListNamed,
  optOutList,
  type OptOutEntry,
} from './opt-out-lists.repository';

/** Header names accepted for each column, in English and Finnish. */
const HEADERS: Record<'name' | 'street' | 'postalCode' | 'phone', string[]> = {
  name: ['name', 'nimi'],
  street: ['street', 'street_address', 'address', 'katuosoite', 'osoite'],
  postalCode: ['postal_code', 'postalcode', 'zip', 'postinumero'],
  phone: ['phone', 'telephone', 'puhelin', 'puhelinnumero'],
};

const MAX_ROWS = 2_000_000;

/** The fields of the list an import sets. */
const importFields = (input: OptOutListImport) =>
  (['name', 'channel', 'validFrom', 'validUntil'] as const).filter((f) => input[f] !== undefined && input[f] !== null);

/**
 * External opt-out registers (P15), such as the Finnish direct-marketing opt-out lists for
 * telemarketing and addressed mail. A person on a list is matched by normalised phone, or by
 * normalised name + street + postal code; target lists exclude them as EXTERNAL_OPT_OUT.
 */
export class OptOutListsService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor): Promise<OptOutListRecord[]> {
    requireRight(actor, 'read', 'OptOutList', 'You may not read opt-out lists.');
    const visible = new Where();
    visible.and(visibleWhere(actor, 'OptOutList', visible, 'l'));
    return listOptOutLists(this.db, visible);
  }

  /** Importing under the name of a list in force replaces it, unless the new one is older. */
  async import(actor: Actor, input: OptOutListImport): Promise<OptOutListRecord> {
    assertWritable(actor, 'create', 'OptOutList', null, importFields(input));
    const name = input.name.trim();
    if (!name) throw badInput('name', 'Name the list.');
    if (input.validUntil && input.validUntil < input.validFrom) throw badInput('validUntil', 'The list cannot end before it begins.');
    const entries = parseEntries(input.csv);

    return this.db.transaction(async (tx) => {
      const older = await lockListNamed(tx, name);
      if (older && older.validFrom > input.validFrom) {
        throw badInput('validFrom', `The list in force is from ${older.validFrom}; this one is older.`);
      }
      if (older) await deleteOptOutList(tx, older.id);
      const id = await insertOptOutList(tx, {
        name,
        channel: input.channel ?? null,
        validFrom: input.validFrom,
        validUntil: input.validUntil ?? null,
        rowCount: entries.length,
        importedBy: actor.user.id,
      });
      await insertOptOutEntries(tx, id, entries);
      await recordAuditEvents(tx, [
        {
          action: 'OPT_OUT_LIST_IMPORTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { name, rows: entries.length, replaced: Boolean(older), validFrom: input.validFrom },
        },
      ]);
      return optOutList(tx, id);
    });
  }
}

export function parseEntries(csv: string): OptOutEntry[] {
  let records: string[][];
  try {
    records = parse(csv, { delimiter: [',', ';'], bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    throw badInput('csv', `The CSV could not be read: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw badInput('csv', 'The CSV is empty.');
  const names = header.map((h) => h.trim().toLowerCase());
  const column = (key: keyof typeof HEADERS) => names.findIndex((h) => HEADERS[key].includes(h));
  const at = { name: column('name'), street: column('street'), postalCode: column('postalCode'), phone: column('phone') };
  if (at.phone < 0 && (at.name < 0 || at.street < 0 || at.postalCode < 0)) {
    throw badInput('csv', 'The header must name a phone column, or name, street and postal_code columns.');
  }
  if (rows.length > MAX_ROWS) throw badInput('csv', `At most ${MAX_ROWS} rows at a time.`);
  const entries: OptOutEntry[] = [];
  rows.forEach((row) => {
    const value = (i: number) => (i >= 0 ? row[i]?.trim() || null : null);
    const raw = value(at.phone);
    const phone = raw ? (parsePhoneNumberFromString(raw, 'FI')?.number ?? null) : null;
    const postal = value(at.postalCode);
    const entry = { name: value(at.name), street: value(at.street), postalCode: postal ? postal.replace(/\s/g, '') : null, phone };
    if (entry.phone || (entry.name && entry.street && entry.postalCode)) entries.push(entry);
  });
  if (entries.length === 0) throw badInput('csv', 'No row has a valid phone or a full name and address.');
  return entries;
}
