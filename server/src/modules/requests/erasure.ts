import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import { badInput } from '../../errors';
import type { JobQueue } from '../../jobs/job-queue';
import type { Logger } from '../../logger';
import type { Suppression } from '../prohibitions/suppression';
import type { Deadlines } from './deadlines';
import { carryOut, insertItems, statusOf } from './erasure-carry-out';
import { finishHolds, type HoldDeps } from './erasure-holds';
import type { ErasureMode, ErasurePlanner, PlannedItem } from './erasure-plan';
import {
  beginErasing,
  deletePlan,
  isPendingErasure,
  itemsOf,
  itemsOfRequest,
  markDone,
  markHeld,
  markPendingErasure,
  wasExecuted,
  type ErasureItemRow,
} from './erasure.repository';
import { PrivacyDocumentKind, requesterAddressee, type PrivacyDocuments } from './documents';
import { erasureReply } from './letters';
import type { RecipientNotices } from './recipient-notices';
import {
  ErasureAction,
  ErasureItemState,
  HoldReason,
  NoticeKind,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type ErasureItem,
  type ErasurePlan,
} from './request.model';
import type { RetainedVouchers } from './retained-vouchers';
import type { RequestsService } from './requests.service';

/** The queue that finishes held erasures when their holds lapse (invoice paid, retention over). */
export const ERASURE_HOLDS_QUEUE = 'erasure-holds';

function itemFromRow(r: ErasureItemRow): ErasureItem {
  return {
    id: r.id,
    table: r.table_name,
    action: r.action,
    reason: r.reason,
    until: r.until, // a SQL date reads as 'YYYY-MM-DD' (db/data-source.ts)
    rowCount: r.row_count,
    fields: r.fields,
    state: r.state,
    doneAt: r.done_at,
  };
}

const ERASURE_TYPES = [PrivacyRequestType.ERASURE, PrivacyRequestType.ANONYMISATION];

/**
 * P10 erasure and P17 anonymisation: a plan per table (and group of rows) of what is erased now,
 * anonymised (an accounting record kept without identity) or held with a reason and a date; one
 * transaction to carry it out; and the held part finishing by itself when its hold lapses.
 * Evidence names tables, fields and row counts, never personal data.
 */
export class Erasures {
  constructor(
    private readonly db: DataSource,
    private readonly requests: RequestsService,
    private readonly planner: ErasurePlanner,
    private readonly deadlines: Deadlines,
    private readonly suppression: Suppression,
    private readonly documents: PrivacyDocuments,
    private readonly notices: RecipientNotices,
    private readonly vouchers: RetainedVouchers,
    private readonly logger: Logger,
  ) {}

  /** What carrying out a plan line and finishing holds need (erasure-carry-out.ts, erasure-holds.ts). */
  private get holdDeps(): HoldDeps {
    const { db, requests, planner, deadlines, documents, vouchers, logger } = this;
    return { db, requests, planner, deadlines, documents, vouchers, logger };
  }

  /**
   * P10: after an invoice of a customer pending erasure changes, queue the check that finishes the
   * held erasure. The invoice change is already committed: a failure here is logged, and the nightly
   * run finishes the hold.
   */
  async queueHeldErasure(queue: Pick<JobQueue, 'send'>, customerId: string): Promise<void> {
    try {
      if (await isPendingErasure(this.db, customerId)) await queue.send(ERASURE_HOLDS_QUEUE, { customerId });
    } catch (error) {
      this.logger.error({ err: error, customerId }, 'could not queue the held erasure');
    }
  }

  /**
   * Finishes what was held once its hold has lapsed: an invoice paid or out of collection, a
   * retention period over. Runs from the job queue (after an invoice changes, and daily).
   */
  finishHolds(customerId?: string): Promise<number> {
    return finishHolds(this.holdDeps, customerId);
  }

  /** The plans of several requests (DataLoader); the field guard decides who sees `erasurePlan`. */
  async itemsFor(requestIds: readonly string[]): Promise<ErasureItem[][]> {
    const rows = await itemsOf(this.db, requestIds);
    return requestIds.map((id) => rows.filter((r) => r.request_id === id).map(itemFromRow));
  }

  async plan(actor: Actor, id: string): Promise<ErasurePlan> {
    const request = await this.requests.workOnCustomer(actor, id, { types: ERASURE_TYPES }, async (tx, row) => {
      if (await wasExecuted(tx, id)) throw badInput('id', 'This erasure has already been carried out.');
      const items = await this.planner.compute(tx, row.customer_id, row.type as ErasureMode);
      await deletePlan(tx, id);
      await insertItems(tx, id, items, 1);
      await this.requests.transition(tx, actor, row, PrivacyRequestStatus.AWAITING_DECISION, 'PLANNED', null, summary(items));
      await this.requests.audit(tx, actor, 'ERASURE_PLANNED', row, summary(items));
    });
    const [items] = await this.itemsFor([id]);
    return { request, items };
  }

  /** Carries out the plan in one transaction; whatever is held waits for its hold to lapse. */
  async execute(actor: Actor, id: string): Promise<ErasurePlan> {
    // Erasing is an action of its own in the permission table, beyond working the queue.
    requireRight(actor, 'erase', 'Customer', "Only a privacy officer carries out the erasure of a customer's data.");
    const request = await this.requests.workOnCustomer(actor, id, { types: ERASURE_TYPES }, async (tx, row) => {
      const planned = await itemsOfRequest(tx, id, true);
      if (planned.length === 0) throw badInput('id', 'Make the erasure plan first.');
      if (planned.some((p) => p.state !== ErasureItemState.PLANNED)) throw badInput('id', 'This erasure has already been carried out.');
      // The plan must still describe the data: anything new since planning means planning again.
      const fresh = await this.planner.compute(tx, row.customer_id, row.type as ErasureMode);
      if (JSON.stringify(fresh.map(signature)) !== JSON.stringify(planned.map(plannedFromRow).map(signature))) {
        throw badInput('id', 'The data changed after the plan was made. Make the plan again and check it.');
      }
      await beginErasing(tx, row.customer_id);
      const now = this.requests.now();
      const held = planned.filter((p) => p.action === ErasureAction.HOLD);
      // Before anything goes: whom the reply reaches, and (GDPR 19) every recipient of the data is told whom it is about.
      const to = await requesterAddressee(tx, row);
      const recipients = await this.notices.notifyAll(tx, NoticeKind.ERASURE, row, actor.user.id, now);
      // Suppression first, while the email and phone are still there (P15, P17).
      await this.suppression.retain(tx, row.customer_id);
      for (const item of planned) {
        if (item.action === ErasureAction.HOLD) {
          await markHeld(tx, item.id);
          continue;
        }
        await carryOut(this.holdDeps, tx, row, item);
        await markDone(tx, item.id, now);
      }
      const identityHeld = held.some((h) => h.table_name === 'customers');
      if (identityHeld) await markPendingErasure(tx, row.customer_id);
      const after = await itemsOfRequest(tx, id);
      const document = await this.documents.store(tx, {
        requestId: id,
        kind: PrivacyDocumentKind.ERASURE_REPLY,
        addressee: to,
        filename: `request-${row.request_number}-${row.type === 'ERASURE' ? 'erasure' : 'anonymisation'}-reply.html`,
        contentType: 'text/html; charset=utf-8',
        content: erasureReply(this.documents.dates, to, row, after, recipients, now),
        actorId: actor.user.id,
      });
      const evidence = after.map((p) => ({
        table: p.table_name,
        action: p.action,
        state: p.state,
        rows: p.row_count,
        fields: p.fields,
        reason: p.reason,
        until: p.until,
      }));
      await this.requests.transition(tx, actor, row, statusOf(after), 'EXECUTED', null, {
        evidence,
        documentId: document.id,
        recipientsNotified: recipients.length,
      });
      await this.requests.audit(tx, actor, 'ERASURE_EXECUTED', row, { evidence });
    });
    const [items] = await this.itemsFor([id]);
    return { request, items };
  }
}

/** What a plan line must still say when it is carried out. */
function signature(item: PlannedItem): string {
  // The evidence hold runs from the day of planning: its date is not part of what must still hold.
  const until = item.until && item.reason !== HoldReason.LEGAL_OBLIGATION ? item.until : '';
  return `${item.table}|${item.action}|${item.reason ?? ''}|${until}|${item.rowCount}`;
}

/** A stored plan line, as the planner writes one. */
function plannedFromRow(r: ErasureItemRow): PlannedItem {
  return {
    table: r.table_name,
    action: r.action,
    reason: r.reason ?? undefined,
    until: r.until ?? undefined,
    rowIds: r.row_ids,
    rowCount: r.row_count,
    fields: r.fields,
  };
}

function summary(items: PlannedItem[]) {
  return { items: items.map((i) => ({ table: i.table, action: i.action, reason: i.reason ?? null, until: i.until ?? null, rows: i.rowCount })) };
}
