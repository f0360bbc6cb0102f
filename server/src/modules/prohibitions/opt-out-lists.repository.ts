import { execute, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { ContactChannel, OptOutListRecord } from './prohibition.model';

/** The SQL of external opt-out registers (P15). */

const LIST_COLUMNS = `l.id, l.name, l.channel, to_char(l.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(l.valid_until, 'YYYY-MM-DD') AS "validUntil",
  l.row_count AS "rowCount", l.imported_at AS "importedAt"`;

/** The lists `visible` lets through (alias `l`), by name. */
export function listOptOutLists(db: Db, visible: Where): Promise<OptOutListRecord[]> {
  return many<OptOutListRecord>(db, `SELECT ${LIST_COLUMNS} FROM opt_out_lists l WHERE ${visible} ORDER BY l.name`, visible.params);
}

export function optOutList(db: Db, id: string): Promise<OptOutListRecord> {
  return one<OptOutListRecord>(db, `SELECT ${LIST_COLUMNS} FROM opt_out_lists l WHERE l.id = $1`, [id]);
}

/** The list in force under a name, locked until the import ends. */
export function lockListNamed(tx: Db, name: string): Promise<{ id: string; validFrom: string } | undefined> {
  return maybeOne<{ id: string; validFrom: string }>(
    tx,
    `SELECT id, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom" FROM opt_out_lists WHERE name = $1 FOR UPDATE`,
    [name],
  );
}

export async function deleteOptOutList(tx: Db, id: string): Promise<void> {
  await execute(tx, `DELETE FROM opt_out_lists WHERE id = $1`, [id]);
}

export interface NewOptOutList {
  name: string;
  channel: ContactChannel | null;
  validFrom: string;
  validUntil: string | null;
  rowCount: number;
  importedBy: string;
}

export async function insertOptOutList(tx: Db, list: NewOptOutList): Promise<string> {
  const { id } = await one<{ id: string }>(
    tx,
    `INSERT INTO opt_out_lists (name, channel, valid_from, valid_until, row_count, imported_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [list.name, list.channel, list.validFrom, list.validUntil, list.rowCount, list.importedBy],
  );
  return id;
}

export interface OptOutEntry {
  name: string | null;
  street: string | null;
  postalCode: string | null;
  phone: string | null;
}

/** One set-based statement; names and streets are normalised by the same SQL functions the builds use. */
export async function insertOptOutEntries(tx: Db, listId: string, entries: readonly OptOutEntry[]): Promise<void> {
  await execute(
    tx,
    `INSERT INTO opt_out_entries (list_id, phone, name_key, street_key, postal_code)
     SELECT $1, phone, rk_name_key(name), rk_street_key(street), postal_code
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS e(phone, name, street, postal_code)`,
    [listId, entries.map((e) => e.phone), entries.map((e) => e.name), entries.map((e) => e.street), entries.map((e) => e.postalCode)],
  );
}
