import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import { decodeCursor, pageLimit, toPage } from '../../db/paging';
import { Where, type Db } from '../../db/sql';
import { badInput, conflict, isUuid } from '../../errors';
import { CampaignStatus, type CampaignExclusionPage, type CampaignExclusionsAdded, type CampaignRecord } from './campaign.model';
import { countManualExclusions, deleteExclusion, insertExclusions, lockCampaign, manualExclusions } from './campaign-exclusions.repository';

/** How many customers one call may add: a selection of the customer list, not the register. */
export const MAX_EXCLUSIONS_AT_ONCE = 1000;
const MAX_NOTE = 500;

/** The customers the actor may see (alias `c`), as a condition: the same row rules as the customer list. */
function visibleCustomers(actor: Actor): Where {
  const where = new Where();
  return where.and(visibleWhere(actor, 'Customer', where, 'c'));
}

/**
 * Issue 16, P3, P15: a campaign's manual exclusions, customers marketing keeps off its list by hand. The
 * build and the export's re-check leave them off with the reason MANUAL (`exclusion-rules.ts`). Changed
 * by whoever may change the campaign's exclusions (the permission table's `update Campaign.exclusions`),
 * only for customers they may see; one transaction each, audited.
 */
export class CampaignExclusions {
  constructor(
    private readonly db: DataSource,
    /** The campaign as the actor may read it (NOT_FOUND otherwise). */
    private readonly campaign: (actor: Actor, id: string) => Promise<CampaignRecord>,
  ) {}

  /** Manual exclusions of customers the reader may see, a page at a time, in customer-number order. */
  async page(actor: Actor, campaignId: string, first: number, after: string | null | undefined): Promise<CampaignExclusionPage> {
    requireRight(actor, 'read', 'Campaign', 'You may not read campaigns.');
    const limit = pageLimit(first);
    const cursor = decodeCursor(after);
    if (cursor !== null && !/^\d+$/.test(cursor)) throw badInput('after', 'The cursor is not valid.');
    // On the primary: the page a person opens right after adding customers must show them.
    const rows = await manualExclusions(this.db, campaignId, cursor, limit + 1, visibleCustomers(actor));
    const totalCount = await countManualExclusions(this.db, campaignId, visibleCustomers(actor));
    return { ...toPage(rows, limit, (e) => e.customerNumber), totalCount };
  }

  /**
   * Adds the customers the actor may see; one they may not see (or that does not exist) is counted as not
   * found, never told apart. Bad input changes nothing.
   */
  async add(actor: Actor, campaignId: string, customerIds: readonly string[], note?: string | null): Promise<CampaignExclusionsAdded> {
    requireRight(actor, 'update', 'Campaign', 'You may not change campaigns.');
    if (customerIds.length === 0) throw badInput('customerIds', 'Choose at least one customer.');
    if (customerIds.length > MAX_EXCLUSIONS_AT_ONCE) throw badInput('customerIds', `At most ${MAX_EXCLUSIONS_AT_ONCE} customers at a time.`);
    if (!customerIds.every(isUuid)) throw badInput('customerIds', 'Not a customer id: ids are UUIDs.');
    const text = note?.trim() || null;
    if (text && text.length > MAX_NOTE) throw badInput('note', `The note is at most ${MAX_NOTE} characters.`);
    const campaign = await this.writable(actor, campaignId);
    const ids = [...new Set(customerIds.map((id) => id.toLowerCase()))];
    return this.db.transaction(async (tx) => {
      await this.stillOpen(tx, campaign.id);
      const result = await insertExclusions(tx, campaign.id, ids, actor.user.id, text, visibleCustomers(actor));
      if (result.added.length > 0) {
        await recordAuditEvents(tx, [
          {
            action: 'CAMPAIGN_EXCLUSIONS_ADDED',
            actorId: actor.user.id,
            actorUsername: actor.user.username,
            customerIds: result.added,
            detail: { campaignId: campaign.id, added: result.added.length, withNote: text !== null },
          },
        ]);
      }
      return { added: result.added.length, alreadyExcluded: result.seen - result.added.length, notFound: result.asked - result.seen };
    });
  }

  /** Takes a customer the actor may see off the manual exclusions: false when they were not on them. */
  async remove(actor: Actor, campaignId: string, customerId: string): Promise<boolean> {
    requireRight(actor, 'update', 'Campaign', 'You may not change campaigns.');
    if (!isUuid(customerId)) throw badInput('customerId', 'Not a customer id: ids are UUIDs.');
    const campaign = await this.writable(actor, campaignId);
    return this.db.transaction(async (tx) => {
      await this.stillOpen(tx, campaign.id);
      const removed = await deleteExclusion(tx, campaign.id, customerId.toLowerCase(), visibleCustomers(actor));
      if (removed) {
        await recordAuditEvents(tx, [
          {
            action: 'CAMPAIGN_EXCLUSION_REMOVED',
            actorId: actor.user.id,
            actorUsername: actor.user.username,
            customerId: customerId.toLowerCase(),
            detail: { campaignId: campaign.id },
          },
        ]);
      }
      return removed;
    });
  }

  private async writable(actor: Actor, campaignId: string): Promise<CampaignRecord> {
    const campaign = await this.campaign(actor, campaignId);
    assertWritable(actor, 'update', 'Campaign', { ...campaign }, ['exclusions']);
    if (campaign.status === CampaignStatus.ARCHIVED) throw badInput('campaignId', 'An archived campaign is kept as it was; its exclusions are not changed.');
    return campaign;
  }

  /** Under the campaign's lock: archived meanwhile is a conflict. */
  private async stillOpen(tx: Db, campaignId: string): Promise<void> {
    const locked = await lockCampaign(tx, campaignId);
    if (!locked || locked.status === CampaignStatus.ARCHIVED) throw conflict('The campaign was archived meanwhile; load it again.', {});
  }
}
