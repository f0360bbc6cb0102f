import type { Clock } from '../../clock';
import type { Db } from '../../db/sql';
import type { Deadlines } from './deadlines';
import {
  invoicesByIds,
  invoicesOfCustomer,
  orderIdsOfCustomer,
  orderVouchers,
  personalDataCounts,
  provenanceIdsOf,
  requestIdsOfCustomer,
  type InvoiceStateRow,
  type NewErasureItem,
  type PersonalDataCounts,
} from './erasure.repository';
import { ErasureAction, HoldReason } from './request.model';
import { WEB_ACTIVITY_TABLES, webActivityCounts } from '../web-events/web-activity-package';
import { ADDRESS_UPDATE_TABLES, addressUpdateCounts } from '../address-updates/address-update-erasure';
import { CUSTOMER_IMPORT_TABLES, customerImportCounts } from '../customer-import/customer-import-erasure';
import { CUSTOMER_NOTE_TABLES, customerNoteCounts } from '../customer-notes/customer-notes-package';

/** How long a request and its answer are kept as evidence that the right was honoured (GDPR 5(2)). */
const REQUEST_EVIDENCE_YEARS = 3;

const CUSTOMER_FIELDS = ['firstName', 'lastName', 'organisation', 'email', 'phone', 'street', 'postalCode', 'city', 'partner'];

/** P10: what an open or collected invoice needs of its debtor: who they are and where the invoice and reminders go. */
export const INVOICING_FIELDS = ['customerNumber', 'firstName', 'lastName', 'street', 'postalCode', 'city', 'country'];

/** P10: what invoicing does not need, erased at once even while an invoice holds the rest (with the provenance of these values). */
export const MINIMISED_FIELDS = ['email', 'phone', 'language', 'organisation', 'partner'];

/** One line of an erasure plan: a table, or a group of its rows, and what becomes of it. */
export type PlannedItem = NewErasureItem;

/** Tables whose rows about the person erasure removes outright, the fields they hold, and their count. */
const ERASED_OUTRIGHT: Array<{ table: string; count: keyof PersonalDataCounts; fields: string[] }> = [
  { table: 'customer_provenance', count: 'customer_provenance', fields: ['field', 'source', 'detail'] },
  { table: 'prohibition_events', count: 'prohibition_events', fields: ['kind', 'channel', 'via', 'note'] },
  { table: 'target_list_exports', count: 'target_list_exports', fields: ['content'] },
  { table: 'target_list_members', count: 'target_list_members', fields: ['customerId'] },
  { table: 'target_list_exclusions', count: 'target_list_exclusions', fields: ['customerId', 'reasons'] },
  { table: 'campaign_exclusions', count: 'campaign_exclusions', fields: ['customerId', 'note'] },
  { table: 'privacy_documents', count: 'access_packages', fields: ['content'] },
];

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
  async compute(db: Db, customerId: string, mode: Mode): Promise<PlannedItem[]> {
    const items: PlannedItem[] = [];
    const invoices = await invoicesOfCustomer(db, customerId);
    const open = invoices.filter((i) => i.status === 'OPEN');
    const collection = invoices.filter((i) => i.status === 'IN_COLLECTION');

    // The person's identity: anonymised now, unless an open or collected invoice still needs it;
    // then only what invoicing and collection need is kept, and the rest goes now (P10: held data is minimal).
    const held = open.length > 0 || collection.length > 0;
    if (open.length > 0) items.push(hold('customers', HoldReason.OPEN_INVOICE, [customerId], INVOICING_FIELDS));
    if (collection.length > 0) items.push(hold('customers', HoldReason.IN_COLLECTION, [customerId], INVOICING_FIELDS));
    if (held) {
      items.push({ table: 'customers', action: ErasureAction.ERASE, rowIds: [customerId], rowCount: 1, fields: MINIMISED_FIELDS });
    } else {
      items.push({ table: 'customers', action: ErasureAction.ANONYMISE, rowIds: [customerId], rowCount: 1, fields: CUSTOMER_FIELDS });
    }
    const counts = await personalDataCounts(db, customerId);
    for (const { table, count, fields } of ERASED_OUTRIGHT) {
      if (table === 'customer_provenance' && held) {
        // Only the provenance of the values erased now; that of the kept ones goes with them.
        const ids = await provenanceIdsOf(db, customerId, MINIMISED_FIELDS);
        if (ids.length > 0) items.push({ table, action: ErasureAction.ERASE, rowIds: ids, rowCount: ids.length, fields });
        continue;
      }
      if (counts[count] > 0) items.push({ table, action: ErasureAction.ERASE, rowIds: [], rowCount: counts[count], fields });
    }
    // P13: the person's web events, their browsers' consents (the links to them) and their forms go outright.
    const web = await webActivityCounts(db, customerId);
    for (const { table, fields } of WEB_ACTIVITY_TABLES) {
      if (web[table] > 0) items.push({ table, action: ErasureAction.ERASE, rowIds: [], rowCount: web[table], fields: [...fields] });
    }
    // P7, P10: the rows of address-update files that matched the person, and their update prohibition's history.
    const addressUpdates = await addressUpdateCounts(db, customerId);
    for (const { table, fields } of ADDRESS_UPDATE_TABLES) {
      if (addressUpdates[table] > 0) items.push({ table, action: ErasureAction.ERASE, rowIds: [], rowCount: addressUpdates[table], fields: [...fields] });
    }
    // P7, P10: the rows of store and reseller lists that matched or made the person.
    const imported = await customerImportCounts(db, customerId);
    for (const { table, fields } of CUSTOMER_IMPORT_TABLES) {
      if (imported[table] > 0) items.push({ table, action: ErasureAction.ERASE, rowIds: [], rowCount: imported[table], fields: [...fields] });
    }
    // Issue 16: the notes and contacts staff wrote about the person go outright.
    const notes = await customerNoteCounts(db, customerId);
    for (const { table, fields } of CUSTOMER_NOTE_TABLES) {
      if (notes[table] > 0) items.push({ table, action: ErasureAction.ERASE, rowIds: [], rowCount: notes[table], fields: [...fields] });
    }
    if (counts.audit_changes > 0) {
      items.push({ table: 'audit_events', action: ErasureAction.ANONYMISE, rowIds: [], rowCount: counts.audit_changes, fields: ['changes'] });
    }
    if (counts.disclosures > 0) items.push({ table: 'disclosures', action: ErasureAction.ANONYMISE, rowIds: [], rowCount: counts.disclosures, fields: [] });

    // Orders and invoices: vouchers under the Accounting Act.
    items.push(...this.invoicePlan(invoices, mode));
    items.push(...(await this.orderItems(db, await orderIdsOfCustomer(db, customerId), mode)));
    // The requests themselves are evidence of how the rights were honoured.
    const requestIds = await requestIdsOfCustomer(db, customerId);
    const until = this.deadlines.yearsFromToday(this.clock.now(), REQUEST_EVIDENCE_YEARS);
    items.push(hold('privacy_requests', HoldReason.LEGAL_OBLIGATION, requestIds, ['requesterName', 'requesterContact', 'items'], until));
    return items;
  }

  /** Invoices: held while open or in collection; then kept as vouchers until retention ends (erasure) or anonymised. */
  async invoiceItems(db: Db, invoiceIds: string[], mode: Mode): Promise<PlannedItem[]> {
    if (invoiceIds.length === 0) return [];
    return this.invoicePlan(await invoicesByIds(db, invoiceIds), mode);
  }

  private invoicePlan(invoices: InvoiceStateRow[], mode: Mode): PlannedItem[] {
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
      items.push({
        table: 'invoices',
        action: ErasureAction.ANONYMISE,
        rowIds: settled.map((i) => i.id),
        rowCount: settled.length,
        fields: ['collectionAgency'],
      });
    } else {
      // A date reads as 'YYYY-MM-DD' (db/data-source.ts); at noon UTC it is the same day in any zone within 12 hours of UTC (TIME_ZONE).
      const latest = settled.map((i) => ({ id: i.id, latest: new Date(`${i.issued_at}T12:00:00Z`) }));
      items.push(...this.retentionGroups('invoices', latest, ['issuedAt', 'amountCents']));
    }
    return items;
  }

  /** Orders: held while an invoice of theirs is open or in collection; then kept as vouchers (erasure) or anonymised. */
  async orderItems(db: Db, orderIds: string[], mode: Mode): Promise<PlannedItem[]> {
    if (orderIds.length === 0) return [];
    const orders = await orderVouchers(db, orderIds);
    const items: PlannedItem[] = [];
    const open = orders.filter((o) => o.open).map((o) => String(o.id));
    const collection = orders.filter((o) => !o.open && o.collection).map((o) => String(o.id));
    if (open.length > 0) items.push(hold('orders', HoldReason.OPEN_INVOICE, open, ['orderedAt', 'lines']));
    if (collection.length > 0) items.push(hold('orders', HoldReason.IN_COLLECTION, collection, ['orderedAt', 'lines']));
    const settled = orders.filter((o) => !o.open && !o.collection);
    if (settled.length === 0) return items;
    if (mode === 'ANONYMISATION') {
      items.push({
        table: 'orders',
        action: ErasureAction.ANONYMISE,
        rowIds: settled.map((o) => String(o.id)),
        rowCount: settled.length,
        fields: ['channelDetail'],
      });
    } else {
      items.push(...this.retentionGroups('orders', settled, ['orderedAt', 'lines', 'channelDetail']));
    }
    return items;
  }

  /** Rows grouped by the last day the Accounting Act keeps them; those past it are erased now. */
  private retentionGroups(table: string, rows: Array<{ id: string; latest: Date }>, fields: string[]): PlannedItem[] {
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
