import { execute, many, maybeOne, one, type Db } from '../../db/sql';
import { mergedFamilySql } from '../customer-merge/merged-records';
import type { ErasureAction, ErasureItemState, HoldReason } from './request.model';

/**
 * P10, P17: the SQL of erasure plans, of what carrying one out does to each table, and of the
 * holds that keep part of it waiting. Typed rows in and out; the rules are `Erasures`' and the planner's.
 */

export interface ErasureItemRow {
  id: string;
  request_id: string;
  position: number;
  table_name: string;
  action: ErasureAction;
  reason: HoldReason | null;
  /** A SQL date: 'YYYY-MM-DD' (db/data-source.ts). */
  until: string | null;
  row_ids: string[];
  row_count: number;
  fields: string[];
  state: ErasureItemState;
  done_at: Date | null;
}

const ITEM_COLUMNS = `id, request_id, position, table_name, action, reason, until, row_ids, row_count, fields, state, done_at`;

export interface NewErasureItem {
  table: string;
  action: ErasureAction;
  reason?: HoldReason;
  until?: string;
  rowIds: string[];
  rowCount: number;
  fields: string[];
}

// Plans.

export function itemsOf(db: Db, requestIds: readonly string[]): Promise<ErasureItemRow[]> {
  return many<ErasureItemRow>(db, `SELECT ${ITEM_COLUMNS} FROM erasure_items WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, position`, [requestIds]);
}

export function itemsOfRequest(db: Db, requestId: string, lock = false): Promise<ErasureItemRow[]> {
  return many<ErasureItemRow>(db, `SELECT ${ITEM_COLUMNS} FROM erasure_items WHERE request_id = $1 ORDER BY position ${lock ? 'FOR UPDATE' : ''}`, [requestId]);
}

/** Held items of a request, locked; orders last, since an order goes only after its invoices, which may lapse in the same pass. */
export function heldItemsOf(db: Db, requestId: string): Promise<ErasureItemRow[]> {
  return many<ErasureItemRow>(
    db,
    `SELECT ${ITEM_COLUMNS} FROM erasure_items WHERE request_id = $1 AND state = 'HELD' ORDER BY table_name = 'orders', position FOR UPDATE`,
    [requestId],
  );
}

export async function wasExecuted(db: Db, requestId: string): Promise<boolean> {
  return (await maybeOne(db, `SELECT 1 FROM erasure_items WHERE request_id = $1 AND state <> 'PLANNED' LIMIT 1`, [requestId])) !== undefined;
}

export function deletePlan(db: Db, requestId: string): Promise<void> {
  return execute(db, `DELETE FROM erasure_items WHERE request_id = $1`, [requestId]);
}

export function insertItem(db: Db, requestId: string, position: number, item: NewErasureItem): Promise<ErasureItemRow> {
  return one<ErasureItemRow>(
    db,
    `INSERT INTO erasure_items (request_id, position, table_name, action, reason, until, row_ids, row_count, fields)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${ITEM_COLUMNS}`,
    [requestId, position, item.table, item.action, item.reason ?? null, item.until ?? null, item.rowIds, item.rowCount, item.fields],
  );
}

export async function lastPosition(db: Db, requestId: string): Promise<number> {
  return (await one<{ max: number }>(db, `SELECT coalesce(max(position), 0)::int AS max FROM erasure_items WHERE request_id = $1`, [requestId])).max;
}

export function markHeld(db: Db, itemId: string): Promise<void> {
  return execute(db, `UPDATE erasure_items SET state = 'HELD' WHERE id = $1`, [itemId]);
}

export function markDone(db: Db, itemId: string, at: Date): Promise<void> {
  return execute(db, `UPDATE erasure_items SET state = 'DONE', done_at = $2 WHERE id = $1`, [itemId, at]);
}

/** Requests with something still held (of one customer, when given). */
export async function requestsWithHolds(db: Db, customerId?: string): Promise<string[]> {
  const rows = await many<{ id: string }>(
    db,
    `SELECT DISTINCT r.id FROM erasure_items i JOIN privacy_requests r ON r.id = i.request_id
      WHERE i.state = 'HELD' AND ($1::uuid IS NULL OR r.customer_id = $1::uuid)`,
    [customerId ?? null],
  );
  return rows.map((r) => r.id);
}

/** P10: whether a customer's erasure waits for a hold (an open or collected invoice) to lapse. */
export async function isPendingErasure(db: Db, customerId: string): Promise<boolean> {
  return (await maybeOne(db, `SELECT 1 FROM customers WHERE id = $1 AND pending_erasure`, [customerId])) !== undefined;
}

// What the planner reads.

export interface InvoiceStateRow {
  id: string;
  status: string;
  /** A SQL date: 'YYYY-MM-DD'. */
  issued_at: string;
}

export function invoicesOfCustomer(db: Db, customerId: string): Promise<InvoiceStateRow[]> {
  return many<InvoiceStateRow>(db, `SELECT id, status, issued_at FROM invoices WHERE customer_id = $1 ORDER BY issued_at, id`, [customerId]);
}

export function invoicesByIds(db: Db, invoiceIds: readonly string[]): Promise<InvoiceStateRow[]> {
  return many<InvoiceStateRow>(db, `SELECT id, status, issued_at FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY issued_at, id`, [invoiceIds]);
}

export interface OrderVoucherRow {
  id: string;
  /** The latest voucher date of the order: its own, or its latest invoice's (a date, read at noon UTC). */
  latest: Date;
  open: boolean | null;
  collection: boolean | null;
}

export function orderVouchers(db: Db, orderIds: readonly string[]): Promise<OrderVoucherRow[]> {
  return many<OrderVoucherRow>(
    db,
    `SELECT o.id, greatest(o.ordered_at, max((i.issued_at + time '12:00') AT TIME ZONE 'UTC')) AS latest,
            bool_or(i.status = 'OPEN') AS open, bool_or(i.status = 'IN_COLLECTION') AS collection
       FROM orders o LEFT JOIN invoices i ON i.order_id = o.id WHERE o.id = ANY($1::uuid[]) GROUP BY o.id ORDER BY o.id`,
    [orderIds],
  );
}

export async function orderIdsOfCustomer(db: Db, customerId: string): Promise<string[]> {
  return (await many<{ id: string }>(db, `SELECT id FROM orders WHERE customer_id = $1 ORDER BY id`, [customerId])).map((r) => r.id);
}

export async function requestIdsOfCustomer(db: Db, customerId: string): Promise<string[]> {
  return (await many<{ id: string }>(db, `SELECT id FROM privacy_requests WHERE customer_id = $1 ORDER BY received_at`, [customerId])).map((r) => r.id);
}

/** The provenance rows (ids) of the given fields of a customer. */
export async function provenanceIdsOf(db: Db, customerId: string, fields: readonly string[]): Promise<string[]> {
  const rows = await many<{ id: string }>(db, `SELECT id::text FROM customer_provenance WHERE customer_id = $1 AND field = ANY($2::text[]) ORDER BY id`, [
    customerId,
    fields,
  ]);
  return rows.map((r) => r.id);
}

/** How many rows of each table erasure erases or anonymises outright hold about the customer. */
export interface PersonalDataCounts {
  customer_provenance: number;
  prohibition_events: number;
  target_list_exports: number;
  target_list_members: number;
  target_list_exclusions: number;
  campaign_exclusions: number;
  access_packages: number;
  audit_changes: number;
  disclosures: number;
}

export function personalDataCounts(db: Db, customerId: string): Promise<PersonalDataCounts> {
  return one<PersonalDataCounts>(
    db,
    `SELECT (SELECT count(*)::int FROM customer_provenance WHERE customer_id = $1) AS customer_provenance,
            (SELECT count(*)::int FROM prohibition_events WHERE customer_id = ANY(${mergedFamilySql('$1')})) AS prohibition_events,
            (SELECT count(*)::int FROM target_list_exports
              WHERE target_list_id IN (SELECT target_list_id FROM target_list_members WHERE customer_id = ANY(${mergedFamilySql('$1')}))) AS target_list_exports,
            (SELECT count(*)::int FROM target_list_members WHERE customer_id = ANY(${mergedFamilySql('$1')})) AS target_list_members,
            (SELECT count(*)::int FROM target_list_exclusions WHERE customer_id = ANY(${mergedFamilySql('$1')})) AS target_list_exclusions,
            (SELECT count(*)::int FROM campaign_exclusions WHERE customer_id = ANY(${mergedFamilySql('$1')})) AS campaign_exclusions,
            (SELECT count(*)::int FROM privacy_documents d JOIN privacy_requests r ON r.id = d.request_id
              WHERE r.customer_id = $1 AND d.kind IN ('ACCESS_PACKAGE_JSON', 'ACCESS_PACKAGE_HTML')) AS access_packages,
            (SELECT count(*)::int FROM audit_events WHERE customer_id = ANY(${mergedFamilySql('$1')}) AND changes IS NOT NULL) AS audit_changes,
            (SELECT count(*)::int FROM disclosures WHERE customer_id = ANY(${mergedFamilySql('$1')})) AS disclosures`,
    [customerId],
  );
}

// Holds.

const LIVE = `status IN ('OPEN', 'IN_COLLECTION')`;

/** Whether an invoice that keeps a hold alive (open, or in collection) remains: of the customer, of these orders, or among these invoices. */
export async function liveInvoiceRemains(db: Db, of: { customerId: string } | { orderIds: string[] } | { invoiceIds: string[] }): Promise<boolean> {
  const [where, value] =
    'customerId' in of
      ? ['customer_id = $1', of.customerId]
      : 'orderIds' in of
        ? ['order_id = ANY($1::uuid[])', of.orderIds]
        : ['id = ANY($1::uuid[])', of.invoiceIds];
  return (await maybeOne(db, `SELECT 1 FROM invoices WHERE ${where} AND ${LIVE} LIMIT 1`, [value])) !== undefined;
}

export async function ordersHaveInvoices(db: Db, orderIds: readonly string[]): Promise<boolean> {
  return (await maybeOne(db, `SELECT 1 FROM invoices WHERE order_id = ANY($1::uuid[]) LIMIT 1`, [orderIds])) !== undefined;
}

// Carrying a plan out.

/** The advisory locks erasures hold on their customer (the migration 1764380000000-AppRole checks for the same). */
const ERASURE_LOCKS = 1764380001;

/**
 * Marks this transaction as carrying out the customer's erasure, until it ends: only then, and only as its
 * plan says, does `redact_customer_ledger` (migration 1764380000000-AppRole) touch their rows in the ledgers.
 */
export function beginErasing(db: Db, customerId: string): Promise<void> {
  return execute(db, `SELECT pg_advisory_xact_lock(${ERASURE_LOCKS}, hashtext($1))`, [customerId]);
}

export function markPendingErasure(db: Db, customerId: string): Promise<void> {
  return execute(db, `UPDATE customers SET pending_erasure = true, version = version + 1, updated_at = now() WHERE id = $1`, [customerId]);
}

/** P17: identifiers replaced irreversibly; country and language stay for statistics. */
export async function anonymiseCustomer(db: Db, customerId: string): Promise<void> {
  await execute(
    db,
    `UPDATE customers SET first_name = 'Anonymised', last_name = 'Anonymised', organisation_id = NULL, email = NULL, phone = NULL,
            street = NULL, postal_code = NULL, city = NULL, partner_id = NULL, restricted = false, pending_erasure = false,
            anonymised_at = now(), version = version + 1, updated_at = now()
      WHERE id = $1`,
    [customerId],
  );
  await eraseProvenance(db, customerId);
}

export function eraseProvenance(db: Db, customerId: string): Promise<void> {
  return execute(db, `DELETE FROM customer_provenance WHERE customer_id = $1`, [customerId]);
}

/** Some provenance rows of a customer, by id (the provenance of values erased while the rest is held). */
export function eraseProvenanceRows(db: Db, customerId: string, ids: readonly string[]): Promise<void> {
  return execute(db, `DELETE FROM customer_provenance WHERE customer_id = $1 AND id = ANY($2::bigint[])`, [customerId, ids]);
}

/**
 * P10: while an invoice holds the identity, only what invoicing and collection need stays (number,
 * name, postal address); the e-mail, phone, language, organisation and partner link go at once.
 */
export function minimiseCustomer(db: Db, customerId: string): Promise<void> {
  return execute(
    db,
    `UPDATE customers SET email = NULL, phone = NULL, language = NULL, organisation_id = NULL, partner_id = NULL,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [customerId],
  );
}

/** The customer's rows of the prohibition ledger, through the one function that may (the "no" stays as a hash). */
export function eraseProhibitionLedger(db: Db, customerId: string): Promise<void> {
  return execute(db, `SELECT redact_customer_ledger(id, 'prohibition_events') FROM unnest(${mergedFamilySql('$1')}) AS id`, [customerId]);
}

/** Files of target lists the customer is on. */
export function eraseTargetListExports(db: Db, customerId: string): Promise<void> {
  return execute(
    db,
    `DELETE FROM target_list_exports WHERE target_list_id IN (SELECT target_list_id FROM target_list_members WHERE customer_id = ANY(${mergedFamilySql('$1')}))`,
    [customerId],
  );
}

export function eraseTargetListEntries(
  db: Db,
  customerId: string,
  table: 'target_list_members' | 'target_list_exclusions' | 'campaign_exclusions',
): Promise<void> {
  return execute(db, `DELETE FROM ${table} WHERE customer_id = ANY(${mergedFamilySql('$1')})`, [customerId]);
}

/** The trail stays (who did what, when); the values it recorded go. */
export function eraseAuditValues(db: Db, customerId: string): Promise<void> {
  return execute(db, `SELECT redact_customer_ledger(id, 'audit_events') FROM unnest(${mergedFamilySql('$1')}) AS id`, [customerId]);
}

/** A settled invoice kept without identity: its collection agency goes (one still in collection keeps it). */
export function anonymiseInvoices(db: Db, invoiceIds: readonly string[]): Promise<void> {
  return execute(db, `UPDATE invoices SET collection_agency = NULL WHERE id = ANY($1::uuid[]) AND status <> 'IN_COLLECTION'`, [invoiceIds]);
}

export function eraseInvoices(db: Db, invoiceIds: readonly string[]): Promise<void> {
  return execute(db, `DELETE FROM invoices WHERE id = ANY($1::uuid[])`, [invoiceIds]);
}

export function anonymiseOrders(db: Db, orderIds: readonly string[]): Promise<void> {
  return execute(db, `UPDATE orders SET channel_detail = NULL WHERE id = ANY($1::uuid[])`, [orderIds]);
}

/** Orders with their lines; the caller has made sure no invoice of theirs is kept. */
export async function eraseOrders(db: Db, orderIds: readonly string[]): Promise<void> {
  await execute(db, `DELETE FROM order_lines WHERE order_id = ANY($1::uuid[])`, [orderIds]);
  await execute(db, `DELETE FROM orders WHERE id = ANY($1::uuid[])`, [orderIds]);
}

/** The requests themselves, once their evidence hold lapses: the requester's identity and the values asked for go. */
export async function anonymiseRequests(db: Db, requestIds: readonly string[]): Promise<void> {
  await execute(
    db,
    `UPDATE privacy_requests SET requester_name = 'Anonymised', requester_contact = NULL, paper_original_location = NULL, identity_note = NULL
      WHERE id = ANY($1::uuid[])`,
    [requestIds],
  );
  await execute(db, `UPDATE rectification_items SET current_value = NULL, proposed_value = '[erased]', reason = NULL WHERE request_id = ANY($1::uuid[])`, [
    requestIds,
  ]);
}
