import { affected, execute, insertRow, many, maybeOne, Params, type Db } from '../../db/sql';
import { newestFirstOfCustomers, type Keyset, type RowFilter } from './customer-pages';
import type { Order, OrderChannel, OrderLine, OrderStatus } from './order.model';

/**
 * The orders module's SQL: orders, their lines, and the customer an order is taken for.
 * Typed rows in and out; the service holds the rules and the transaction.
 */

/**
 * When an order counts as archived: closed more than `months` before `now` (the server's clock), and no
 * invoice of it still owed (OPEN or IN_COLLECTION). A debt is settled first, then archived with its order:
 * an unpaid invoice frozen by the archive could never be marked paid, and would hold an erasure forever (P10).
 */
export interface ArchiveRule {
  now: Date;
  months: number;
}

/** An order row with its lines as one JSON array: bigint columns arrive as strings, JSON numbers as numbers. */
interface OrderRow {
  id: string;
  order_number: string;
  customer_id: string;
  channel: OrderChannel;
  channel_detail: string | null;
  ordered_at: Date;
  status: OrderStatus;
  closed_at: Date | null;
  net_cents: string;
  vat_cents: string;
  gross_cents: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  archived: boolean;
  lines: OrderLine[];
}

/** Order columns with its lines as one JSON array, so an order and its lines cost one statement. */
function orderColumns(params: Params, archive: ArchiveRule): string {
  const archivedBefore = `${params.bind(archive.now)}::timestamptz - make_interval(months => ${params.bind(archive.months)}::int)`;
  return `
  o.id, o.order_number, o.customer_id, o.channel, o.channel_detail, o.ordered_at, o.status, o.closed_at,
  o.net_cents, o.vat_cents, o.gross_cents, o.version, o.created_at, o.updated_at,
  (o.closed_at IS NOT NULL AND o.closed_at < ${archivedBefore}
    AND NOT EXISTS (SELECT 1 FROM invoices u WHERE u.order_id = o.id AND u.status IN ('OPEN', 'IN_COLLECTION'))) AS archived,
  (SELECT coalesce(json_agg(json_build_object(
      'position', l.position, 'sku', l.sku, 'name', l.name, 'quantity', l.quantity,
      'unitPriceCents', l.unit_price_cents, 'vatRateBasisPoints', l.vat_rate_bp,
      'netCents', l.net_cents, 'vatCents', l.vat_cents, 'grossCents', l.gross_cents) ORDER BY l.position), '[]'::json)
     FROM order_lines l WHERE l.order_id = o.id) AS lines`;
}

function orderFromRow(row: OrderRow): Order {
  return {
    id: row.id,
    orderNumber: String(row.order_number),
    customerId: row.customer_id,
    channel: row.channel,
    channelDetail: row.channel_detail,
    orderedAt: row.ordered_at,
    status: row.status,
    closedAt: row.closed_at,
    archived: row.archived,
    lines: row.lines,
    netCents: Number(row.net_cents),
    vatCents: Number(row.vat_cents),
    grossCents: Number(row.gross_cents),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * One order, if the filter lets it through. `forShare` locks it until the transaction ends: an invoice
 * drawn from it sees the status it is drawn on, and a change of the order waits.
 */
export async function findOrder(db: Db, id: string, visible: RowFilter, archive: ArchiveRule, forShare = false): Promise<Order | undefined> {
  const params = new Params();
  const columns = orderColumns(params, archive);
  const row = await maybeOne<OrderRow>(
    db,
    `SELECT ${columns} FROM orders o WHERE o.id = ${params.bind(id)} AND ${visible(params, 'o')}${forShare ? ' FOR SHARE OF o' : ''}`,
    params.values,
  );
  return row && orderFromRow(row);
}

/** Up to `limit` newest-first orders of each customer (by order time), after the keyset when given, in one statement. */
export async function ordersOfCustomers(
  db: Db,
  customerIds: readonly string[],
  limit: number,
  after: Keyset | null,
  visible: RowFilter,
  archive: ArchiveRule,
): Promise<Order[]> {
  const params = new Params();
  const columns = orderColumns(params, archive);
  const sql = newestFirstOfCustomers(params, {
    customerIds,
    table: 'orders',
    alias: 'o',
    columns,
    sortKey: 'ordered_at',
    sortType: 'timestamptz',
    after,
    limit,
    visible,
  });
  return (await many<OrderRow>(db, sql, params.values)).map(orderFromRow);
}

/** What decides whether a customer takes orders, and who may change them while processing is restricted. */
export interface OrderingCustomerRow {
  id: string;
  partner_id: string | null;
  restricted: boolean;
  pending_erasure: boolean;
  anonymised_at: Date | null;
}

/** The customer, if the filter lets it through, locked against an erasure or a restriction decided meanwhile. */
export async function lockOrderingCustomer(db: Db, customerId: string, visible: RowFilter): Promise<OrderingCustomerRow | undefined> {
  const params = new Params();
  return maybeOne<OrderingCustomerRow>(
    db,
    `SELECT c.id, c.partner_id, c.restricted, c.pending_erasure, c.anonymised_at FROM customers c
      WHERE c.id = ${params.bind(customerId)} AND ${visible(params, 'c')} FOR SHARE OF c`,
    params.values,
  );
}

export interface NewOrderRow {
  customer_id: string;
  channel: OrderChannel;
  channel_detail: string | null;
  ordered_at: Date;
  net_cents: number;
  vat_cents: number;
  gross_cents: number;
}

/** Inserts an order (without lines) and answers its id. */
export async function insertOrder(db: Db, row: NewOrderRow): Promise<string> {
  return insertRow(db, 'orders', { ...row });
}

/** Inserts the priced lines of an order in one statement. */
export async function insertOrderLines(db: Db, orderId: string, lines: readonly OrderLine[]): Promise<void> {
  const params = new Params();
  const order = params.bind(orderId);
  const values = lines.map((l) => {
    const cells = [l.position, l.sku, l.name, l.quantity, l.unitPriceCents, l.vatRateBasisPoints, l.netCents, l.vatCents, l.grossCents];
    return `(${[order, ...cells.map((v) => params.bind(v))].join(', ')})`;
  });
  await execute(
    db,
    `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
     VALUES ${values.join(', ')}`,
    params.values,
  );
}

export async function deleteOrderLines(db: Db, orderId: string): Promise<void> {
  await execute(db, `DELETE FROM order_lines WHERE order_id = $1`, [orderId]);
}

/** The columns an update may set. */
export interface OrderUpdateRow {
  channel_detail?: string | null;
  status?: OrderStatus;
  closed_at?: Date;
  net_cents?: number;
  vat_cents?: number;
  gross_cents?: number;
}

/** Applies the changes if the order is still at `version`; answers how many rows changed (0: someone else changed it). */
export async function updateOrderAt(db: Db, id: string, version: number, changes: OrderUpdateRow): Promise<number> {
  const params = new Params();
  const sets = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => `${column} = ${params.bind(value)}`);
  return affected(
    db,
    `UPDATE orders SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE id = ${params.bind(id)} AND version = ${params.bind(version)}`,
    params.values,
  );
}

/** The order's current version (after a conflict). */
export async function orderVersion(db: Db, id: string): Promise<number | undefined> {
  return (await maybeOne<{ version: number }>(db, `SELECT version FROM orders WHERE id = $1`, [id]))?.version;
}
