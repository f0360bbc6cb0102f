import type { EntityManager } from 'typeorm';
import { priceLines } from '@rekisteri/schema';
import { bulkInsert } from './bulk-insert';

export type Rng = { next(): number; pick<T>(items: readonly T[]): T; int(n: number): number };

const PRODUCTS = [
  { sku: 'KHV-500', name: 'Kahvi 500 g', cents: 899, vat: 1400 },
  { sku: 'TEE-100', name: 'Tee 100 g', cents: 649, vat: 1400 },
  { sku: 'MUK-01', name: 'Muki', cents: 1490, vat: 2550 },
  { sku: 'PAN-02', name: 'Kahvipannu', cents: 3990, vat: 2550 },
  { sku: 'KIR-10', name: 'Keittokirja', cents: 2900, vat: 1000 },
  { sku: 'LAH-25', name: 'Lahjakortti 25 €', cents: 2500, vat: 0 },
  { sku: 'SUO-07', name: 'Suodatinpaperi', cents: 299, vat: 2550 },
  { sku: 'MYL-03', name: 'Kahvimylly', cents: 5900, vat: 2550 },
];
const STORES = ['Helsingin myymälä', 'Tampereen myymälä', 'Oulun myymälä'];
const RESELLERS = ['Kauppa Kulmala Oy', 'Jälleenmyynti Pohjola Oy'];
const AGENCIES = ['Perintä Esimerkki Oy'];
const DAY = 86_400_000;

/**
 * P1 demo: orders over the last 8 years across channels, lines priced by the same code as the
 * API, invoices with most paid, some open and some in collection.
 */
export async function seedDemoOrders(tx: EntityManager, customerIds: string[], rng: Rng): Promise<void> {
  const now = Date.now();
  const orders: unknown[][] = [];
  const pendingLines: Array<
    ReturnType<typeof priceLines<{ sku: string; name: string; quantity: number; unitPriceCents: number; vatRateBasisPoints: number }>>['lines']
  > = [];
  for (const customerId of customerIds) {
    const count = rng.int(10); // 0-9, about 4.5 on average
    for (let i = 0; i < count; i++) {
      const orderedAt = new Date(now - Math.floor(rng.next() * 8 * 365) * DAY - rng.int(DAY));
      const age = (now - orderedAt.getTime()) / DAY;
      const channel = rng.pick(['STORE', 'STORE', 'WEB_SHOP', 'WEB_SHOP', 'RESELLER'] as const);
      const detail = channel === 'STORE' ? rng.pick(STORES) : channel === 'RESELLER' ? rng.pick(RESELLERS) : null;
      const lineCount = 1 + rng.int(4);
      const priced = priceLines(
        Array.from({ length: lineCount }, () => {
          const p = rng.pick(PRODUCTS);
          return { sku: p.sku, name: p.name, quantity: 1 + rng.int(3), unitPriceCents: p.cents, vatRateBasisPoints: p.vat };
        }),
      );
      const status = age < 14 && rng.next() < 0.7 ? 'OPEN' : rng.next() < 0.08 ? 'CANCELLED' : 'DELIVERED';
      const closedAt = status === 'OPEN' ? null : new Date(orderedAt.getTime() + (1 + rng.int(10)) * DAY);
      orders.push([
        customerId,
        channel,
        detail,
        orderedAt,
        status,
        closedAt && closedAt.getTime() > now ? new Date(now) : closedAt,
        priced.netCents,
        priced.vatCents,
        priced.grossCents,
      ]);
      pendingLines.push(priced.lines);
    }
  }
  const inserted = await bulkInsert<{ id: string }>(
    tx,
    'orders',
    ['customer_id', 'channel', 'channel_detail', 'ordered_at', 'status', 'closed_at', 'net_cents', 'vat_cents', 'gross_cents'],
    orders,
    'id',
  );
  const lines: unknown[][] = [];
  const invoices: unknown[][] = [];
  inserted.forEach(({ id }, index) => {
    for (const l of pendingLines[index]) {
      lines.push([id, l.position, l.sku, l.name, l.quantity, l.unitPriceCents, l.vatRateBasisPoints, l.netCents, l.vatCents, l.grossCents]);
    }
    const [customerId, , , orderedAt, status, , , , gross] = orders[index] as [string, string, string, Date, string, Date | null, number, number, number];
    if (status === 'CANCELLED') return;
    const issued = new Date(orderedAt.getTime() + DAY);
    const due = new Date(issued.getTime() + 14 * DAY);
    const overdue = due.getTime() < now;
    const roll = rng.next();
    const invoiceStatus = !overdue ? (roll < 0.5 ? 'PAID' : 'OPEN') : roll < 0.03 ? 'IN_COLLECTION' : roll < 0.05 ? 'OPEN' : 'PAID';
    const paidAt = invoiceStatus === 'PAID' ? new Date(Math.min(now, issued.getTime() + (1 + rng.int(20)) * DAY)) : null;
    invoices.push([id, customerId, issued, due, gross, invoiceStatus, paidAt, invoiceStatus === 'IN_COLLECTION' ? rng.pick(AGENCIES) : null]);
  });
  await bulkInsert(
    tx,
    'order_lines',
    ['order_id', 'position', 'sku', 'name', 'quantity', 'unit_price_cents', 'vat_rate_bp', 'net_cents', 'vat_cents', 'gross_cents'],
    lines,
  );
  await bulkInsert(tx, 'invoices', ['order_id', 'customer_id', 'issued_at', 'due_at', 'amount_cents', 'status', 'paid_at', 'collection_agency'], invoices);
}
