import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { badInput, forbidden } from '../../errors';
import type { ImportOptOutListInput, OptOutList } from './prohibition.type';

/** Header names accepted for each column, in English and Finnish. */
const HEADERS: Record<'name' | 'street' | 'postalCode' | 'phone', string[]> = {
  name: ['name', 'nimi'],
  street: ['street', 'street_address', 'address', 'katuosoite', 'osoite'],
  postalCode: ['postal_code', 'postalcode', 'zip', 'postinumero'],
  phone: ['phone', 'telephone', 'puhelin', 'puhelinnumero'],
};

const MAX_ROWS = 2_000_000;

function listFromRow(row: Record<string, any>): OptOutList {
  return { id: row.id, name: row.name, channel: row.channel, validFrom: row.valid_from, validUntil: row.valid_until, rowCount: row.row_count, importedAt: row.imported_at };
}

const LIST_COLUMNS = `id, name, channel, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_until, 'YYYY-MM-DD') AS valid_until, row_count, imported_at`;

/**
 * External opt-out registers (P15), such as the Finnish direct-marketing opt-out lists for
 * telemarketing and addressed mail. A person on a list is matched by normalised phone, or by
 * normalised name + street + postal code; target lists exclude them as EXTERNAL_OPT_OUT.
 */
export class OptOutListsService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor): Promise<OptOutList[]> {
    if (!actor.ability.can('read', 'OptOutList')) throw forbidden('You may not read opt-out lists.');
    return (await this.db.query(`SELECT ${LIST_COLUMNS} FROM opt_out_lists ORDER BY name`)).map(listFromRow);
  }

  /** Importing under the name of a list in force replaces it, unless the new one is older. */
  async import(actor: Actor, input: ImportOptOutListInput): Promise<OptOutList> {
    if (!actor.ability.can('create', 'OptOutList')) throw forbidden('You may not import opt-out lists.');
    const name = input.name.trim();
    if (!name) throw badInput('name', 'Name the list.');
    if (input.validUntil && input.validUntil < input.validFrom) throw badInput('validUntil', 'The list cannot end before it begins.');
    const entries = parseEntries(input.csv);

    return this.db.transaction(async (tx) => {
      const [older] = await tx.query(`SELECT id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM opt_out_lists WHERE name = $1 FOR UPDATE`, [name]);
      if (older && older.valid_from > input.validFrom) {
        throw badInput('validFrom', `The list in force is from ${older.valid_from}; this one is older.`);
      }
      if (older) await tx.query(`DELETE FROM opt_out_lists WHERE id = $1`, [older.id]);
      const [{ id }] = await tx.query(
        `INSERT INTO opt_out_lists (name, channel, valid_from, valid_until, row_count, imported_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [name, input.channel ?? null, input.validFrom, input.validUntil ?? null, entries.length, actor.user.id],
      );
      // One set-based statement; names and streets are normalised by the same SQL functions the builds use.
      await tx.query(
        `INSERT INTO opt_out_entries (list_id, phone, name_key, street_key, postal_code)
         SELECT $1, phone, rk_name_key(name), rk_street_key(street), postal_code
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS e(phone, name, street, postal_code)`,
        [id, entries.map((e) => e.phone), entries.map((e) => e.name), entries.map((e) => e.street), entries.map((e) => e.postalCode)],
      );
      await recordAuditEvents(tx, [
        {
          action: 'OPT_OUT_LIST_IMPORTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { name, rows: entries.length, replaced: Boolean(older), validFrom: input.validFrom },
        },
      ]);
      const [row] = await tx.query(`SELECT ${LIST_COLUMNS} FROM opt_out_lists WHERE id = $1`, [id]);
      return listFromRow(row);
    });
  }
}

interface Entry {
  name: string | null;
  street: string | null;
  postalCode: string | null;
  phone: string | null;
}

export function parseEntries(csv: string): Entry[] {
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
  const entries: Entry[] = [];
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
