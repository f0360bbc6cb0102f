import { execute, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { ContactChannel, OptOutListRecord } from './prohibition.model';

/** The SQL of external opt-out registers (P15). */

const LIST_COLUMNS = `l.id, l.name, l.channel, to_char(l.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(l.valid_until, 'YYYY-MM-DD') AS "validUntil",
  l.row_count AS "rowCount", l.imported_at AS "importedAt"`;

/** The lists `visible` lets through (alias `l`), by name. */
export function listOptOutLists(db: Db, visible: Where): Promise<OptOutListRecord[]> {
  return many<OptOutListRecord>(db, `SELECT ${LIST_COLUMNS} FROM opt_out_lists l WHERE ${visible} ORDER BY l.name`, visible.params);
}

/** The list in force under a name, if there is one. */
export function listNamed(db: Db, name: string): Promise<{ id: string; validFrom: string } | undefined> {
  return maybeOne<{ id: string; validFrom: string }>(db, `SELECT id, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom" FROM opt_out_lists WHERE name = $1`, [
    name,
  ]);
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
