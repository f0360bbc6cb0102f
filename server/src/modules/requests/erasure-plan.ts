import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Deadlines } from './deadlines';
import { ErasureAction, HoldReason } from './request.type';
import type { RequestRow } from './requests.service';

/** How long a request and its answer are kept as evidence that the right was honoured (GDPR 5(2)). */
const REQUEST_EVIDENCE_YEARS = 3;

const CUSTOMER_FIELDS = ['firstName', 'lastName', 'organisation', 'email', 'phone', 'street', 'postalCode', 'city', 'partner'];

/** One line of an erasure plan: a table, or a group of its rows, and what becomes of it. */
export interface PlannedItem {
  table: string;
  action: ErasureAction;
  reason?: HoldReason;
  until?: string;
  rowIds: string[];
  rowCount: number;
  fields: string[];
}

export type ErasureMode = 'ERASURE' | 'ANONYMISATION';
type Mode = ErasureMode;

function hold(table: string, reason: HoldReason, rowIds: string[], fields: string[], until?: string): PlannedItem {
  return { table, action: ErasureAction.HOLD, reason, until, rowIds, rowCount: rowIds.length, fields };
}

/**
 * P10, P17: what erasure (or anonymisation) would do to one customer's data now, table by table.
 * Reads only; carrying the plan out is `Erasures`'. Vouchers follow the Accounting Act (2:10).
 */
export class ErasurePlanner {
  constructor(
    private readonly deadlines: Deadlines,
    private readonly clock: Clock,
  ) {}

  /** What erasure (or anonymisation) would do, table by table, for one customer now. */
  async compute(tx: EntityManager, customerId: string, mode: Mode): Promise<PlannedItem[]> {
    const items: PlannedItem[] = [];
    const ids = async (sql: string) => (await tx.query(sql, [customerId])).map((r: RequestRow) => String(r.id));
    const count = async (sql: string) => Number((await tx.query(sql, [customerId]))[0].count);

    const invoices: RequestRow[] = await tx.query(`SELECT id, status FROM invoices WHERE customer_id = $1 ORDER BY issued_at, id`, [customerId]);
    const open = invoices.filter((i) => i.status === 'OPEN');
    const collection = invoices.filter((i) => i.status === 'IN_COLLECTION');

    // The person's identity: anonymised now, unless an open or collected invoice still needs it.
    if (open.length > 0) items.push(hold('customers', HoldReason.OPEN_INVOICE, [customerId], CUSTOMER_FIELDS));
    if (collection.length > 0) items.push(hold('customers', HoldReason.IN_COLLECTION, [customerId], CUSTOMER_FIELDS));
    if (open.length === 0 && collection.length === 0) {
      items.push({ table: 'customers', action: ErasureAction.ANONYMISE, rowIds: [customerId], rowCount: 1, fields: CUSTOMER_FIELDS });
    }
    const erase = async (table: string, sql: string, fields: string[]) => {
      const n = await count(sql);
      if (n > 0) items.push({ table, action: ErasureAction.ERASE, rowIds: [], rowCount: n, fields });
    };
    await erase('customer_provenance', `SELECT count(*) FROM customer_provenance WHERE customer_id = $1`, ['field', 'source', 'detail']);
    await erase('prohibition_events', `SELECT count(*) FROM prohibition_events WHERE customer_id = $1`, ['kind', 'channel', 'via', 'note']);
    await erase(
      'target_list_exports',
      `SELECT count(*) FROM target_list_exports WHERE target_list_id IN (SELECT target_list_id FROM target_list_members WHERE customer_id = $1)`,
      ['content'],
    );
    await erase('target_list_members', `SELECT count(*) FROM target_list_members WHERE customer_id = $1`, ['customerId']);
    await erase('target_list_exclusions', `SELECT count(*) FROM target_list_exclusions WHERE customer_id = $1`, ['customerId', 'reasons']);
    await erase(
      'privacy_documents',
      `SELECT count(*) FROM privacy_documents d JOIN privacy_requests r ON r.id = d.request_id
        WHERE r.customer_id = $1 AND d.kind IN ('ACCESS_PACKAGE_JSON', 'ACCESS_PACKAGE_HTML')`,
      ['content'],
    );
    const changes = await count(`SELECT count(*) FROM audit_events WHERE customer_id = $1 AND changes IS NOT NULL`);
    if (changes > 0) items.push({ table: 'audit_events', action: ErasureAction.ANONYMISE, rowIds: [], rowCount: changes, fields: ['changes'] });
    const disclosures = await count(`SELECT count(*) FROM disclosures WHERE customer_id = $1`);
    if (disclosures > 0) items.push({ table: 'disclosures', action: ErasureAction.ANONYMISE, rowIds: [], rowCount: disclosures, fields: [] });

    // Orders and invoices: vouchers under the Accounting Act.
    items.push(...(await this.invoiceItems(tx, invoices.map((i) => i.id), mode)));
    const orderIds = await ids(`SELECT id FROM orders WHERE customer_id = $1 ORDER BY id`);
    items.push(...(await this.orderItems(tx, orderIds, mode)));
    // The requests themselves are evidence of how the rights were honoured.
    const requestIds = await ids(`SELECT id FROM privacy_requests WHERE customer_id = $1 ORDER BY received_at`);
    const until = this.deadlines.yearsFromToday(this.clock.now(), REQUEST_EVIDENCE_YEARS);
    items.push(hold('privacy_requests', HoldReason.LEGAL_OBLIGATION, requestIds, ['requesterName', 'requesterContact', 'items'], until));
    return items;
  }

  /** Invoices: held while open or in collection; then kept as vouchers until retention ends (erasure) or anonymised. */
  async invoiceItems(tx: EntityManager, invoiceIds: string[], mode: Mode): Promise<PlannedItem[]> {
    if (invoiceIds.length === 0) return [];
    const invoices: RequestRow[] = await tx.query(`SELECT id, status, issued_at FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY issued_at, id`, [invoiceIds]);
    const items: PlannedItem[] = [];
    for (const invoice of invoices.filter((i) => i.status === 'OPEN')) {
      items.push(hold('invoices', HoldReason.OPEN_INVOICE, [invoice.id], ['status']));
    }
    for (const invoice of invoices.filter((i) => i.status === 'IN_COLLECTION')) {
      items.push(hold('invoices', HoldReason.IN_COLLECTION, [invoice.id], ['status', 'collectionAgency']));
    }
    const settled = invoices.filter((i) => i.status !== 'OPEN' && i.status !== 'IN_COLLECTION');
    if (settled.length === 0) return items;
    if (mode === 'ANONYMISATION') {
      items.push({ table: 'invoices', action: ErasureAction.ANONYMISE, rowIds: settled.map((i) => i.id), rowCount: settled.length, fields: ['collectionAgency'] });
    } else {
      // A date reads as 'YYYY-MM-DD' (db/data-source.ts); at noon UTC it is the same day in Finland.
      const latest = settled.map((i) => ({ id: i.id, latest: new Date(`${i.issued_at}T12:00:00Z`) }));
      items.push(...this.retentionGroups('invoices', latest, ['issuedAt', 'amountCents']));
    }
    return items;
  }

  /** Orders: held while an invoice of theirs is open or in collection; then kept as vouchers (erasure) or anonymised. */
  async orderItems(tx: EntityManager, orderIds: string[], mode: Mode): Promise<PlannedItem[]> {
    if (orderIds.length === 0) return [];
    // The latest voucher date of an order: its own, or its latest invoice's (a date, read at noon UTC).
    const orders: RequestRow[] = await tx.query(
      `SELECT o.id, greatest(o.ordered_at, max((i.issued_at + time '12:00') AT TIME ZONE 'UTC')) AS latest,
              bool_or(i.status = 'OPEN') AS open, bool_or(i.status = 'IN_COLLECTION') AS collection
         FROM orders o LEFT JOIN invoices i ON i.order_id = o.id WHERE o.id = ANY($1::uuid[]) GROUP BY o.id ORDER BY o.id`,
      [orderIds],
    );
    const items: PlannedItem[] = [];
    const open = orders.filter((o) => o.open).map((o) => String(o.id));
    const collection = orders.filter((o) => !o.open && o.collection).map((o) => String(o.id));
    if (open.length > 0) items.push(hold('orders', HoldReason.OPEN_INVOICE, open, ['orderedAt', 'lines']));
    if (collection.length > 0) items.push(hold('orders', HoldReason.IN_COLLECTION, collection, ['orderedAt', 'lines']));
    const settled = orders.filter((o) => !o.open && !o.collection);
    if (settled.length === 0) return items;
    if (mode === 'ANONYMISATION') {
      items.push({ table: 'orders', action: ErasureAction.ANONYMISE, rowIds: settled.map((o) => String(o.id)), rowCount: settled.length, fields: ['channelDetail'] });
    } else {
      items.push(...this.retentionGroups('orders', settled, ['orderedAt', 'lines', 'channelDetail']));
    }
    return items;
  }

  /** Rows grouped by the last day the Accounting Act keeps them; those past it are erased now. */
  private retentionGroups(table: string, rows: RequestRow[], fields: string[]): PlannedItem[] {
    const now = this.clock.now();
    const groups = new Map<string, string[]>();
    for (const r of rows) {
      const until = this.deadlines.voucherRetainedUntil(new Date(r.latest));
      const key = this.deadlines.lapsed(until, now) ? '' : until;
      groups.set(key, [...(groups.get(key) ?? []), String(r.id)]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([until, rowIds]) =>
        until
          ? hold(table, HoldReason.ACCOUNTING_RETENTION, rowIds, fields, until)
          : { table, action: ErasureAction.ERASE, rowIds, rowCount: rowIds.length, fields },
      );
  }
}
