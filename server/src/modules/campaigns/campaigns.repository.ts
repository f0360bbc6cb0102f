import type { SessionUser } from '../../auth/sessions';
import { affected, execute, many, maybeOne, one, Params, type Db, type Where } from '../../db/sql';
import type { ContactChannel } from '../prohibitions/prohibition.model';
import type {
  CampaignPurpose,
  CampaignRecord,
  ExclusionReason,
  SegmentCriteria,
  TargetListEntryRecord,
  TargetListRecord,
  TargetListStatus,
} from './campaign.model';
import { CANDIDATE_COLUMNS, judgedCandidates } from './exclusion-rules';
import { segmentCondition, type SegmentTime } from './segment-sql';

/** The SQL of campaigns and target-list builds (P3, P15). Conditions from the gate come in as `Where`. */

const CAMPAIGN_SELECT = `
  SELECT c.id, c.name, c.purpose, c.channel, c.segment, u.username AS owner, c.status, c.version,
         c.created_at AS "createdAt", c.updated_at AS "updatedAt"
    FROM campaigns c JOIN users u ON u.id = c.owner_id`;

/** The campaigns `visible` lets through (alias `c`), newest first. */
export function listCampaigns(db: Db, visible: Where): Promise<CampaignRecord[]> {
  return many<CampaignRecord>(db, `${CAMPAIGN_SELECT} WHERE ${visible} ORDER BY c.created_at DESC`, visible.params);
}

export function findCampaign(db: Db, id: string, visible: Where): Promise<CampaignRecord | undefined> {
  const at = visible.bind(id);
  return maybeOne<CampaignRecord>(db, `${CAMPAIGN_SELECT} WHERE c.id = ${at} AND ${visible}`, visible.params);
}

export interface CampaignInsert {
  name: string;
  purpose: CampaignPurpose;
  channel: ContactChannel;
  segment: SegmentCriteria;
  ownerId: string;
}

export async function insertCampaign(tx: Db, campaign: CampaignInsert): Promise<string> {
  const { id } = await one<{ id: string }>(tx, `INSERT INTO campaigns (name, purpose, channel, segment, owner_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    campaign.name,
    campaign.purpose,
    campaign.channel,
    JSON.stringify(campaign.segment),
    campaign.ownerId,
  ]);
  return id;
}

/** Archives the campaign as loaded: 0 when someone changed it in between (a conflict). */
export function archiveCampaign(tx: Db, id: string, version: number): Promise<number> {
  return affected(tx, `UPDATE campaigns SET status = 'ARCHIVED', version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, [id, version]);
}

/** How many customers `visible` lets through (alias `c`) the segment matches. */
export async function countSegment(db: Db, segment: SegmentCriteria, at: SegmentTime, visible: Where): Promise<number> {
  const matches = segmentCondition(segment, visible, at);
  const { n } = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM customers c WHERE ${visible} AND ${matches}`, visible.params);
  return n;
}

export interface TargetListInsert {
  campaignId: string;
  purpose: CampaignPurpose;
  channel: ContactChannel;
  segment: SegmentCriteria;
  requestedBy: string;
}

export async function insertTargetList(tx: Db, list: TargetListInsert): Promise<string> {
  const { id } = await one<{ id: string }>(
    tx,
    `INSERT INTO target_lists (campaign_id, purpose, channel, segment, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [list.campaignId, list.purpose, list.channel, JSON.stringify(list.segment), list.requestedBy],
  );
  return id;
}

const TARGET_LIST_SELECT = `
  SELECT t.id, t.campaign_id AS "campaignId", t.status, t.progress, t.error, t.included_count AS "includedCount",
         t.excluded_count AS "excludedCount", t.built_at AS "builtAt"
    FROM target_lists t`;

export function findTargetList(db: Db, id: string, visible: Where): Promise<TargetListRecord | undefined> {
  const at = visible.bind(id);
  return maybeOne<TargetListRecord>(db, `${TARGET_LIST_SELECT} WHERE t.id = ${at} AND ${visible}`, visible.params);
}

export function latestTargetList(db: Db, campaignId: string, visible: Where): Promise<TargetListRecord | undefined> {
  const campaign = visible.bind(campaignId);
  return maybeOne<TargetListRecord>(
    db,
    `${TARGET_LIST_SELECT} WHERE t.campaign_id = ${campaign} AND ${visible} ORDER BY t.created_at DESC LIMIT 1`,
    visible.params,
  );
}

/**
 * Exact counts by reason over the exclusions `visible` lets through (alias `e`, the same condition
 * as the list of exclusions): the service tells them k-anonymously.
 */
export function exclusionCounts(db: Db, targetListId: string, visible: Where): Promise<Array<{ reason: ExclusionReason; count: number }>> {
  const list = visible.bind(targetListId);
  return many<{ reason: ExclusionReason; count: number }>(
    db,
    `SELECT reason, count(*)::int AS count FROM target_list_exclusions e, unnest(e.reasons) AS reason
      WHERE e.target_list_id = ${list} AND ${visible} GROUP BY reason ORDER BY count DESC, reason`,
    visible.params,
  );
}

interface EntryRow {
  customerId: string;
  customerNumber: string;
  reasons: ExclusionReason[] | null;
  prohibitedKinds: string[] | null;
  optOutLists: string[] | null;
}

/** Members or exclusions after a customer number, in customer-number order; `visible` filters the entries (alias `e`). */
export async function targetListEntries(
  db: Db,
  table: 'members' | 'exclusions',
  targetListId: string,
  afterNumber: string | null,
  limit: number,
  visible: Where,
): Promise<TargetListEntryRecord[]> {
  const extra =
    table === 'exclusions'
      ? `e.reasons, e.prohibited_kinds AS "prohibitedKinds", e.opt_out_lists AS "optOutLists"`
      : `NULL::text[] AS reasons, NULL::text[] AS "prohibitedKinds", NULL::text[] AS "optOutLists"`;
  const list = visible.bind(targetListId);
  const after = visible.bind(afterNumber);
  const rows = await many<EntryRow>(
    db,
    `SELECT e.customer_id AS "customerId", e.customer_number::text AS "customerNumber", ${extra}
       FROM target_list_${table} e
      WHERE e.target_list_id = ${list} AND (${after}::bigint IS NULL OR e.customer_number > ${after}::bigint) AND ${visible}
      ORDER BY e.customer_number LIMIT ${visible.bind(limit)}`,
    visible.params,
  );
  return rows.map((r) => ({
    ...r,
    customer: null,
    prohibitedKinds: r.prohibitedKinds?.length ? r.prohibitedKinds : null,
    optOutLists: r.optOutLists?.length ? r.optOutLists : null,
  }));
}

/** What a build needs of its list. */
export interface BuildJob {
  id: string;
  campaignId: string;
  status: TargetListStatus;
  purpose: CampaignPurpose;
  channel: ContactChannel;
  segment: SegmentCriteria;
  requestedBy: string;
}

export function buildJob(db: Db, id: string): Promise<BuildJob | undefined> {
  return maybeOne<BuildJob>(
    db,
    `SELECT id, campaign_id AS "campaignId", status, purpose, channel, segment, requested_by AS "requestedBy" FROM target_lists WHERE id = $1`,
    [id],
  );
}

/** The user who asked for a build, as a session would know them; undefined once deactivated. */
export function activeUser(db: Db, id: string): Promise<SessionUser | undefined> {
  return maybeOne<SessionUser>(
    db,
    `SELECT id, username, display_name AS "displayName", roles, partner_id AS "partnerId", must_change_password AS "mustChangePassword",
            confidentiality_accepted_version AS "confidentialityAcceptedVersion"
       FROM users WHERE id = $1 AND active`,
    [id],
  );
}

export async function markBuilding(db: Db, id: string): Promise<void> {
  await execute(db, `UPDATE target_lists SET status = 'BUILDING', progress = 10, error = NULL WHERE id = $1`, [id]);
}

export async function markFailed(db: Db, id: string, error: string): Promise<void> {
  await execute(db, `UPDATE target_lists SET status = 'FAILED', error = $2 WHERE id = $1`, [id, error]);
}

/**
 * The build as one INSERT ... SELECT into both members and exclusions (data-modifying CTEs): the
 * segment's customers that `visible` lets through (alias `c`), each judged against the rules.
 */
export function buildStatement(job: BuildJob, at: SegmentTime & { today: string }, visible: Where): { sql: string; params: unknown[] } {
  const params: Params = visible;
  const list = params.bind(job.id);
  const where = segmentCondition(job.segment, params, at);
  const rules = judgedCandidates({ campaignId: job.campaignId, purpose: job.purpose, channel: job.channel, segment: job.segment, today: at.today }, params);
  const sql = `
    WITH candidates AS (SELECT ${CANDIDATE_COLUMNS} FROM customers c WHERE ${visible} AND ${where}),
    ${rules},
    members AS (
      INSERT INTO target_list_members (target_list_id, customer_id, customer_number)
      SELECT ${list}, id, customer_number FROM final WHERE cardinality(all_reasons) = 0 ORDER BY customer_number RETURNING 1),
    exclusions AS (
      INSERT INTO target_list_exclusions (target_list_id, customer_id, customer_number, reasons, prohibited_kinds, opt_out_lists)
      SELECT ${list}, id, customer_number, all_reasons, nullif(prohibited_kinds, '{}'), nullif(opt_out_lists, '{}')
        FROM final WHERE cardinality(all_reasons) > 0
       ORDER BY customer_number -- in key order, the snapshot's index grows at its right edge
      RETURNING 1)
    SELECT (SELECT count(*)::int FROM members) AS included, (SELECT count(*)::int FROM exclusions) AS excluded`;
  return { sql, params: visible.params };
}

/** Replaces the list's snapshot in the caller's transaction; answers how many are on it and how many kept off. */
export async function writeSnapshot(
  tx: Db,
  job: BuildJob,
  at: SegmentTime & { today: string },
  visible: Where,
): Promise<{ included: number; excluded: number }> {
  // A whole-register build sorts a million rows: give this one transaction the memory to do it in RAM.
  await execute(tx, `SET LOCAL work_mem = '256MB'`);
  await execute(tx, `DELETE FROM target_list_members WHERE target_list_id = $1`, [job.id]);
  await execute(tx, `DELETE FROM target_list_exclusions WHERE target_list_id = $1`, [job.id]);
  const { sql, params } = buildStatement(job, at, visible);
  return one<{ included: number; excluded: number }>(tx, sql, params);
}

export async function markBuilt(tx: Db, job: BuildJob, counts: { included: number; excluded: number }): Promise<void> {
  await execute(tx, `UPDATE target_lists SET status = 'BUILT', progress = 100, included_count = $2, excluded_count = $3, built_at = now() WHERE id = $1`, [
    job.id,
    counts.included,
    counts.excluded,
  ]);
  await execute(tx, `UPDATE campaigns SET status = 'BUILT', updated_at = now() WHERE id = $1 AND status = 'DRAFT'`, [job.campaignId]);
}
