import { honouredProhibitions } from '@rekisteri/schema';
import type { Params } from '../../db/sql';
import type { ContactChannel, ProhibitionKind } from '../prohibitions/prohibition.model';
import { CampaignPurpose, type HonouredProhibitionRecord, type SegmentCriteria } from './campaign.model';

/**
 * P2, P5, P15, P17: the prohibitions a list of this purpose, channel and segment honours, from the
 * one table in the schema package (the build, the export's re-check and the web all read it).
 */
export function policyFor(purpose: CampaignPurpose, channel: ContactChannel, segment: SegmentCriteria | null | undefined): HonouredProhibitionRecord[] {
  return honouredProhibitions(purpose, channel, { ...segment }).map((h) => ({
    kind: h.kind as ProhibitionKind,
    scope: h.scope as ContactChannel,
    reason: h.reason,
  }));
}

/** The contact point a channel needs, as a SQL condition on `k`, and the key that makes two rows one contact. */
const CONTACT: Record<string, { present: string; key: string }> = {
  EMAIL: { present: 'k.email IS NOT NULL', key: 'k.email' },
  PHONE: { present: 'k.phone IS NOT NULL', key: 'k.phone' },
  SMS: { present: "k.phone IS NOT NULL AND k.phone LIKE '+3584%'", key: 'k.phone' },
  POST: {
    present: 'k.street IS NOT NULL AND k.postal_code IS NOT NULL AND k.city IS NOT NULL',
    key: "k.name_key || '|' || k.street_key || '|' || k.postal_code",
  },
};

export interface Judgement {
  /** Issue 16: the campaign whose manual exclusions apply (MANUAL). */
  campaignId: string;
  purpose: CampaignPurpose;
  channel: ContactChannel;
  /** The segment the list was built from: whether it profiles decides whether PROFILING applies. */
  segment: SegmentCriteria;
  /** Today in the company's calendar (YYYY-MM-DD): the opt-out lists in force on this day apply. */
  today: string;
}

/**
 * CTEs judging each row of `candidates` (a CTE with CANDIDATE_COLUMNS) into `final` (id,
 * customer_number, all_reasons, prohibited_kinds, opt_out_lists): its exclusion reasons (the
 * campaign's manual exclusions among them, MANUAL), in
 * one set-based statement used at build and again at export. Prohibitions and opt-out matches are
 * aggregated once and hash-joined, not looked up row by row.
 */
export function judgedCandidates(judgement: Judgement, params: Params): string {
  const contact = CONTACT[judgement.channel];
  const policy = policyFor(judgement.purpose, judgement.channel, judgement.segment);
  // Every honoured kind but LIST_PUBLICATION is a PROHIBITED; that one has its own reason (P5).
  const kinds = policy.map((h) => h.kind).filter((kind) => kind !== 'LIST_PUBLICATION');
  const p = {
    kinds: `${params.bind(kinds)}::text[]`,
    lists: policy.some((h) => h.kind === 'LIST_PUBLICATION'),
    channel: `${params.bind(judgement.channel)}::text`,
    // Research is not marketing: external opt-out lists do not apply to it.
    optOut: judgement.purpose !== CampaignPurpose.MARKET_AND_OPINION_RESEARCH,
    campaign: `${params.bind(judgement.campaignId)}::uuid`,
  };
  // The day by the company's calendar, never the database server's `current_date`.
  const today = p.optOut ? `${params.bind(judgement.today)}::date` : '';
  // Opt-out lists, grouped by the keys they match on; joined to candidates once each, so the
  // candidates stay a single pass over the register.
  const optOut = p.optOut
    ? `valid_entries AS (
        SELECT e.phone, e.name_key, e.street_key, e.postal_code, l.name FROM opt_out_entries e JOIN opt_out_lists l ON l.id = e.list_id
         WHERE (l.channel IS NULL OR l.channel = ${p.channel}) AND l.valid_from <= ${today}
           AND (l.valid_until IS NULL OR l.valid_until >= ${today})),
      by_phone AS (SELECT phone, array_agg(DISTINCT name) AS lists FROM valid_entries WHERE phone IS NOT NULL GROUP BY phone),
      by_address AS (
        SELECT name_key, street_key, postal_code, array_agg(DISTINCT name) AS lists FROM valid_entries
         WHERE name_key IS NOT NULL AND street_key IS NOT NULL AND postal_code IS NOT NULL GROUP BY 1, 2, 3),`
    : `by_phone AS (SELECT NULL::text AS phone, NULL::text[] AS lists WHERE false),
      by_address AS (SELECT NULL::text AS name_key, NULL::text AS street_key, NULL::text AS postal_code, NULL::text[] AS lists WHERE false),`;
  return `
    prohibited AS (
      -- A prohibition counts when given for every channel or for this one (its scope in the policy).
      SELECT cp.customer_id,
             array_agg(DISTINCT cp.kind) FILTER (WHERE cp.kind = ANY(${p.kinds})) AS kinds,
             ${p.lists ? `bool_or(cp.kind = 'LIST_PUBLICATION')` : 'false'} AS lists
        FROM current_prohibitions cp
       WHERE (cp.kind = ANY(${p.kinds})${p.lists ? ` OR cp.kind = 'LIST_PUBLICATION'` : ''}) AND (cp.channel IS NULL OR cp.channel = ${p.channel})
       GROUP BY cp.customer_id),
    ${optOut}
    manual AS (SELECT customer_id FROM campaign_exclusions WHERE campaign_id = ${p.campaign}),
    judged AS (
      SELECT k.id, k.customer_number, (${contact.key}) COLLATE "C" AS contact_key, coalesce(p.kinds, '{}') AS prohibited_kinds,
        CASE WHEN bp.lists IS NULL AND ba.lists IS NULL THEN '{}'::text[]
             ELSE ARRAY(SELECT DISTINCT unnest(coalesce(bp.lists, '{}') || coalesce(ba.lists, '{}')) ORDER BY 1) END AS opt_out_lists,
        array_remove(ARRAY[
          CASE WHEN k.anonymised_at IS NOT NULL THEN 'ANONYMISED' END,
          CASE WHEN k.pending_erasure THEN 'PENDING_ERASURE' END,
          CASE WHEN k.restricted THEN 'RESTRICTED' END,
          CASE WHEN p.kinds IS NOT NULL THEN 'PROHIBITED' END,
          CASE WHEN p.lists THEN 'LIST_PUBLICATION' END,
          CASE WHEN NOT (${contact.present}) THEN 'NO_CONTACT_FOR_CHANNEL' END,
          CASE WHEN bp.lists IS NOT NULL OR ba.lists IS NOT NULL THEN 'EXTERNAL_OPT_OUT' END,
          CASE WHEN mx.customer_id IS NOT NULL THEN 'MANUAL' END
        ]::text[], NULL) AS reasons
      FROM candidates k
      LEFT JOIN prohibited p ON p.customer_id = k.id
      LEFT JOIN by_phone bp ON bp.phone = k.phone
      LEFT JOIN by_address ba ON ba.name_key = k.name_key AND ba.street_key = k.street_key AND ba.postal_code = k.postal_code
      LEFT JOIN manual mx ON mx.customer_id = k.id
    ),
    ranked AS (
      -- Of several eligible rows with one contact point, the oldest customer stays; the rest are duplicates.
      -- Narrow rows, compared bytewise: the sort over a whole register stays in memory and quick.
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
  c.country, c.restricted, c.pending_erasure, c.anonymised_at, c.name_key, c.street_key`;
