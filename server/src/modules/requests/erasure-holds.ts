import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../logger';
import type { Deadlines } from './deadlines';
import { carryOut, insertItems, statusOf, type CarryOutDeps } from './erasure-carry-out';
import type { ErasureMode, ErasurePlanner, PlannedItem } from './erasure-plan';
import {
  anonymiseCustomer,
  beginErasing,
  heldItemsOf,
  itemsOfRequest,
  lastPosition,
  liveInvoiceRemains,
  markDone,
  markHeld,
  ordersHaveInvoices,
  requestsWithHolds,
  type ErasureItemRow,
} from './erasure.repository';
import { ErasureAction, HoldReason } from './request.model';
import { namesCustomer, type CustomerRequestRow } from './requests.repository';
import type { RequestsService } from './requests.service';

/**
 * P10: the held part of an erasure finishing by itself when its hold lapses (an invoice paid or
 * out of collection, a retention period over), and vouchers losing their buyer when their
 * retention ends. `Erasures.finishHolds` runs it from the job queue.
 */

/** What finishing holds needs. */
export interface HoldDeps extends CarryOutDeps {
  db: DataSource;
  requests: RequestsService;
  planner: ErasurePlanner;
  deadlines: Deadlines;
  logger: Logger;
}

/**
 * Finishes what was held once its hold has lapsed: an invoice paid or out of collection, a
 * retention period over. Runs from the job queue (after an invoice changes, and daily).
 */
export async function finishHolds(deps: HoldDeps, customerId?: string): Promise<number> {
  // Vouchers whose retention is over lose their buyer, whatever else is held.
  await deps.vouchers.purgeExpired();
  let finished = 0;
  for (const id of await requestsWithHolds(deps.db, customerId)) {
    try {
      finished += await deps.db.transaction((tx) => finishRequestHolds(deps, tx, id));
    } catch (error) {
      deps.logger.error({ err: error, requestId: id }, 'could not finish held erasure');
    }
  }
  return finished;
}

async function finishRequestHolds(deps: HoldDeps, tx: EntityManager, id: string): Promise<number> {
  const row = await deps.requests.lockedForSystem(tx, id);
  if (!namesCustomer(row)) return 0;
  const held = await heldItemsOf(tx, id);
  if (held.length === 0) return 0;
  await beginErasing(tx, row.customer_id);
  const now = deps.requests.now();
  const mode = row.type as ErasureMode;
  const lapsed: ErasureItemRow[] = [];
  const follow: PlannedItem[] = [];
  for (const item of held) {
    if (!(await holdLapsed(deps, tx, row, item))) continue;
    lapsed.push(item);
    if (item.reason === HoldReason.OPEN_INVOICE || item.reason === HoldReason.IN_COLLECTION) {
      // Paid: the hold for the debt ends; the voucher's own retention (or anonymisation) follows.
      if (item.table_name === 'invoices') follow.push(...(await deps.planner.invoiceItems(tx, item.row_ids, mode)));
      if (item.table_name === 'orders') follow.push(...(await deps.planner.orderItems(tx, item.row_ids, mode)));
      if (item.table_name !== 'customers') continue;
    }
    if (item.table_name === 'customers') continue; // anonymised below, once no identity hold remains
    if (item.table_name === 'privacy_requests') await deps.documents.erase(tx, item.row_ids, 'ALL');
    await carryOut(deps, tx, row, { ...item, action: item.reason === HoldReason.LEGAL_OBLIGATION ? ErasureAction.ANONYMISE : ErasureAction.ERASE });
  }
  if (lapsed.length === 0) return 0;
  for (const item of lapsed) await markDone(tx, item.id, now);
  const customerHolds = held.filter((h) => h.table_name === 'customers');
  if (customerHolds.length > 0 && customerHolds.every((h) => lapsed.includes(h))) {
    await deps.vouchers.retain(tx, row);
    await anonymiseCustomer(tx, row.customer_id);
  }
  if (follow.length > 0) {
    const inserted = await insertItems(tx, id, follow, (await lastPosition(tx, id)) + 1);
    for (const item of inserted) {
      if (item.action === ErasureAction.HOLD) await markHeld(tx, item.id);
      else {
        await carryOut(deps, tx, row, item);
        await markDone(tx, item.id, now);
      }
    }
  }
  const after = await itemsOfRequest(tx, id);
  const evidence = lapsed.map((p) => ({ table: p.table_name, reason: p.reason, rows: p.row_count }));
  await deps.requests.transition(tx, null, row, statusOf(after), 'HOLD_LAPSED', null, { lapsed: evidence });
  await deps.requests.audit(tx, null, 'ERASURE_HOLD_LAPSED', row, { lapsed: evidence });
  return lapsed.length;
}

async function holdLapsed(deps: HoldDeps, tx: EntityManager, row: CustomerRequestRow, item: ErasureItemRow): Promise<boolean> {
  const now = deps.requests.now();
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
      if (!item.until || !deps.deadlines.lapsed(item.until, now)) return false;
      if (item.table_name !== 'orders') return true;
      // An order goes only after its invoices.
      return !(await ordersHaveInvoices(tx, item.row_ids));
    }
    default:
      return false;
  }
}
