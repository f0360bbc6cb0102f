import { CampaignPurpose } from './campaign.type';

/**
 * P15: which prohibitions a purpose honours. Direct marketing honours DIRECT_MARKETING and
 * PROFILING; distance selling DISTANCE_SELLING; selling by PHONE or SMS is distance selling
 * whatever the purpose says; research honours MARKET_AND_OPINION_RESEARCH.
 */
export function prohibitionKindsFor(purpose: CampaignPurpose, channel: string): string[] {
  const kinds: Record<CampaignPurpose, string[]> = {
    [CampaignPurpose.DIRECT_MARKETING]: ['DIRECT_MARKETING', 'PROFILING'],
    [CampaignPurpose.DISTANCE_SELLING]: ['DISTANCE_SELLING'],
    [CampaignPurpose.MARKET_AND_OPINION_RESEARCH]: ['MARKET_AND_OPINION_RESEARCH'],
  };
  const result = [...kinds[purpose]];
  if (purpose === CampaignPurpose.DIRECT_MARKETING && (channel === 'PHONE' || channel === 'SMS')) result.push('DISTANCE_SELLING');
  return result;
}

/** The contact point a channel needs, as a SQL condition on `k`, and the key that makes two rows one contact. */
const CONTACT: Record<string, { present: string; key: string }> = {
  EMAIL: { present: 'k.email IS NOT NULL', key: 'k.email' },
  PHONE: { present: 'k.phone IS NOT NULL', key: 'k.phone' },
  SMS: { present: "k.phone IS NOT NULL AND k.phone LIKE '+3584%'", key: 'k.phone' },
  POST: {
    present: 'k.street IS NOT NULL AND k.postal_code IS NOT NULL AND k.city IS NOT NULL',
    key: "rk_name_key(k.first_name || ' ' || k.last_name) || '|' || rk_street_key(k.street) || '|' || k.postal_code",
  },
};

export interface RuleParams {
  /** Parameter holding the prohibition kinds that apply (text[]). */
  kinds: string;
  /** Parameter holding the channel (text). */
  channel: string;
  /** Whether external opt-out lists apply (research is not marketing). */
  optOut: boolean;
  channelName: string;
}

/**
 * A query over `candidates` (a CTE with customer columns) giving each candidate's exclusion reasons:
 * one set-based statement, used at build and again at export.
 */
export function judgedCandidates(p: RuleParams): string {
  const contact = CONTACT[p.channelName];
  const optOut = p.optOut
    ? `ARRAY(SELECT DISTINCT l.name FROM opt_out_entries e JOIN opt_out_lists l ON l.id = e.list_id
          WHERE (l.channel IS NULL OR l.channel = ${p.channel}) AND l.valid_from <= current_date
            AND (l.valid_until IS NULL OR l.valid_until >= current_date)
            AND ((k.phone IS NOT NULL AND e.phone = k.phone)
              OR (e.postal_code = k.postal_code AND e.street_key = rk_street_key(k.street)
                  AND e.name_key = rk_name_key(k.first_name || ' ' || k.last_name))))`
    : `ARRAY[]::text[]`;
  return `
    judged AS (
      SELECT k.*, ${contact.key} AS contact_key, pk.kinds AS prohibited_kinds, oo.lists AS opt_out_lists,
        array_remove(ARRAY[
          CASE WHEN k.anonymised_at IS NOT NULL THEN 'ANONYMISED' END,
          CASE WHEN k.pending_erasure THEN 'PENDING_ERASURE' END,
          CASE WHEN k.restricted THEN 'RESTRICTED' END,
          CASE WHEN cardinality(pk.kinds) > 0 THEN 'PROHIBITED' END,
          CASE WHEN ${p.channel} = 'POST' AND EXISTS (
            SELECT 1 FROM current_prohibitions lp WHERE lp.customer_id = k.id AND lp.kind = 'LIST_PUBLICATION'
               AND (lp.channel IS NULL OR lp.channel = 'POST')) THEN 'LIST_PUBLICATION' END,
          CASE WHEN NOT (${contact.present}) THEN 'NO_CONTACT_FOR_CHANNEL' END,
          CASE WHEN cardinality(oo.lists) > 0 THEN 'EXTERNAL_OPT_OUT' END
        ]::text[], NULL) AS reasons
      FROM candidates k
      CROSS JOIN LATERAL (SELECT ARRAY(
        SELECT DISTINCT cp.kind FROM current_prohibitions cp
         WHERE cp.customer_id = k.id AND cp.kind = ANY(${p.kinds}) AND (cp.channel IS NULL OR cp.channel = ${p.channel})) AS kinds) pk
      CROSS JOIN LATERAL (SELECT ${optOut} AS lists) oo
    ),
    ranked AS (
      -- Of several eligible rows with one contact point, the oldest customer stays; the rest are duplicates.
      SELECT j.*, row_number() OVER (PARTITION BY j.contact_key ORDER BY cardinality(j.reasons) > 0, j.customer_number) AS contact_rank
        FROM judged j
    ),
    final AS (
      SELECT r.*, CASE WHEN cardinality(r.reasons) = 0 AND r.contact_key IS NOT NULL AND r.contact_rank > 1
                       THEN ARRAY['DUPLICATE_CONTACT'] ELSE r.reasons END AS all_reasons
        FROM ranked r
    )`;
}

export const CANDIDATE_COLUMNS = `c.id, c.customer_number, c.first_name, c.last_name, c.email, c.phone, c.street, c.postal_code, c.city,
  c.country, c.restricted, c.pending_erasure, c.anonymised_at`;
