import { many, type Db } from '../../db/sql';
import { mergedFamilySql } from '../customer-merge/merged-records';

/**
 * P14: the SQL that reads everything the register holds about one person, a handful of flat
 * statements whatever the number of orders (B5). Typed rows, as the database answers them.
 */

export interface ProvenanceRow {
  field: string;
  source: string;
  detail: string | null;
  recorded_at: Date;
}

export function provenanceOf(db: Db, customerId: string): Promise<ProvenanceRow[]> {
  return many<ProvenanceRow>(db, `SELECT field, source, detail, recorded_at FROM customer_provenance WHERE customer_id = $1 ORDER BY id`, [customerId]);
}

export interface PackageOrderRow {
  id: string;
  order_number: string;
  channel: string;
  channel_detail: string | null;
  ordered_at: Date;
  status: string;
  closed_at: Date | null;
  /** bigint: read as text. */
  net_cents: string;
  vat_cents: string;
  gross_cents: string;
}

export function ordersOf(db: Db, customerId: string): Promise<PackageOrderRow[]> {
  return many<PackageOrderRow>(
    db,
    `SELECT o.id, o.order_number, o.channel, o.channel_detail, o.ordered_at, o.status, o.closed_at, o.net_cents, o.vat_cents, o.gross_cents
       FROM orders o WHERE o.customer_id = $1 ORDER BY o.ordered_at, o.order_number`,
    [customerId],
  );
}

export interface PackageLineRow {
  order_id: string;
  position: number;
  sku: string;
  name: string;
  quantity: number;
  unit_price_cents: string;
  vat_rate_bp: number;
  gross_cents: string;
}

/** The lines of all the customer's orders in one flat statement: far cheaper than a JSON aggregate per order. */
export function orderLinesOf(db: Db, customerId: string): Promise<PackageLineRow[]> {
  return many<PackageLineRow>(
    db,
    `SELECT l.order_id, l.position, l.sku, l.name, l.quantity, l.unit_price_cents, l.vat_rate_bp, l.gross_cents
       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.customer_id = $1 ORDER BY l.order_id, l.position`,
    [customerId],
  );
}

export interface PackageInvoiceRow {
  invoice_number: string;
  order_id: string;
  /** SQL dates: 'YYYY-MM-DD'. */
  issued_at: string;
  due_at: string;
  amount_cents: string;
  status: string;
  paid_at: Date | null;
  collection_agency: string | null;
}

/**
 * The customer's invoices with the id of their order, not its number: the orders are read already, and a
 * join back to them costs one random probe of the orders index per invoice (B5 at 5,000,000 orders).
 */
export function invoicesOf(db: Db, customerId: string): Promise<PackageInvoiceRow[]> {
  return many<PackageInvoiceRow>(
    db,
    `SELECT i.invoice_number, i.order_id, i.issued_at, i.due_at, i.amount_cents, i.status, i.paid_at, i.collection_agency
       FROM invoices i WHERE i.customer_id = $1 ORDER BY i.issued_at, i.invoice_number`,
    [customerId],
  );
}

/** Order numbers by order id, for the few orders an invoice names that are not among the customer's own. */
export function orderNumbersOf(db: Db, orderIds: readonly string[]): Promise<Array<{ id: string; order_number: string }>> {
  return many(db, `SELECT id, order_number FROM orders WHERE id = ANY($1::uuid[])`, [orderIds]);
}

export interface ProhibitionEntryRow {
  kind: string;
  channel: string | null;
  action: string;
  via: string;
  note: string | null;
  recorded_at: Date;
}

export function prohibitionLedgerOf(db: Db, customerId: string): Promise<ProhibitionEntryRow[]> {
  return many<ProhibitionEntryRow>(
    db,
    `SELECT kind, channel, action, via, note, recorded_at FROM prohibition_events WHERE customer_id = ANY(${mergedFamilySql('$1')}) ORDER BY id`,
    [customerId],
  );
}

export function prohibitionsInForceOf(db: Db, customerId: string): Promise<Array<Omit<ProhibitionEntryRow, 'action' | 'note'>>> {
  return many(db, `SELECT kind, channel, via, recorded_at FROM current_prohibitions WHERE customer_id = $1 ORDER BY kind`, [customerId]);
}

export interface PackageDisclosureRow {
  disclosed_at: Date;
  basis: string;
  fields: string[];
  name: string;
  kind: string;
  country: string;
}

export function disclosuresOf(db: Db, customerId: string): Promise<PackageDisclosureRow[]> {
  return many<PackageDisclosureRow>(
    db,
    `SELECT d.disclosed_at, d.basis, d.fields, r.name, r.kind, r.country
       FROM disclosures d JOIN recipients r ON r.id = d.recipient_id WHERE d.customer_id = ANY(${mergedFamilySql('$1')}) ORDER BY d.id`,
    [customerId],
  );
}

export interface ProcessorRow {
  name: string;
  country: string;
  safeguard: string | null;
}

export function activeProcessors(db: Db): Promise<ProcessorRow[]> {
  return many<ProcessorRow>(db, `SELECT name, country, safeguard FROM recipients WHERE kind = 'PROCESSOR' AND active ORDER BY name`);
}

export interface ConsultationRow {
  at: Date;
  action: string;
  fields: string[] | null;
  purpose: string | null;
}

/** Dates and purposes of reads and changes, never the staff's names (CJEU C-579/21). */
export function consultationsOf(db: Db, customerId: string): Promise<ConsultationRow[]> {
  return many<ConsultationRow>(
    db,
    `SELECT at, action, fields, purpose FROM audit_events WHERE (customer_id = ANY(${mergedFamilySql('$1')}) OR customer_ids && ${mergedFamilySql('$1')})
        AND action IN ('CUSTOMER_READ', 'CUSTOMER_UPDATED', 'CUSTOMER_CREATED', 'CUSTOMER_DATA_DISCLOSED', 'ACCESS_PACKAGE_CREATED', 'PRIVACY_DOCUMENT_DOWNLOADED')
      ORDER BY id`,
    [customerId],
  );
}

export interface TargetListEntryRow {
  campaign: string;
  purpose: string;
  channel: string;
  built_at: Date | null;
  included: boolean;
  reasons: string[] | null;
  /** Why staff kept the person off a campaign by hand, as they wrote it (issue 16). */
  note: string | null;
}

/** Found by the customer's number (indexed, as a build writes it) and their id, both: exactly this person's entries. */
export function targetListsOf(db: Db, customerId: string): Promise<TargetListEntryRow[]> {
  return many<TargetListEntryRow>(
    db,
    `WITH who AS (SELECT id, customer_number FROM customers WHERE id = ANY(${mergedFamilySql('$1')}))
     SELECT c.name AS campaign, c.purpose, c.channel, t.built_at, true AS included, NULL::text[] AS reasons, NULL::text AS note
       FROM who, target_list_members m JOIN target_lists t ON t.id = m.target_list_id JOIN campaigns c ON c.id = t.campaign_id
      WHERE m.customer_number = who.customer_number AND m.customer_id = who.id
     UNION ALL
     SELECT c.name, c.purpose, c.channel, t.built_at, false, x.reasons, NULL
       FROM who, target_list_exclusions x JOIN target_lists t ON t.id = x.target_list_id JOIN campaigns c ON c.id = t.campaign_id
      WHERE x.customer_number = who.customer_number AND x.customer_id = who.id
     UNION ALL
     -- Issue 16: kept off a campaign's lists by hand (since when).
     SELECT c.name, c.purpose, c.channel, e.added_at, false, ARRAY['MANUAL'], e.note
       FROM who, campaign_exclusions e JOIN campaigns c ON c.id = e.campaign_id
      WHERE e.customer_id = who.id
     ORDER BY built_at`,
    [customerId],
  );
}

export interface PackageRequestRow {
  request_number: string;
  type: string;
  status: string;
  received_at: Date;
  received_via: string;
  closed_at: Date | null;
  items: unknown[];
}

export function requestsOf(db: Db, customerId: string): Promise<PackageRequestRow[]> {
  return many<PackageRequestRow>(
    db,
    `SELECT r.request_number, r.type, r.status, r.received_at, r.received_via, r.closed_at,
            coalesce((SELECT json_agg(json_build_object('field', i.field, 'proposedValue', i.proposed_value, 'decision', i.decision,
                      'decisionReason', i.decision_reason,
                      'notices', (SELECT count(*) FROM rectification_notices n WHERE n.item_id = i.id)) ORDER BY i.position)
                        FROM rectification_items i WHERE i.request_id = r.id), '[]') AS items
       FROM privacy_requests r WHERE r.customer_id = $1 ORDER BY r.received_at`,
    [customerId],
  );
}
