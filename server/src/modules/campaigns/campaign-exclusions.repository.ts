import { affected, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { CampaignExclusionRecord } from './campaign.model';

/** Issue 16: the SQL of a campaign's manual exclusions. Conditions from the gate come in as `Where` (customers, alias `c`). */

/** Locks the campaign for a change of its manual exclusions; its status as it is now. */
export function lockCampaign(tx: Db, id: string): Promise<{ status: string } | undefined> {
  return maybeOne<{ status: string }>(tx, `SELECT status FROM campaigns WHERE id = $1 FOR UPDATE`, [id]);
}

/**
 * Issue 16: adds to a campaign's manual exclusions those of `customerIds` that `visible` lets through
 * (customers, alias `c`), in one statement; a customer on them already is left as it is. Answers how
 * many distinct ids were asked for, how many of them the caller may see, and the ids newly added.
 */
export async function insertExclusions(
  tx: Db,
  campaignId: string,
  customerIds: readonly string[],
  addedBy: string,
  note: string | null,
  visible: Where,
): Promise<{ asked: number; seen: number; added: string[] }> {
  const ids = visible.bind([...customerIds]);
  const campaign = visible.bind(campaignId);
  const by = visible.bind(addedBy);
  const text = visible.bind(note);
  const row = await one<{ asked: number; seen: number; added: string[] | null }>(
    tx,
    `WITH asked AS (SELECT DISTINCT unnest(${ids}::uuid[]) AS id),
     seen AS (SELECT c.id FROM customers c JOIN asked a ON a.id = c.id WHERE ${visible}),
     added AS (
       INSERT INTO campaign_exclusions (campaign_id, customer_id, added_by, note)
       SELECT ${campaign}, id, ${by}, ${text} FROM seen ORDER BY id
       ON CONFLICT (campaign_id, customer_id) DO NOTHING RETURNING customer_id)
     SELECT (SELECT count(*)::int FROM asked) AS asked, (SELECT count(*)::int FROM seen) AS seen,
            (SELECT array_agg(customer_id ORDER BY customer_id) FROM added) AS added`,
    visible.params,
  );
  return { asked: row.asked, seen: row.seen, added: row.added ?? [] };
}

/** Takes a customer `visible` lets through (alias `c`) off the manual exclusions: whether they were on them. */
export async function deleteExclusion(tx: Db, campaignId: string, customerId: string, visible: Where): Promise<boolean> {
  const campaign = visible.bind(campaignId);
  const customer = visible.bind(customerId);
  const n = await affected(
    tx,
    `DELETE FROM campaign_exclusions x USING customers c
      WHERE x.campaign_id = ${campaign} AND x.customer_id = ${customer} AND c.id = x.customer_id AND ${visible}`,
    visible.params,
  );
  return n > 0;
}

interface ExclusionRow {
  customerId: string;
  customerNumber: string;
  addedBy: string | null;
  addedAt: Date;
  note: string | null;
}

/** A campaign's manual exclusions of customers `visible` lets through (alias `c`), after a customer number, in that order. */
export async function manualExclusions(
  db: Db,
  campaignId: string,
  afterNumber: string | null,
  limit: number,
  visible: Where,
): Promise<CampaignExclusionRecord[]> {
  const campaign = visible.bind(campaignId);
  const after = visible.bind(afterNumber);
  const rows = await many<ExclusionRow>(
    db,
    `SELECT x.customer_id AS "customerId", c.customer_number::text AS "customerNumber", u.username AS "addedBy", x.added_at AS "addedAt", x.note
       FROM campaign_exclusions x JOIN customers c ON c.id = x.customer_id LEFT JOIN users u ON u.id = x.added_by
      WHERE x.campaign_id = ${campaign} AND (${after}::bigint IS NULL OR c.customer_number > ${after}::bigint) AND ${visible}
      ORDER BY c.customer_number LIMIT ${visible.bind(limit)}`,
    visible.params,
  );
  return rows.map((r) => ({ ...r, customer: null }));
}

/** How many of a campaign's manual exclusions `visible` lets through (alias `c`): the same condition as the page. */
export async function countManualExclusions(db: Db, campaignId: string, visible: Where): Promise<number> {
  const campaign = visible.bind(campaignId);
  const { n } = await one<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM campaign_exclusions x JOIN customers c ON c.id = x.customer_id WHERE x.campaign_id = ${campaign} AND ${visible}`,
    visible.params,
  );
  return n;
}
