import { honouredProhibitions } from '@rekisteri/schema';
import type pg from 'pg';
import type { CampaignsService } from '../modules/campaigns/campaigns.service';

/**
 * B4: a target list with every exclusion reason on the benchmark database, built by the app's job
 * handler, next to the same result written by hand as one INSERT ... SELECT, in the same run, and
 * compared row by row (the same members, each exclusion with the same reasons).
 */
export async function benchmarkTargetList(sql: pg.Client, campaigns: CampaignsService, userId: string, timeZone: string) {
  const [{ id: campaignId }] = (
    await sql.query(
      `INSERT INTO campaigns (name, purpose, channel, segment, owner_id) VALUES ('B4 bench', 'DIRECT_MARKETING', 'POST', '{}', $1) RETURNING id`,
      [userId],
    )
  ).rows;
  // Issue 16: a few customers kept off by hand (MANUAL), so the build's every reason is compared.
  await sql.query(
    `INSERT INTO campaign_exclusions (campaign_id, customer_id, added_by)
     SELECT $1, id, $2 FROM customers WHERE customer_number % 997 = 0`,
    [campaignId, userId],
  );
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
  // The rules the app applies, read from the one policy table (P2, P5, P15): for a direct-marketing letter
  // with a segment that does not profile, DIRECT_MARKETING prohibitions (PROHIBITED) and LIST_PUBLICATION;
  // PROFILING only when the segment profiles. A prohibition counts given for every channel or for POST.
  const policy = honouredProhibitions('DIRECT_MARKETING', 'POST', {});
  const kinds = policy.map((h) => h.kind).filter((k) => k !== 'LIST_PUBLICATION');
  const lists = policy.some((h) => h.kind === 'LIST_PUBLICATION');
  // Opt-out lists in force on the company's calendar day, not the database server's.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  t = performance.now();
  // Hand-written: pre-aggregated prohibitions and opt-outs (and the campaign's manual exclusions), hash-joined to every customer.
  const [hand] = (
    await sql.query(
      `
      WITH latest AS (
        SELECT DISTINCT ON (customer_id, kind, channel) customer_id, kind, channel, action
          FROM prohibition_events ORDER BY customer_id, kind, channel, id DESC),
      prohibited AS (
        SELECT customer_id,
               bool_or(kind = ANY($2::text[])) AS marketing,
               bool_or($3::boolean AND kind = 'LIST_PUBLICATION') AS lists
          FROM latest WHERE action = 'SET' AND (channel IS NULL OR channel = 'POST') GROUP BY customer_id),
      valid_entries AS (
        SELECT e.* FROM opt_out_entries e JOIN opt_out_lists l ON l.id = e.list_id
         WHERE (l.channel IS NULL OR l.channel = 'POST') AND l.valid_from <= $4::date AND (l.valid_until IS NULL OR l.valid_until >= $4::date)),
      by_phone AS (SELECT DISTINCT phone FROM valid_entries WHERE phone IS NOT NULL),
      by_address AS (SELECT DISTINCT name_key, street_key, postal_code FROM valid_entries
                      WHERE name_key IS NOT NULL AND street_key IS NOT NULL AND postal_code IS NOT NULL),
      manual AS (SELECT customer_id FROM campaign_exclusions WHERE campaign_id = $5),
      judged AS (
        SELECT k.id, k.customer_number, (k.name_key || '|' || k.street_key || '|' || k.postal_code) COLLATE "C" AS contact_key,
               array_remove(ARRAY[
                 CASE WHEN k.anonymised_at IS NOT NULL THEN 'ANONYMISED' END,
                 CASE WHEN k.pending_erasure THEN 'PENDING_ERASURE' END,
                 CASE WHEN k.restricted THEN 'RESTRICTED' END,
                 CASE WHEN p.marketing THEN 'PROHIBITED' END,
                 CASE WHEN p.lists THEN 'LIST_PUBLICATION' END,
                 CASE WHEN k.street IS NULL OR k.postal_code IS NULL OR k.city IS NULL THEN 'NO_CONTACT_FOR_CHANNEL' END,
                 CASE WHEN bp.phone IS NOT NULL OR ba.name_key IS NOT NULL THEN 'EXTERNAL_OPT_OUT' END,
                 CASE WHEN mx.customer_id IS NOT NULL THEN 'MANUAL' END
               ]::text[], NULL) AS reasons
          FROM customers k
          LEFT JOIN prohibited p ON p.customer_id = k.id
          LEFT JOIN by_phone bp ON bp.phone = k.phone
          LEFT JOIN by_address ba ON ba.name_key = k.name_key AND ba.street_key = k.street_key AND ba.postal_code = k.postal_code
          LEFT JOIN manual mx ON mx.customer_id = k.id),
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
      [handId, kinds, lists, today, campaignId],
    )
  ).rows;
  const handMs = performance.now() - t;
  // Not only the counts: the same customers in, and each one out for the same reasons.
  const [{ differing }] = (
    await sql.query(
      `SELECT (SELECT count(*) FROM ((SELECT customer_id FROM target_list_members WHERE target_list_id = $1
                                       EXCEPT SELECT customer_id FROM target_list_members WHERE target_list_id = $2)
                                      UNION ALL (SELECT customer_id FROM target_list_members WHERE target_list_id = $2
                                       EXCEPT SELECT customer_id FROM target_list_members WHERE target_list_id = $1)) d)
            + (SELECT count(*) FROM ((SELECT customer_id, reasons FROM target_list_exclusions WHERE target_list_id = $1
                                       EXCEPT SELECT customer_id, reasons FROM target_list_exclusions WHERE target_list_id = $2)
                                      UNION ALL (SELECT customer_id, reasons FROM target_list_exclusions WHERE target_list_id = $2
                                       EXCEPT SELECT customer_id, reasons FROM target_list_exclusions WHERE target_list_id = $1)) d) AS differing`,
      [listId, handId],
    )
  ).rows;
  await sql.query(`DELETE FROM target_lists WHERE id = ANY($1)`, [[listId, handId]]);
  await sql.query(`DELETE FROM campaigns WHERE id = $1`, [campaignId]);
  return {
    appMs,
    handMs,
    ratio: appMs / handMs,
    same: app.included_count === hand.included && app.excluded_count === hand.excluded,
    /** Customers whose membership or exclusion reasons differ between the two. */
    differing: Number(differing),
    status: app.status as string,
    included: app.included_count as number,
    excluded: app.excluded_count as number,
    reasons: reasons.map((r: { reason: string; n: number }) => `${r.reason} ${r.n}`).join(', '),
  };
}
