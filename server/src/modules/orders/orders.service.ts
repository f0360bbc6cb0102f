import { ORDER_UPDATABLE_FIELDS, permittedFieldsOf, subject } from '@rekisteri/schema';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { visibleWhere, visibleWithCustomerWhere } from '../../auth/authorize';
import { Params } from '../../db/sql';
import { badInput, conflict, forbidden, isUuid, notFound } from '../../errors';
import { childPages, type ChildPageKey } from '../../db/paging';
import { decodeCursor, toPage } from '../../db/paging';
import type { CreateOrderInput, OrderLineInput, UpdateOrderInput } from './order.inputs';
import { orderColumns, orderCursor, orderFromRow } from './order.sql';
import { priceLines } from '@rekisteri/schema';
import { OrderStatus, type Order, type OrderConnection } from './order.type';


export type OrderPageKey = ChildPageKey;

export class OrdersService {
  constructor(
    private readonly db: DataSource,
    private readonly archiveAfterMonths: number,
  ) {}

  /** The where-clause that keeps orders of customers the actor may not see out of reach. */
  private visible(actor: Actor, params: unknown[]): string {
    return visibleWithCustomerWhere(actor, 'Order', new Params(params), 'o', 'o.customer_id');
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.db.manager): Promise<Order> {
    if (!actor.ability.can('read', 'Order')) throw forbidden('You may not read orders.');
    if (!isUuid(id)) throw notFound('Order');
    const params: unknown[] = [this.archiveAfterMonths, id];
    const filter = this.visible(actor, params);
    const [row] = await manager.query(`SELECT ${orderColumns(1)} FROM orders o WHERE o.id = $2 AND ${filter}`, params);
    if (!row) throw notFound('Order');
    return orderFromRow(row);
  }

  /**
   * Newest-first pages of several customers' orders in one statement: the DataLoader behind
   * `customer.orders` batches a whole customer page into this.
   */
  async pagesForCustomers(actor: Actor, keys: readonly OrderPageKey[]): Promise<OrderConnection[]> {
    if (!actor.ability.can('read', 'Order')) return keys.map(() => toPage<Order>([], 0, orderCursor));
    return childPages(
      keys,
      async (customerIds, limit, after) => {
        const params: unknown[] = [this.archiveAfterMonths, customerIds, limit + 1];
        let keyset = '';
        const cursor = decodeCursor(after);
        if (cursor) {
          const [at, id] = cursor.split('|');
          if (!id || Number.isNaN(Date.parse(at)) || !isUuid(id)) throw badInput('after', 'The cursor is not valid.');
          params.push(at, id);
          keyset = `AND (o.ordered_at, o.id) < ($4, $5)`;
        }
        const filter = this.visible(actor, params);
        const rows = await this.db.query(
          `SELECT page.* FROM unnest($2::uuid[]) AS k(customer_id)
             CROSS JOIN LATERAL (
               SELECT ${orderColumns(1)} FROM orders o
                WHERE o.customer_id = k.customer_id ${keyset} AND ${filter}
                ORDER BY o.ordered_at DESC, o.id DESC LIMIT $3) page`,
          params,
        );
        return rows.map(orderFromRow);
      },
      (order) => order.customerId,
      orderCursor,
    );
  }

  async create(actor: Actor, input: CreateOrderInput): Promise<Order> {
    if (!actor.ability.can('create', 'Order')) throw forbidden('You may not create orders.');
    const lines = validLines(input.lines);
    const totals = priceLines(lines);
    const orderedAt = input.orderedAt ?? new Date();
    if (orderedAt.getTime() > Date.now() + 60_000) throw badInput('orderedAt', 'An order cannot be placed in the future.');
    return this.db.transaction(async (tx) => {
      // The customer must exist for this user (a partner's or another firm's customer does not).
      const params: unknown[] = [input.customerId];
      const filter = visibleWhere(actor, 'Customer', new Params(params), 'c');
      const [customer] = isUuid(input.customerId)
        ? await tx.query(`SELECT c.id, c.pending_erasure, c.anonymised_at FROM customers c WHERE c.id = $1 AND ${filter} FOR SHARE OF c`, params)
        : [];
      if (!customer) throw badInput('customerId', 'No such customer.');
      // P10, P17: an erased (or to-be-erased) customer takes no new orders.
      if (customer.pending_erasure || customer.anonymised_at) {
        throw badInput('customerId', 'This customer has asked to be erased; no new orders are taken for them.');
      }
      const [{ id }] = await tx.query(
        `INSERT INTO orders (customer_id, channel, channel_detail, ordered_at, net_cents, vat_cents, gross_cents)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [input.customerId, input.channel, input.channelDetail?.trim() || null, orderedAt, totals.netCents, totals.vatCents, totals.grossCents],
      );
      await insertLines(tx, id, totals.lines);
      const order = await this.get(actor, id, tx);
      await recordAuditEvents(tx, [
        {
          action: 'ORDER_CREATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: input.customerId,
          detail: { orderId: id, orderNumber: order.orderNumber, grossCents: order.grossCents },
        },
      ]);
      return order;
    });
  }

  /** P1: an archived order is never changed again; a closed one does not reopen. */
  async update(actor: Actor, id: string, version: number, input: UpdateOrderInput): Promise<Order> {
    const current = await this.get(actor, id);
    const fields = ORDER_UPDATABLE_FIELDS.filter((f) => input[f] !== undefined);
    const allowed = permittedFieldsOf(actor.ability, 'update', subject('Order', { ...current } as Record<string, unknown>), {
      fieldsFrom: (rule) => rule.fields ?? [...ORDER_UPDATABLE_FIELDS],
    });
    if (allowed.length === 0) throw forbidden('You may not change orders.');
    const refused = fields.find((f) => !allowed.includes(f));
    if (refused) throw forbidden(`You may not change the field ${refused}.`, refused);
    if (current.archived) {
      throw forbidden(
        `Order ${current.orderNumber} is archived: it was closed more than ${this.archiveAfterMonths} months ago and is kept read-only.`,
      );
    }
    if (fields.length === 0) throw badInput('input', 'Nothing to change.');
    if (input.status === null) throw badInput('status', 'status must not be empty.');
    if (input.status && input.status !== current.status && current.status !== OrderStatus.OPEN) {
      throw badInput('status', `A ${current.status.toLowerCase()} order cannot change its status.`);
    }
    if (input.lines === null) throw badInput('lines', 'An order needs at least one line.');
    if (input.lines && current.status !== OrderStatus.OPEN) throw badInput('lines', 'Only an open order can change its lines.');

    return this.db.transaction(async (tx) => {
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (input.channelDetail !== undefined) set('channel_detail', input.channelDetail?.trim() || null);
      if (input.status && input.status !== current.status) {
        set('status', input.status);
        sets.push(`closed_at = now()`);
      }
      const totals = input.lines ? priceLines(validLines(input.lines)) : null;
      if (totals) {
        set('net_cents', totals.netCents);
        set('vat_cents', totals.vatCents);
        set('gross_cents', totals.grossCents);
      }
      params.push(id, version);
      const [rows] = await tx.query(
        `UPDATE orders SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $${params.length - 1} AND version = $${params.length} RETURNING id`,
        params,
      );
      if (rows.length === 0) {
        const [{ version: currentVersion }] = await tx.query(`SELECT version FROM orders WHERE id = $1`, [id]);
        throw conflict('Someone else changed this order after you opened it. Reload to see their changes.', { currentVersion });
      }
      if (totals) {
        await tx.query(`DELETE FROM order_lines WHERE order_id = $1`, [id]);
        await insertLines(tx, id, totals.lines);
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
          detail: { orderId: id, orderNumber: current.orderNumber },
        },
      ]);
      return after;
    });
  }
}

function validLines(lines: OrderLineInput[]): OrderLineInput[] {
  return lines.map((line, i) => {
    const sku = line.sku.trim();
    const name = line.name.trim();
    if (!sku) throw badInput(`lines.${i}.sku`, 'Every line needs a SKU.');
    if (!name) throw badInput(`lines.${i}.name`, 'Every line needs a product name.');
    if (line.quantity < 1) throw badInput(`lines.${i}.quantity`, 'The quantity must be at least 1.');
    if (line.unitPriceCents < 0) throw badInput(`lines.${i}.unitPriceCents`, 'A price must not be negative.');
    return { ...line, sku, name };
  });
}

async function insertLines(tx: EntityManager, orderId: string, lines: ReturnType<typeof priceLines<OrderLineInput>>['lines']): Promise<void> {
  const params: unknown[] = [orderId];
  const values = lines.map((l) => {
    const start = params.length;
    params.push(l.position, l.sku, l.name, l.quantity, l.unitPriceCents, l.vatRateBasisPoints, l.netCents, l.vatCents, l.grossCents);
    return `($1, ${Array.from({ length: 9 }, (_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  await tx.query(
    `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
     VALUES ${values.join(', ')}`,
    params,
  );
}
