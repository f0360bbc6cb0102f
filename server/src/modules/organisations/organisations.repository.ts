import { maybeOne, one, type Db } from '../../db/sql';

/**
 * The organisation with this business id, or (without one) the first of this name without a
 * business id; made when there is none, so one organisation is stored once.
 */
export async function findOrCreateOrganisation(db: Db, name: string, businessId: string | null): Promise<string> {
  const existing = businessId
    ? await maybeOne<{ id: string }>(db, `SELECT id FROM organisations WHERE business_id = $1`, [businessId])
    : await maybeOne<{ id: string }>(db, `SELECT id FROM organisations WHERE business_id IS NULL AND lower(name) = lower($1) LIMIT 1`, [name]);
  if (existing) return existing.id;
  return (await one<{ id: string }>(db, `INSERT INTO organisations (name, business_id) VALUES ($1, $2) RETURNING id`, [name, businessId])).id;
}
