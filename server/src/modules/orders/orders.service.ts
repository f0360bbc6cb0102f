import { ORDER_UPDATABLE_FIELDS, orderLinesProblem, priceLines } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWhere, visibleWithCustomerWhere } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { childPages, toPage, type ChildPageKey, type Page } from '../../db/paging';
import type { Db } from '../../db/sql';
import { badInput, conflict, forbidden, isUuid, notFound } from '../../errors';
import { lockLiveCustomer } from '../customers/merged-record';
import { reasonForEdit, refuseNewForRestricted, restrictionOfRow } from '../customers/restriction';
import { keysetOf, type RowFilter } from './customer-pages';
import { OrderStatus, type NewOrder, type Order, type OrderChanges, type OrderLineEntry } from './order.model';
import {
  deleteOrderLines,
  findOrder,
  insertOrder,
  insertOrderLines,
  lockOrderingCustomer,
  orderVersion,
  ordersOfCustomers,
  updateOrderAt,
  type ArchiveRule,
  type OrderUpdateRow,
} from './orders.repository';

export type OrderPageKey = ChildPageKey;

/** Keyset cursor of an order in a customer's newest-first list. */
const orderCursor = (order: Order) => `${new Date(order.orderedAt).toISOString()}|${order.id}`;
/** The order time of a cursor is as `orderCursor` wrote it (anything else never reaches the database). */
const isCursorTime = (at: string) => {
  const time = new Date(at);
  return !Number.isNaN(time.getTime()) && time.toISOString() === at;
};

/** The fields an input sets (present, even when null), as the gate checks them. */
const fieldsOf = (input: object) => Object.entries(input).flatMap(([field, value]) => (value === undefined ? [] : [field]));

export class OrdersService {
  constructor(
    private readonly db: DataSource,
    private readonly archiveAfterMonths: number,
    private readonly clock: Clock,
    /** P1: the VAT rates in force (VAT_RATES), in basis points; a line takes one of them. */
    private readonly vatRatesInForce: readonly number[],
  ) {}

  /** The VAT rates a line may take, in basis points, as configured (the order form offers these). */
  vatRates(actor: Actor): number[] {
    requireRight(actor, 'read', 'Order', 'You may not read orders.');
    return [...this.vatRatesInForce];
  }

  /** The gate's filter: orders of customers the actor may not see stay out of reach. */
  private visible(actor: Actor): RowFilter {
    return (params, alias) => visibleWithCustomerWhere(actor, 'Order', params, alias, `${alias}.customer_id`);
  }

  /** P1: archived means closed more than ARCHIVE_AFTER_MONTHS ago, on the server's clock. */
  private archive(): ArchiveRule {
    return { now: this.clock.now(), months: this.archiveAfterMonths };
  }

  async get(actor: Actor, id: string, db: Db = this.db): Promise<Order> {
    requireRight(actor, 'read', 'Order', 'You may not read orders.');
    if (!isUuid(id)) throw notFound('Order');
    const order = await findOrder(db, id, this.visible(actor), this.archive());
    if (!order) throw notFound('Order');
    return order;
  }

  /** The order, locked until `tx` ends: an invoice is drawn on its status as it stands, while a change of it waits. */
  async getForShare(actor: Actor, id: string, tx: Db): Promise<Order> {
    requireRight(actor, 'read', 'Order', 'You may not read orders.');
    if (!isUuid(id)) throw notFound('Order');
    const order = await findOrder(tx, id, this.visible(actor), this.archive(), true);
    if (!order) throw notFound('Order');
    return order;
  }

  /**
   * Newest-first pages of several customers' orders in one statement: the DataLoader behind
   * `customer.orders` batches a whole customer page into this.
   */
  async pagesForCustomers(actor: Actor, keys: readonly OrderPageKey[]): Promise<Array<Page<Order>>> {
    if (!allows(actor, 'read', 'Order')) return keys.map(() => toPage<Order>([], 0, orderCursor));
    return childPages(
      keys,
      (customerIds, limit, after) => ordersOfCustomers(this.db, customerIds, limit + 1, keysetOf(after, isCursorTime), this.visible(actor), this.archive()),
      (order) => order.customerId,
      orderCursor,
    );
  }

  async create(actor: Actor, input: NewOrder): Promise<Order> {
    assertWritable(actor, 'create', 'Order', null, fieldsOf(input));
    const totals = priceLines(validLines(input.lines, this.vatRatesInForce));
    const now = this.clock.now();
    const orderedAt = input.orderedAt ?? now;
    if (orderedAt.getTime() > now.getTime() + 60_000) throw badInput('orderedAt', 'An order cannot be placed in the future.');
    if (!isUuid(input.customerId)) throw badInput('customerId', 'No such customer.');
    return this.db.transaction(async (tx) => {
      // The customer must exist for this user (a partner's or another firm's customer does not).
      const customer = await lockOrderingCustomer(tx, input.customerId, (params, alias) => visibleWhere(actor, 'Customer', params, alias));
      if (!customer) throw badInput('customerId', 'No such customer.');
      // P6: a merged record's orders moved to the customer it was merged into; new ones go there too.
      await lockLiveCustomer(tx, actor, customer.id, 'SHARE');
      // P10, P17: an erased (or to-be-erased) customer takes no new orders.
      if (customer.pending_erasure || customer.anonymised_at) {
        throw badInput('customerId', 'This customer has asked to be erased; no new orders are taken for them.');
      }
      // P16, GDPR 18: a restricted customer's data is kept, not processed further.
      refuseNewForRestricted(customer, 'orders');
      const id = await insertOrder(tx, {
        customer_id: customer.id,
        channel: input.channel,
        channel_detail: input.channelDetail?.trim() || null,
        ordered_at: orderedAt,
        net_cents: totals.netCents,
        vat_cents: totals.vatCents,
        gross_cents: totals.grossCents,
      });
      await insertOrderLines(tx, id, totals.lines);
      const order = await this.get(actor, id, tx);
      await recordAuditEvents(tx, [
        {
          action: 'ORDER_CREATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: customer.id,
          detail: { orderId: id, orderNumber: order.orderNumber, grossCents: order.grossCents },
        },
      ]);
      return order;
    });
  }

  /**
   * P1: an archived order is never changed again; a closed one does not reopen. P16: the order of a
   * restricted customer changes only by someone who may change a restricted customer, with a `reason`.
   */
  async update(actor: Actor, id: string, version: number, input: OrderChanges, reason?: string | null): Promise<Order> {
    requireRight(actor, 'update', 'Order', 'You may not change orders.');
    const current = await this.get(actor, id);
    const fields = ORDER_UPDATABLE_FIELDS.filter((f) => input[f] !== undefined);
    assertWritable(actor, 'update', 'Order', { ...current }, fieldsOf(input));
    if (current.archived) {
      throw forbidden(`Order ${current.orderNumber} is archived: it was closed more than ${this.archiveAfterMonths} months ago and is kept read-only.`);
    }
    if (fields.length === 0) throw badInput('input', 'Nothing to change.');
    if (input.status === null) throw badInput('status', 'status must not be empty.');
    if (input.status && input.status !== current.status && current.status !== OrderStatus.OPEN) {
      throw badInput('status', `A ${current.status.toLowerCase()} order cannot change its status.`);
    }
    if (input.lines === null) throw badInput('lines', 'An order needs at least one line.');
    if (input.lines && current.status !== OrderStatus.OPEN) throw badInput('lines', 'Only an open order can change its lines.');
    const totals = input.lines ? priceLines(validLines(input.lines, this.vatRatesInForce)) : null;

    return this.db.transaction(async (tx) => {
      // Read under a share lock: a restriction decided meanwhile waits for this change, or this change sees it.
      const customer = await lockOrderingCustomer(tx, current.customerId, (params, alias) => visibleWhere(actor, 'Customer', params, alias));
      if (!customer) throw notFound('Order');
      // P6: a merge that committed since the order was read moved it to the kept customer: reload it there.
      await lockLiveCustomer(tx, actor, customer.id, 'SHARE');
      const recordedReason = reasonForEdit(actor, restrictionOfRow(customer), reason);
      const changes: OrderUpdateRow = {};
      if (input.channelDetail !== undefined) changes.channel_detail = input.channelDetail?.trim() || null;
      if (input.status && input.status !== current.status) {
        changes.status = input.status;
        changes.closed_at = this.clock.now();
      }
      if (totals) {
        changes.net_cents = totals.netCents;
        changes.vat_cents = totals.vatCents;
        changes.gross_cents = totals.grossCents;
      }
      if ((await updateOrderAt(tx, id, version, changes)) === 0) {
        const currentVersion = await orderVersion(tx, id);
        throw conflict('Someone else changed this order after you opened it. Reload to see their changes.', { currentVersion });
      }
      if (totals) {
        await deleteOrderLines(tx, id);
        await insertOrderLines(tx, id, totals.lines);
      }
      const after = await this.get(actor, id, tx);
      await recordAuditEvents(tx, [
        {
          action: 'ORDER_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: current.customerId,
          fields,
          changes: Object.fromEntries(
            fields.map((f) => [f, f === 'lines' ? { before: current.grossCents, after: after.grossCents } : { before: current[f], after: after[f] }]),
          ),
          detail: { orderId: id, orderNumber: current.orderNumber, ...(recordedReason ? { reason: recordedReason, restricted: customer.restricted } : {}) },
        },
      ]);
      return after;
    });
  }
}

/**
 * Lines trimmed and within ORDER_LIMITS: every total stays an exact, safe integer; each VAT rate is
 * one in force. A line or an order beyond a bound is refused naming the field (`lines.0.quantity`),
 * before anything is stored.
 */
function validLines(lines: readonly OrderLineEntry[], vatRatesInForce: readonly number[]): OrderLineEntry[] {
  const trimmed = lines.map((line, i) => {
    const sku = line.sku.trim();
    const name = line.name.trim();
    if (!sku) throw badInput(`lines.${i}.sku`, 'Every line needs a SKU.');
    if (!name) throw badInput(`lines.${i}.name`, 'Every line needs a product name.');
    return { sku, name, quantity: line.quantity, unitPriceCents: line.unitPriceCents, vatRateBasisPoints: line.vatRateBasisPoints };
  });
  const problem = orderLinesProblem(trimmed, vatRatesInForce);
  if (problem) throw badInput(problem.field, problem.message);
  return trimmed;
}
