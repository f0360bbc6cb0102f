import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import { badInput } from '../../errors';
import type { JobQueue } from '../../jobs/job-queue';
import type { Logger } from '../../logger';
import type { Suppression } from '../prohibitions/suppression';
import type { Deadlines } from './deadlines';
import type { ErasureMode, ErasurePlanner, PlannedItem } from './erasure-plan';
import {
  anonymiseCustomer,
  anonymiseInvoices,
  anonymiseOrders,
  anonymiseRequests,
  beginErasing,
  deletePlan,
  eraseAuditValues,
  eraseInvoices,
  eraseOrders,
  eraseProhibitionLedger,
  eraseProvenance,
  eraseProvenanceRows,
  eraseTargetListEntries,
  eraseTargetListExports,
  heldItemsOf,
  insertItem,
  isPendingErasure,
  itemsOf,
  itemsOfRequest,
  lastPosition,
  liveInvoiceRemains,
  markDone,
  markHeld,
  markPendingErasure,
  minimiseCustomer,
  ordersHaveInvoices,
  requestIdsOfCustomer,
  requestsWithHolds,
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
import { namesCustomer, type CustomerRequestRow } from './requests.repository';
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
      await this.insertItems(tx, id, items, 1);
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
        await this.carryOut(tx, row, item);
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

  /**
   * Finishes what was held once its hold has lapsed: an invoice paid or out of collection, a
   * retention period over. Runs from the job queue (after an invoice changes, and daily).
   */
  async finishHolds(customerId?: string): Promise<number> {
    // Vouchers whose retention is over lose their buyer, whatever else is held.
    await this.vouchers.purgeExpired();
    let finished = 0;
    for (const id of await requestsWithHolds(this.db, customerId)) {
      try {
        finished += await this.db.transaction((tx) => this.finishRequestHolds(tx, id));
      } catch (error) {
        this.logger.error({ err: error, requestId: id }, 'could not finish held erasure');
      }
    }
    return finished;
  }

  private async finishRequestHolds(tx: EntityManager, id: string): Promise<number> {
    const row = await this.requests.lockedForSystem(tx, id);
    if (!namesCustomer(row)) return 0;
    const held = await heldItemsOf(tx, id);
    if (held.length === 0) return 0;
    await beginErasing(tx, row.customer_id);
    const now = this.requests.now();
    const mode = row.type as ErasureMode;
    const lapsed: ErasureItemRow[] = [];
    const follow: PlannedItem[] = [];
    for (const item of held) {
      if (!(await this.holdLapsed(tx, row, item))) continue;
      lapsed.push(item);
      if (item.reason === HoldReason.OPEN_INVOICE || item.reason === HoldReason.IN_COLLECTION) {
        // Paid: the hold for the debt ends; the voucher's own retention (or anonymisation) follows.
        if (item.table_name === 'invoices') follow.push(...(await this.planner.invoiceItems(tx, item.row_ids, mode)));
        if (item.table_name === 'orders') follow.push(...(await this.planner.orderItems(tx, item.row_ids, mode)));
        if (item.table_name !== 'customers') continue;
      }
      if (item.table_name === 'customers') continue; // anonymised below, once no identity hold remains
      if (item.table_name === 'privacy_requests') await this.documents.erase(tx, item.row_ids, 'ALL');
      await this.carryOut(tx, row, { ...item, action: item.reason === HoldReason.LEGAL_OBLIGATION ? ErasureAction.ANONYMISE : ErasureAction.ERASE });
    }
    if (lapsed.length === 0) return 0;
    for (const item of lapsed) await markDone(tx, item.id, now);
    const customerHolds = held.filter((h) => h.table_name === 'customers');
    if (customerHolds.length > 0 && customerHolds.every((h) => lapsed.includes(h))) {
      await this.vouchers.retain(tx, row);
      await anonymiseCustomer(tx, row.customer_id);
    }
    if (follow.length > 0) {
      const inserted = await this.insertItems(tx, id, follow, (await lastPosition(tx, id)) + 1);
      for (const item of inserted) {
        if (item.action === ErasureAction.HOLD) await markHeld(tx, item.id);
        else {
          await this.carryOut(tx, row, item);
          await markDone(tx, item.id, now);
        }
      }
    }
    const after = await itemsOfRequest(tx, id);
    const evidence = lapsed.map((p) => ({ table: p.table_name, reason: p.reason, rows: p.row_count }));
    await this.requests.transition(tx, null, row, statusOf(after), 'HOLD_LAPSED', null, { lapsed: evidence });
    await this.requests.audit(tx, null, 'ERASURE_HOLD_LAPSED', row, { lapsed: evidence });
    return lapsed.length;
  }

  private async holdLapsed(tx: EntityManager, row: CustomerRequestRow, item: ErasureItemRow): Promise<boolean> {
    const now = this.requests.now();
    switch (item.reason) {
      case HoldReason.OPEN_INVOICE:
      case HoldReason.IN_COLLECTION: {
        // The identity, an invoice or an order is needed while any of its invoices is open or in collection.
        const of =
          item.table_name === 'customers'
            ? { customerId: row.customer_id }
            : item.table_name === 'orders'
              ? { orderIds: item.row_ids }
              : { invoiceIds: item.row_ids };
        return !(await liveInvoiceRemains(tx, of));
      }
      case HoldReason.ACCOUNTING_RETENTION:
      case HoldReason.LEGAL_OBLIGATION: {
        if (!item.until || !this.deadlines.lapsed(item.until, now)) return false;
        if (item.table_name !== 'orders') return true;
        // An order goes only after its invoices.
        return !(await ordersHaveInvoices(tx, item.row_ids));
      }
      default:
        return false;
    }
  }

  private async insertItems(tx: EntityManager, requestId: string, items: PlannedItem[], from: number): Promise<ErasureItemRow[]> {
    const inserted: ErasureItemRow[] = [];
    for (const [i, item] of items.entries()) inserted.push(await insertItem(tx, requestId, from + i, item));
    return inserted;
  }

  /** Does what an ERASE or ANONYMISE item says, to the rows it names. */
  private async carryOut(tx: EntityManager, request: CustomerRequestRow, item: Pick<ErasureItemRow, 'table_name' | 'action' | 'row_ids'>): Promise<void> {
    const rowIds = item.row_ids;
    const customerId = request.customer_id;
    switch (item.table_name) {
      case 'customers':
        // Held: only what invoicing does not need goes now. Otherwise the vouchers keep their buyer first (P10).
        if (item.action === ErasureAction.ERASE) return minimiseCustomer(tx, customerId);
        await this.vouchers.retain(tx, request);
        return anonymiseCustomer(tx, customerId);
      case 'customer_provenance':
        return item.row_ids.length > 0 ? eraseProvenanceRows(tx, customerId, item.row_ids) : eraseProvenance(tx, customerId);
      case 'prohibition_events':
        return eraseProhibitionLedger(tx, customerId);
      case 'target_list_exports':
        return eraseTargetListExports(tx, customerId);
      case 'target_list_members':
      case 'target_list_exclusions':
        return eraseTargetListEntries(tx, customerId, item.table_name);
      case 'audit_events':
        return eraseAuditValues(tx, customerId);
      case 'disclosures':
        return; // field names, recipients and dates only: without the identity they name nobody
      case 'privacy_documents':
        return this.documents.erase(tx, await requestIdsOfCustomer(tx, customerId), 'ACCESS_PACKAGES');
      case 'invoices':
        return item.action === ErasureAction.ANONYMISE ? anonymiseInvoices(tx, rowIds) : eraseInvoices(tx, rowIds);
      case 'orders':
        if (item.action === ErasureAction.ANONYMISE) return anonymiseOrders(tx, rowIds);
        // Vouchers go with their invoices: an order whose invoice is still kept is never half-erased.
        if (await ordersHaveInvoices(tx, rowIds)) throw new Error('an order is erased only after its invoices');
        return eraseOrders(tx, rowIds);
      case 'privacy_requests':
        return anonymiseRequests(tx, rowIds);
      default:
        throw new Error(`erasure does not know the table ${item.table_name}`);
    }
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

/** Done when nothing but the request's own evidence is held. */
function statusOf(items: ErasureItemRow[]): PrivacyRequestStatus {
  const held = items.filter((i) => i.state === ErasureItemState.HELD && i.table_name !== 'privacy_requests');
  return held.length > 0 ? PrivacyRequestStatus.PARTIALLY_COMPLETED : PrivacyRequestStatus.COMPLETED;
}
