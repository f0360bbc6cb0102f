import type { Order } from './order.type';

/** Order columns with its lines as one JSON array, so an order and its lines cost one statement. */
export const ORDER_COLUMNS = `
  o.id, o.order_number, o.customer_id, o.channel, o.channel_detail, o.ordered_at, o.status, o.closed_at,
  o.net_cents, o.vat_cents, o.gross_cents, o.version, o.created_at, o.updated_at,
  (o.closed_at IS NOT NULL AND o.closed_at < now() - make_interval(months => $ARCHIVE)) AS archived,
  (SELECT coalesce(json_agg(json_build_object(
      'position', l.position, 'sku', l.sku, 'name', l.name, 'quantity', l.quantity,
      'unitPriceCents', l.unit_price_cents, 'vatRateBasisPoints', l.vat_rate_bp,
      'netCents', l.net_cents, 'vatCents', l.vat_cents, 'grossCents', l.gross_cents) ORDER BY l.position), '[]'::json)
     FROM order_lines l WHERE l.order_id = o.id) AS lines`;

/** Binds the archive age (months) into the column list at parameter `index`. */
export const orderColumns = (archiveParamIndex: number) => ORDER_COLUMNS.replace('$ARCHIVE', `$${archiveParamIndex}`);

export function orderFromRow(row: Record<string, any>): Order {
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

/** Keyset cursor of an order in a customer's newest-first list. */
export const orderCursor = (order: Order) => `${new Date(order.orderedAt).toISOString()}|${order.id}`;
