import type pg from 'pg';
import type { CampaignsService } from '../modules/campaigns/campaigns.service';

/**
 * B4: a target list with every exclusion reason on the benchmark database, built by the app's job
 * handler, next to the same result written by hand as one INSERT ... SELECT, in the same run.
 */
export async function benchmarkTargetList(sql: pg.Client, campaigns: CampaignsService, userId: string) {
  const [{ id: campaignId }] = (
    await sql.query(
      `INSERT INTO campaigns (name, purpose, channel, segment, owner_id) VALUES ('B4 bench', 'DIRECT_MARKETING', 'POST', '{}', $1) RETURNING id`,
      [userId],
    )
  ).rows;
  const [{ id: listId }] = (
    await sql.query(
      `INSERT INTO target_lists (campaign_id, purpose, channel, segment, requested_by) VALUES ($1, 'DIRECT_MARKETING', 'POST', '{}', $2) RETURNING id`,
      [campaignId, userId],
    )
  ).rows;
  let t = performance.now();
  await campaigns.runBuild(listId);
  const appMs = performance.now() - t;
  const [app] = (await sql.query(`SELECT status, included_count, excluded_count FROM target_lists WHERE id = $1`, [listId])).rows;
  const reasons = (
    await sql.query(`SELECT reason, count(*)::int AS n FROM target_list_exclusions, unnest(reasons) reason WHERE target_list_id = $1 GROUP BY 1 ORDER BY 1`, [
      listId,
    ])
  ).rows;

  const [{ id: handId }] = (
    await sql.query(
      `INSERT INTO target_lists (campaign_id, purpose, channel, segment, requested_by) VALUES ($1, 'DIRECT_MARKETING', 'POST', '{}', $2) RETURNING id`,
      [campaignId, userId],
    )
  ).rows;
  await sql.query(`SET work_mem = '256MB'`); // as the app's build does
  t = performance.now();
  // Hand-written: pre-aggregated prohibitions and opt-outs, hash-joined to every customer.
  const [hand] = (
    await sql.query(
      `
      WITH latest AS (
        SELECT DISTINCT ON (customer_id, kind, channel) customer_id, kind, channel, action
          FROM prohibition_events ORDER BY customer_id, kind, channel, id DESC),
      prohibited AS (
        SELECT customer_id,
               bool_or(kind IN ('DIRECT_MARKETING', 'PROFILING') AND (channel IS NULL OR channel = 'POST')) AS marketing,
               bool_or(kind = 'LIST_PUBLICATION' AND (channel IS NULL OR channel = 'POST')) AS lists
          FROM latest WHERE action = 'SET' GROUP BY customer_id),
      valid_entries AS (
        SELECT e.* FROM opt_out_entries e JOIN opt_out_lists l ON l.id = e.list_id
         WHERE (l.channel IS NULL OR l.channel = 'POST') AND l.valid_from <= current_date AND (l.valid_until IS NULL OR l.valid_until >= current_date)),
      by_phone AS (SELECT DISTINCT phone FROM valid_entries WHERE phone IS NOT NULL),
      by_address AS (SELECT DISTINCT name_key, street_key, postal_code FROM valid_entries),
      keyed AS (
        SELECT c.id, c.customer_number, c.phone, c.street, c.postal_code, c.city, c.restricted, c.pending_erasure, c.anonymised_at,
               c.name_key, c.street_key
          FROM customers c),
      judged AS (
        SELECT k.id, k.customer_number, k.name_key || '|' || k.street_key || '|' || k.postal_code AS contact_key,
               array_remove(ARRAY[
                 CASE WHEN k.anonymised_at IS NOT NULL THEN 'ANONYMISED' END,
                 CASE WHEN k.pending_erasure THEN 'PENDING_ERASURE' END,
                 CASE WHEN k.restricted THEN 'RESTRICTED' END,
                 CASE WHEN p.marketing THEN 'PROHIBITED' END,
                 CASE WHEN p.lists THEN 'LIST_PUBLICATION' END,
                 CASE WHEN k.street IS NULL OR k.postal_code IS NULL OR k.city IS NULL THEN 'NO_CONTACT_FOR_CHANNEL' END,
                 CASE WHEN bp.phone IS NOT NULL OR ba.name_key IS NOT NULL THEN 'EXTERNAL_OPT_OUT' END
               ]::text[], NULL) AS reasons
          FROM keyed k
          LEFT JOIN prohibited p ON p.customer_id = k.id
          LEFT JOIN by_phone bp ON bp.phone = k.phone
          LEFT JOIN by_address ba ON ba.name_key = k.name_key AND ba.street_key = k.street_key AND ba.postal_code = k.postal_code),
      final AS (
        SELECT j.*, CASE WHEN cardinality(j.reasons) = 0 AND j.contact_key IS NOT NULL
                          AND row_number() OVER (PARTITION BY j.contact_key ORDER BY cardinality(j.reasons) > 0, j.customer_number) > 1
                         THEN ARRAY['DUPLICATE_CONTACT'] ELSE j.reasons END AS all_reasons
          FROM judged j),
      m AS (INSERT INTO target_list_members (target_list_id, customer_id, customer_number)
            SELECT $1, id, customer_number FROM final WHERE cardinality(all_reasons) = 0 RETURNING 1),
      x AS (INSERT INTO target_list_exclusions (target_list_id, customer_id, customer_number, reasons)
            SELECT $1, id, customer_number, all_reasons FROM final WHERE cardinality(all_reasons) > 0 RETURNING 1)
      SELECT (SELECT count(*)::int FROM m) AS included, (SELECT count(*)::int FROM x) AS excluded`,
      [handId],
    )
  ).rows;
  const handMs = performance.now() - t;
  await sql.query(`DELETE FROM target_lists WHERE id = ANY($1)`, [[listId, handId]]);
  await sql.query(`DELETE FROM campaigns WHERE id = $1`, [campaignId]);
  return {
    appMs,
    handMs,
    ratio: appMs / handMs,
    same: app.included_count === hand.included && app.excluded_count === hand.excluded,
    included: app.included_count as number,
    excluded: app.excluded_count as number,
    reasons: reasons.map((r: { reason: string; n: number }) => `${r.reason} ${r.n}`).join(', '),
  };
}
