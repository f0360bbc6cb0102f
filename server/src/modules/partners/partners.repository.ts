import { many, maybeOne, type Db, type Where } from '../../db/sql';

/** A partner firm as stored (P4). */
export interface PartnerRow {
  id: string;
  name: string;
}

/** The partner firms matching `where` (alias `p`), by name. */
export function listPartners(db: Db, where: Where): Promise<PartnerRow[]> {
  return many<PartnerRow>(db, `SELECT p.id, p.name FROM partners p WHERE ${where} ORDER BY p.name`, where.params);
}

/** One partner firm by id, whoever asks: for checking a reference in input. */
export function partnerById(db: Db, id: string): Promise<PartnerRow | undefined> {
  return maybeOne<PartnerRow>(db, `SELECT id, name FROM partners WHERE id = $1`, [id]);
}
