import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import { decodeCursor, MAX_PAGE_SIZE, toPage } from '../../db/paging';
import type { JobQueue } from '../../jobs/job-queue';
import type { Logger } from '../../logger';
import {
  CampaignStatus,
  type Campaign,
  type CreateCampaignInput,
  type ReasonCount,
  type Segment,
  type TargetList,
  type TargetListEntry,
  type TargetListEntryConnection,
} from './campaign.type';
import { CANDIDATE_COLUMNS, judgedCandidates, prohibitionKindsFor } from './exclusion-rules';
import { segmentCondition, storedSegment } from './segment-sql';

export const BUILD_QUEUE = 'target-list-build';

function campaignFromRow(row: Record<string, any>): Campaign {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    channel: row.channel,
    segment: row.segment,
    owner: row.owner,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function targetListFromRow(row: Record<string, any>): TargetList {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    status: row.status,
    progress: row.progress,
    error: row.error,
    includedCount: row.included_count,
    excludedCount: row.excluded_count,
    builtAt: row.built_at,
  };
}

const CAMPAIGN_SELECT = `SELECT c.*, u.username AS owner FROM campaigns c JOIN users u ON u.id = c.owner_id`;

/** P3: campaigns and suppression-aware target lists, inside the company. */
export class CampaignsService {
  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
  ) {}

  async list(actor: Actor): Promise<Campaign[]> {
    if (!actor.ability.can('read', 'Campaign')) throw forbidden('You may not read campaigns.');
    return (await this.db.query(`${CAMPAIGN_SELECT} ORDER BY c.created_at DESC`)).map(campaignFromRow);
  }

  async get(actor: Actor, id: string): Promise<Campaign> {
    if (!actor.ability.can('read', 'Campaign')) throw forbidden('You may not read campaigns.');
    const [row] = isUuid(id) ? await this.db.query(`${CAMPAIGN_SELECT} WHERE c.id = $1`, [id]) : [];
    if (!row) throw notFound('Campaign');
    return campaignFromRow(row);
  }

  async create(actor: Actor, input: CreateCampaignInput): Promise<Campaign> {
    if (!actor.ability.can('create', 'Campaign')) throw forbidden('You may not create campaigns.');
    const name = input.name.trim();
    if (!name) throw badInput('name', 'Name the campaign.');
    const segment = storedSegment(input.segment);
    segmentCondition(segment, []); // validates
    const id = await this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO campaigns (name, purpose, channel, segment, owner_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [name, input.purpose, input.channel, JSON.stringify(segment), actor.user.id],
      );
      await recordAuditEvents(tx, [
        { action: 'CAMPAIGN_CREATED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { campaignId: id, name, purpose: input.purpose, channel: input.channel } },
      ]);
      return id as string;
    });
    return this.get(actor, id);
  }

  /** An archived campaign is kept for the record and never built again. */
  async archive(actor: Actor, id: string): Promise<Campaign> {
    if (!actor.ability.can('update', 'Campaign', 'status')) throw forbidden('You may not archive campaigns.');
    const campaign = await this.get(actor, id);
    if (campaign.status === CampaignStatus.ARCHIVED) return campaign;
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE campaigns SET status = 'ARCHIVED', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await recordAuditEvents(tx, [
        { action: 'CAMPAIGN_ARCHIVED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { campaignId: id } },
      ]);
    });
    return this.get(actor, id);
  }

  /** A live count while the segment is edited: how many customers it matches, before exclusions. */
  async estimate(actor: Actor, segment: Segment | null | undefined): Promise<number> {
    if (!actor.ability.can('create', 'Campaign') && !actor.ability.can('read', 'Campaign')) throw forbidden('You may not use segments.');
    const params: unknown[] = [];
    const where = segmentCondition(storedSegment(segment), params);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM customers c WHERE ${where}`, params);
    return n;
  }

  /** Queues the build; a worker in any server process snapshots the list. Poll `targetList(id)` for progress. */
  async requestBuild(actor: Actor, campaignId: string): Promise<TargetList> {
    if (!actor.ability.can('build', 'TargetList')) throw forbidden('You may not build target lists.');
    const campaign = await this.get(actor, campaignId);
    if (campaign.status === CampaignStatus.ARCHIVED) throw badInput('campaignId', 'An archived campaign is not built again.');
    const id = await this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO target_lists (campaign_id, purpose, channel, segment, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [campaign.id, campaign.purpose, campaign.channel, JSON.stringify(campaign.segment), actor.user.id],
      );
      await recordAuditEvents(tx, [
        { action: 'TARGET_LIST_REQUESTED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { campaignId, targetListId: id } },
      ]);
      return id as string;
    });
    await this.queue.send(BUILD_QUEUE, { targetListId: id });
    return this.targetList(actor, id);
  }

  /**
   * The build itself, in one set-based statement: the segment's customers, each judged against the
   * prohibitions for this purpose and channel, the opt-out lists and the request-queue flags; the
   * eligible become members, everyone else an exclusion with all its reasons.
   */
  async runBuild(targetListId: string): Promise<void> {
    const [list] = await this.db.query(`SELECT * FROM target_lists WHERE id = $1`, [targetListId]);
    if (!list || list.status === 'BUILT') return;
    await this.db.query(`UPDATE target_lists SET status = 'BUILDING', progress = 10, error = NULL WHERE id = $1`, [targetListId]);
    try {
      await this.db.transaction(async (tx) => {
        // A whole-register build sorts a million rows: give this one transaction the memory to do it in RAM.
        await tx.query(`SET LOCAL work_mem = '256MB'`);
        await tx.query(`DELETE FROM target_list_members WHERE target_list_id = $1`, [targetListId]);
        await tx.query(`DELETE FROM target_list_exclusions WHERE target_list_id = $1`, [targetListId]);
        const { sql, params } = buildStatement(targetListId, list.purpose, list.channel, list.segment);
        const [{ included, excluded }] = await tx.query(sql, params);
        await tx.query(
          `UPDATE target_lists SET status = 'BUILT', progress = 100, included_count = $2, excluded_count = $3, built_at = now() WHERE id = $1`,
          [targetListId, included, excluded],
        );
        await tx.query(`UPDATE campaigns SET status = 'BUILT', updated_at = now() WHERE id = $1 AND status = 'DRAFT'`, [list.campaign_id]);
        await recordAuditEvents(tx, [
          { action: 'TARGET_LIST_BUILT', actorId: list.requested_by, detail: { targetListId, included, excluded } },
        ]);
      });
    } catch (error) {
      this.logger.error({ err: error, targetListId }, 'target list build failed');
      await this.db.query(`UPDATE target_lists SET status = 'FAILED', error = $2 WHERE id = $1`, [targetListId, 'The build failed; try again.']);
    }
  }

  async targetList(actor: Actor, id: string): Promise<TargetList> {
    if (!actor.ability.can('read', 'TargetList')) throw forbidden('You may not read target lists.');
    const [row] = isUuid(id) ? await this.db.query(`SELECT * FROM target_lists WHERE id = $1`, [id]) : [];
    if (!row) throw notFound('Target list');
    return targetListFromRow(row);
  }

  async latestTargetList(actor: Actor, campaignId: string): Promise<TargetList | null> {
    if (!actor.ability.can('read', 'TargetList')) return null;
    const [row] = await this.db.query(`SELECT * FROM target_lists WHERE campaign_id = $1 ORDER BY created_at DESC LIMIT 1`, [campaignId]);
    return row ? targetListFromRow(row) : null;
  }

  async exclusionsByReason(targetListId: string): Promise<ReasonCount[]> {
    return this.db.query(
      `SELECT reason, count(*)::int AS count FROM target_list_exclusions, unnest(reasons) AS reason
        WHERE target_list_id = $1 GROUP BY reason ORDER BY count DESC, reason`,
      [targetListId],
    );
  }

  /** Members or exclusions, a page at a time, in customer-number order. */
  async entries(table: 'members' | 'exclusions', targetListId: string, first: number, after: string | null | undefined): Promise<TargetListEntryConnection> {
    const limit = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const cursor = decodeCursor(after);
    if (cursor !== null && !/^\d+$/.test(cursor)) throw badInput('after', 'The cursor is not valid.');
    const extra = table === 'exclusions' ? ', e.reasons, e.prohibited_kinds, e.opt_out_lists' : '';
    const rows = await this.db.query(
      `SELECT e.customer_id, e.customer_number${extra} FROM target_list_${table} e
        WHERE e.target_list_id = $1 AND ($2::bigint IS NULL OR e.customer_number > $2::bigint)
        ORDER BY e.customer_number LIMIT $3`,
      [targetListId, cursor, limit + 1],
    );
    const entries: TargetListEntry[] = rows.map((r: Record<string, any>) => ({
      customerId: r.customer_id,
      customerNumber: String(r.customer_number),
      customer: null,
      reasons: r.reasons ?? null,
      prohibitedKinds: r.prohibited_kinds?.length ? r.prohibited_kinds : null,
      optOutLists: r.opt_out_lists?.length ? r.opt_out_lists : null,
    }));
    return toPage(entries, limit, (e) => e.customerNumber);
  }
}

/** The build as one INSERT ... SELECT into both members and exclusions (data-modifying CTEs). */
export function buildStatement(targetListId: string, purpose: string, channel: string, segment: Segment): { sql: string; params: unknown[] } {
  const params: unknown[] = [targetListId, prohibitionKindsFor(purpose as never, channel), channel];
  const where = segmentCondition(segment, params);
  const rules = judgedCandidates({ kinds: '$2::text[]', channel: '$3::text', optOut: purpose !== 'MARKET_AND_OPINION_RESEARCH', channelName: channel });
  const sql = `
    WITH candidates AS (SELECT ${CANDIDATE_COLUMNS} FROM customers c WHERE ${where}),
    ${rules},
    members AS (
      INSERT INTO target_list_members (target_list_id, customer_id, customer_number)
      SELECT $1, id, customer_number FROM final WHERE cardinality(all_reasons) = 0 ORDER BY customer_number RETURNING 1),
    exclusions AS (
      INSERT INTO target_list_exclusions (target_list_id, customer_id, customer_number, reasons, prohibited_kinds, opt_out_lists)
      SELECT $1, id, customer_number, all_reasons, nullif(prohibited_kinds, '{}'), nullif(opt_out_lists, '{}')
        FROM final WHERE cardinality(all_reasons) > 0
       ORDER BY customer_number -- in key order, the snapshot's index grows at its right edge
      RETURNING 1)
    SELECT (SELECT count(*)::int FROM members) AS included, (SELECT count(*)::int FROM exclusions) AS excluded`;
  return { sql, params };
}
