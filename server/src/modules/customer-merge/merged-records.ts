import { many, type Db } from '../../db/sql';

/**
 * P10, P14, P16 (issue 16): the ledgers (audit trail, disclosures, prohibition events) are append-only, so a
 * merged record's rows stay under its own id. Whatever reads or erases "everything about the person" reads
 * the customer and every record merged into them, transitively (B into A, then A into C: C's set is C, A, B).
 *
 * `mergedFamilySql('$1')` is an SQL expression: the uuid[] of the customer `$1` names and those merged into them,
 * evaluated once per statement (an init plan), for `customer_id = ANY(...)` or `customer_ids && ...`.
 */
export function mergedFamilySql(param: string): string {
  return `ARRAY(WITH RECURSIVE family(id) AS (SELECT ${param}::uuid UNION SELECT m.merged_id FROM customer_merges m JOIN family f ON m.kept_id = f.id)
           SELECT id FROM family)`;
}

/** The customer's id first, then the ids of every record merged into them (transitively). */
export async function mergedFamily(db: Db, customerId: string): Promise<string[]> {
  const [row] = await many<{ ids: string[] }>(db, `SELECT ${mergedFamilySql('$1')} AS ids`, [customerId]);
  return [customerId, ...(row?.ids ?? []).filter((id) => id !== customerId)];
}
