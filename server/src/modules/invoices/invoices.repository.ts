import { affected, many, maybeOne, one, Params, type Db } from '../../db/sql';
import { newestFirstOfCustomers, type Keyset, type RowFilter } from '../orders/customer-pages';
import type { Invoice, InvoiceStatus } from './invoice.model';

/** The invoices module's SQL, with typed rows in and out; the service holds the rules and the transaction. */

const COLUMNS = `i.id, i.invoice_number, i.order_id, i.customer_id, to_char(i.issued_at, 'YYYY-MM-DD') AS issued_at,
  to_char(i.due_at, 'YYYY-MM-DD') AS due_at, i.amount_cents, i.status, i.paid_at, i.collection_agency, i.version, i.created_at, i.updated_at`;

/** An invoice row: bigint columns arrive as strings, dates as YYYY-MM-DD. */
interface InvoiceRow {
  id: string;
  invoice_number: string;
  order_id: string;
  customer_id: string;
  issued_at: string;
  due_at: string;
  amount_cents: string;
  status: InvoiceStatus;
  paid_at: Date | null;
  collection_agency: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function invoiceFromRow(row: InvoiceRow): Invoice {
  return {
    id: row.id,
    invoiceNumber: String(row.invoice_number),
    orderId: row.order_id,
    customerId: row.customer_id,
    issuedAt: row.issued_at,
    dueAt: row.due_at,
    amountCents: Number(row.amount_cents),
    status: row.status,
    paidAt: row.paid_at,
    collectionAgency: row.collection_agency,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One invoice, if the filter lets it through. */
export async function findInvoice(db: Db, id: string, visible: RowFilter): Promise<Invoice | undefined> {
  const params = new Params();
  const row = await maybeOne<InvoiceRow>(db, `SELECT ${COLUMNS} FROM invoices i WHERE i.id = ${params.bind(id)} AND ${visible(params, 'i')}`, params.values);
  return row && invoiceFromRow(row);
}

/** The invoices of these orders, oldest first. */
export async function invoicesOfOrders(db: Db, orderIds: readonly string[], visible: RowFilter): Promise<Invoice[]> {
  const params = new Params();
  const rows = await many<InvoiceRow>(
    db,
    `SELECT ${COLUMNS} FROM invoices i WHERE i.order_id = ANY(${params.bind(orderIds)}::uuid[]) AND ${visible(params, 'i')} ORDER BY i.issued_at, i.id`,
    params.values,
  );
  return rows.map(invoiceFromRow);
}

/** Up to `limit` newest-first invoices of each customer (by issue date), after the keyset when given, in one statement. */
export async function invoicesOfCustomers(db: Db, customerIds: readonly string[], limit: number, after: Keyset | null, visible: RowFilter): Promise<Invoice[]> {
  const params = new Params();
  const sql = newestFirstOfCustomers(params, {
    customerIds,
    table: 'invoices',
    alias: 'i',
    columns: COLUMNS,
    sortKey: 'issued_at',
    sortType: 'date',
    after,
    limit,
    visible,
  });
  return (await many<InvoiceRow>(db, sql, params.values)).map(invoiceFromRow);
}

/** What decides whether a customer is invoiced, and who may change their invoices while processing is restricted. */
export interface InvoicedCustomerRow {
  id: string;
  partner_id: string | null;
  restricted: boolean;
  pending_erasure: boolean;
  anonymised_at: Date | null;
}

/** The invoiced customer, locked against an erasure or a restriction decided meanwhile. */
export async function lockInvoicedCustomer(db: Db, customerId: string): Promise<InvoicedCustomerRow> {
  return one<InvoicedCustomerRow>(db, `SELECT id, partner_id, restricted, pending_erasure, anonymised_at FROM customers WHERE id = $1 FOR SHARE`, [customerId]);
}

/** The order's live invoice (any but a credited one; P1 allows one), if it has one. */
export async function liveInvoiceOfOrder(db: Db, orderId: string): Promise<{ id: string; invoice_number: string; status: InvoiceStatus } | undefined> {
  return maybeOne(db, `SELECT id, invoice_number, status FROM invoices WHERE order_id = $1 AND status <> 'CREDITED'`, [orderId]);
}

export interface NewInvoiceRow {
  order_id: string;
  customer_id: string;
  issued_at: string;
  due_at: string;
  amount_cents: number;
}

/**
 * Inserts an invoice and answers its id; undefined when the order has a live invoice already. The unique
 * index `invoices_one_live_per_order` decides, so of two sales invoicing the same order at once, one
 * wins and the other waits for it and gets undefined (never a unique-violation error).
 */
export async function insertInvoice(db: Db, row: NewInvoiceRow): Promise<string | undefined> {
  const inserted = await maybeOne<{ id: string }>(
    db,
    `INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (order_id) WHERE status <> 'CREDITED' DO NOTHING RETURNING id`,
    [row.order_id, row.customer_id, row.issued_at, row.due_at, row.amount_cents],
  );
  return inserted?.id;
}

/** The columns an update sets. */
export interface InvoiceUpdateRow {
  status: InvoiceStatus;
  paid_at: Date | null;
  collection_agency: string | null;
  due_at: string;
}

/** Applies the update if the invoice is still at `version`; answers how many rows changed (0: someone else changed it). */
export async function updateInvoiceAt(db: Db, id: string, version: number, row: InvoiceUpdateRow): Promise<number> {
  return affected(
    db,
    `UPDATE invoices SET status = $1, paid_at = $2, collection_agency = $3, due_at = $4, version = version + 1, updated_at = now()
      WHERE id = $5 AND version = $6`,
    [row.status, row.paid_at, row.collection_agency, row.due_at, id, version],
  );
}

/** The invoice's current version (after a conflict). */
export async function invoiceVersion(db: Db, id: string): Promise<number | undefined> {
  return (await maybeOne<{ version: number }>(db, `SELECT version FROM invoices WHERE id = $1`, [id]))?.version;
}
