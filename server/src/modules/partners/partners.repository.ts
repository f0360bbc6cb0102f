import { affected, many, maybeOne, one, type Db, type Where } from '../../db/sql';

/** A partner firm as stored (P4), with its field scope from its processor row. */
export interface PartnerRow {
  id: string;
  name: string;
  business_id: string | null;
  active: boolean;
  customer_fields: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const PARTNER_COLUMNS = `p.id, p.name, p.business_id, p.active,
  coalesce((SELECT r.data_fields FROM recipients r WHERE r.partner_id = p.id), '{}') AS customer_fields,
  p.version, p.created_at, p.updated_at`;

/** The partner firms matching `where` (alias `p`), by name. */
export function listPartners(db: Db, where: Where): Promise<PartnerRow[]> {
  return many<PartnerRow>(db, `SELECT ${PARTNER_COLUMNS} FROM partners p WHERE ${where} ORDER BY lower(p.name)`, where.params);
}

/** One partner firm by id, whoever asks: for checking a reference in input. */
export function partnerById(db: Db, id: string, lock = false): Promise<PartnerRow | undefined> {
  return maybeOne<PartnerRow>(db, `SELECT ${PARTNER_COLUMNS} FROM partners p WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`, [id]);
}

export async function partnerNameTaken(db: Db, name: string, exceptId: string | null = null): Promise<boolean> {
  return (await maybeOne(db, `SELECT 1 FROM partners WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [name, exceptId])) !== undefined;
}

export interface PartnerValues {
  name: string;
  business_id: string | null;
  active: boolean;
}

export async function insertPartner(db: Db, v: PartnerValues): Promise<string> {
  return (await one<{ id: string }>(db, `INSERT INTO partners (name, business_id, active) VALUES ($1, $2, $3) RETURNING id`, [v.name, v.business_id, v.active]))
    .id;
}

/** Writes the values if the firm is still at `version`; 0 rows is a stale version. */
export function updatePartnerAt(db: Db, id: string, version: number, v: PartnerValues): Promise<number> {
  return affected(
    db,
    `UPDATE partners SET name = $3, business_id = $4, active = $5, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
    [id, version, v.name, v.business_id, v.active],
  );
}
