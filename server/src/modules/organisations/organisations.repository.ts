import { execute, maybeOne, one, type Db } from '../../db/sql';

/** The advisory lock namespace of organisation keys (the two-key form, apart from pg-boss's one-key locks). */
const ORGANISATION_KEY_LOCKS = 1764360001;

/**
 * The organisation with this business id, or (without one) the first of this name without a
 * business id; made when there is none, so one organisation is stored once. Concurrent writers
 * of the same new organisation take turns on an advisory lock over its key until their
 * transactions end, so the second one finds what the first made instead of a unique violation.
 */
export async function findOrCreateOrganisation(db: Db, name: string, businessId: string | null): Promise<string> {
  await execute(db, `SELECT pg_advisory_xact_lock(${ORGANISATION_KEY_LOCKS}, hashtext($1))`, [
    businessId ? `business_id:${businessId}` : `name:${name.toLowerCase()}`,
  ]);
  const existing = businessId
    ? await maybeOne<{ id: string }>(db, `SELECT id FROM organisations WHERE business_id = $1`, [businessId])
    : await maybeOne<{ id: string }>(db, `SELECT id FROM organisations WHERE business_id IS NULL AND lower(name) = lower($1) LIMIT 1`, [name]);
  if (existing) return existing.id;
  return (await one<{ id: string }>(db, `INSERT INTO organisations (name, business_id) VALUES ($1, $2) RETURNING id`, [name, businessId])).id;
}
