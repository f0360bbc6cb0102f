import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import { actorOf, type Actor } from '../../auth/actor';
import { allows, assertWritable, kAnonymous, requireRight, visibleWhere, type KCount } from '../../auth/authorize';
import { decodeCursor, pageLimit, toPage } from '../../db/paging';
import { readReplica } from '../../db/replicas';
import { Where } from '../../db/sql';
import { badInput, conflict, forbidden, isUuid, notFound } from '../../errors';
import type { JobQueue } from '../../jobs/job-queue';
import type { Logger } from '../../logger';
import {
  CampaignStatus,
  TargetListStatus,
  type CampaignRecord,
  type HonouredProhibitionRecord,
  type NewCampaign,
  type ReasonCountRecord,
  type SegmentCriteria,
  type TargetListEntryPage,
  type TargetListRecord,
} from './campaign.model';
import {
  activeUser,
  archiveCampaign,
  buildJob,
  countSegment,
  exclusionCounts,
  findCampaign,
  findTargetList,
  insertCampaign,
  insertTargetList,
  latestTargetList,
  listCampaigns,
  markBuilding,
  markBuilt,
  markFailed,
  targetListEntries,
  writeSnapshot,
} from './campaigns.repository';
import type { Clock } from '../../clock';
import { CampaignExclusions } from './campaign-exclusions';
import { CompanyCalendar } from './company-calendar';
import { policyFor } from './exclusion-rules';
import { storedSegment, validateSegment } from './segment-sql';

export const BUILD_QUEUE = 'target-list-build';

/** The rows of `subject` the actor may read, as a WHERE clause under construction (alias `alias`). */
function visible(actor: Actor, subject: 'Campaign' | 'TargetList' | 'TargetListEntry' | 'Customer', alias: string): Where {
  const where = new Where();
  return where.and(visibleWhere(actor, subject, where, alias));
}

/** P3: campaigns and suppression-aware target lists, inside the company. */
export class CampaignsService {
  private readonly calendar: CompanyCalendar;
  /** Issue 16: the campaigns' manual exclusions. */
  readonly exclusions: CampaignExclusions;

  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
    clock: Clock,
    timeZone: string,
  ) {
    this.calendar = new CompanyCalendar(clock, timeZone);
    this.exclusions = new CampaignExclusions(db, (actor, id) => this.get(actor, id));
  }

  async list(actor: Actor): Promise<CampaignRecord[]> {
    requireRight(actor, 'read', 'Campaign', 'You may not read campaigns.');
    return listCampaigns(this.db, visible(actor, 'Campaign', 'c'));
  }

  async get(actor: Actor, id: string): Promise<CampaignRecord> {
    requireRight(actor, 'read', 'Campaign', 'You may not read campaigns.');
    const campaign = isUuid(id) ? await findCampaign(this.db, id, visible(actor, 'Campaign', 'c')) : undefined;
    if (!campaign) throw notFound('Campaign');
    return campaign;
  }

  async create(actor: Actor, input: NewCampaign): Promise<CampaignRecord> {
    assertWritable(actor, 'create', 'Campaign', null, ['name', 'purpose', 'channel', 'segment']);
    const name = input.name.trim();
    if (!name) throw badInput('name', 'Name the campaign.');
    const segment = storedSegment(input.segment);
    validateSegment(segment);
    const id = await this.db.transaction(async (tx) => {
      const id = await insertCampaign(tx, { name, purpose: input.purpose, channel: input.channel, segment, ownerId: actor.user.id });
      await recordAuditEvents(tx, [
        {
          action: 'CAMPAIGN_CREATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { campaignId: id, name, purpose: input.purpose, channel: input.channel },
        },
      ]);
      return id;
    });
    return this.get(actor, id);
  }

  /**
   * P15: which prohibitions the campaign's list will honour and why, before it is built: the same
   * table the build and the export's re-check read.
   */
  honouredProhibitions(actor: Actor, campaign: CampaignRecord): HonouredProhibitionRecord[] {
    requireRight(actor, 'read', 'Campaign', 'You may not read campaigns.');
    return policyFor(campaign.purpose, campaign.channel, campaign.segment);
  }

  /** An archived campaign is kept for the record and never built again. */
  async archive(actor: Actor, id: string): Promise<CampaignRecord> {
    requireRight(actor, 'update', 'Campaign', 'You may not archive campaigns.');
    const campaign = await this.get(actor, id);
    assertWritable(actor, 'update', 'Campaign', { ...campaign }, ['status']);
    if (campaign.status === CampaignStatus.ARCHIVED) return campaign;
    await this.db.transaction(async (tx) => {
      if ((await archiveCampaign(tx, id, campaign.version)) === 0) {
        throw conflict('The campaign was changed meanwhile; load it again.', {});
      }
      await recordAuditEvents(tx, [{ action: 'CAMPAIGN_ARCHIVED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { campaignId: id } }]);
    });
    return this.get(actor, id);
  }

  /**
   * A live count while the segment is edited: how many of the customers the actor may see it
   * matches, before exclusions. k-anonymous: narrowing a segment to a few people tells only
   * "fewer than 5", never how many (or what the top spender spent).
   */
  async estimate(actor: Actor, segment: SegmentCriteria | null | undefined): Promise<KCount> {
    if (!allows(actor, 'create', 'Campaign') && !allows(actor, 'read', 'Campaign')) throw forbidden('You may not use segments.');
    const n = await countSegment(this.db, storedSegment(segment), this.calendar.segmentTime(), visible(actor, 'Customer', 'c'));
    return kAnonymous(n);
  }

  /** Queues the build; a worker in any server process snapshots the list. Poll `targetList(id)` for progress. */
  async requestBuild(actor: Actor, campaignId: string): Promise<TargetListRecord> {
    requireRight(actor, 'build', 'TargetList', 'You may not build target lists.');
    const campaign = await this.get(actor, campaignId);
    if (campaign.status === CampaignStatus.ARCHIVED) throw badInput('campaignId', 'An archived campaign is not built again.');
    const id = await this.db.transaction(async (tx) => {
      const id = await insertTargetList(tx, {
        campaignId: campaign.id,
        purpose: campaign.purpose,
        channel: campaign.channel,
        segment: campaign.segment,
        requestedBy: actor.user.id,
      });
      await recordAuditEvents(tx, [
        { action: 'TARGET_LIST_REQUESTED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { campaignId, targetListId: id } },
      ]);
      return id;
    });
    await this.queue.send(BUILD_QUEUE, { targetListId: id });
    return this.targetList(actor, id);
  }

  /**
   * The build itself, in one set-based statement: the segment's customers that the requester may
   * see, each judged against the prohibitions for this purpose and channel, the opt-out lists in
   * force today (the company's calendar) and the request-queue flags; the eligible become members,
   * everyone else an exclusion with all its reasons.
   */
  async runBuild(targetListId: string): Promise<void> {
    const job = await buildJob(this.db, targetListId);
    if (!job || job.status === TargetListStatus.BUILT) return;
    await markBuilding(this.db, targetListId);
    try {
      // The job acts for whoever asked (their right was checked at the request): it sees only the customers they may see.
      const user = await activeUser(this.db, job.requestedBy);
      if (!user) {
        await markFailed(this.db, targetListId, 'The user who asked for this list is no longer active.');
        return;
      }
      const requester = actorOf(user, `job:${BUILD_QUEUE}`);
      const at = { ...this.calendar.segmentTime(), today: this.calendar.today() };
      await this.db.transaction(async (tx) => {
        const counts = await writeSnapshot(tx, job, at, visible(requester, 'Customer', 'c'));
        await markBuilt(tx, job, counts);
        await recordAuditEvents(tx, [{ action: 'TARGET_LIST_BUILT', actorId: job.requestedBy, detail: { targetListId, ...counts } }]);
      });
    } catch (error) {
      this.logger.error({ err: error, targetListId }, 'target list build failed');
      await markFailed(this.db, targetListId, 'The build failed; try again.');
    }
  }

  async targetList(actor: Actor, id: string): Promise<TargetListRecord> {
    requireRight(actor, 'read', 'TargetList', 'You may not read target lists.');
    const list = isUuid(id) ? await findTargetList(this.db, id, visible(actor, 'TargetList', 't')) : undefined;
    if (!list) throw notFound('Target list');
    return list;
  }

  async latestTargetList(actor: Actor, campaignId: string): Promise<TargetListRecord | null> {
    if (!allows(actor, 'read', 'TargetList')) return null;
    return (await latestTargetList(this.db, campaignId, visible(actor, 'TargetList', 't'))) ?? null;
  }

  /** Why customers were kept off, by reason: k-anonymous, so a small group is only "fewer than 5". */
  async exclusionsByReason(actor: Actor, targetListId: string): Promise<ReasonCountRecord[]> {
    requireRight(actor, 'read', 'TargetList', 'You may not read target lists.');
    // A read: on a replica when one answers within the lag bound (inside a transaction, on the primary).
    const counts = await readReplica(this.db, (db) => exclusionCounts(db, targetListId, visible(actor, 'TargetListEntry', 'e')));
    return counts.map(({ reason, count }) => ({ reason, ...kAnonymous(count) }));
  }

  /** Members or exclusions, a page at a time, in customer-number order. */
  async entries(
    actor: Actor,
    table: 'members' | 'exclusions',
    targetListId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<TargetListEntryPage> {
    requireRight(actor, 'read', 'TargetListEntry', 'You may not read target lists.');
    const limit = pageLimit(first);
    const cursor = decodeCursor(after);
    if (cursor !== null && !/^\d+$/.test(cursor)) throw badInput('after', 'The cursor is not valid.');
    // As the customer list: a replica may serve the page; the condition is made afresh for each run of the read.
    const rows = await readReplica(this.db, (db) => targetListEntries(db, table, targetListId, cursor, limit + 1, visible(actor, 'TargetListEntry', 'e')));
    return toPage(rows, limit, (e) => e.customerNumber);
  }
}
