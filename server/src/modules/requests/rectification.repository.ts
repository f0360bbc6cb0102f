import { execute, many, maybeOne, type Db } from '../../db/sql';
import { mergedFamilySql } from '../customer-merge/merged-records';
import type { NoticeKind, NoticeStatus, NoticeTarget, RequestLanguage } from './request.model';

/** P16: the SQL of rectification items, their decisions and the notices they give (GDPR 19). */

export interface RectificationItemRow {
  id: string;
  request_id: string;
  position: number;
  field: string;
  current_value: string | null;
  proposed_value: string;
  reason: string | null;
  decision: 'APPROVED' | 'REFUSED' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

const ITEM_COLUMNS = `id, request_id, position, field, current_value, proposed_value, reason, decision, decision_reason, decided_by, decided_at`;

export function insertItem(
  db: Db,
  item: { requestId: string; position: number; field: string; currentValue: string | null; proposedValue: string; reason: string | null },
): Promise<void> {
  return execute(db, `INSERT INTO rectification_items (request_id, position, field, current_value, proposed_value, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
    item.requestId,
    item.position,
    item.field,
    item.currentValue,
    item.proposedValue,
    item.reason,
  ]);
}

export function itemsOf(db: Db, requestIds: readonly string[], lock = false): Promise<RectificationItemRow[]> {
  return many<RectificationItemRow>(
    db,
    `SELECT ${ITEM_COLUMNS} FROM rectification_items WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, position ${lock ? 'FOR UPDATE' : ''}`,
    [requestIds],
  );
}

export function setCurrentValue(db: Db, itemId: string, value: string | null): Promise<void> {
  return execute(db, `UPDATE rectification_items SET current_value = $2 WHERE id = $1`, [itemId, value]);
}

export function setDecision(db: Db, itemId: string, d: { approved: boolean; reason: string | null; by: string; at: Date }): Promise<void> {
  return execute(db, `UPDATE rectification_items SET decision = $2, decision_reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1`, [
    itemId,
    d.approved ? 'APPROVED' : 'REFUSED',
    d.reason,
    d.by,
    d.at,
  ]);
}

export interface CustomerVersionRow {
  id: string;
  version: number;
}

export function lockCustomerVersion(db: Db, customerId: string): Promise<CustomerVersionRow | undefined> {
  return maybeOne<CustomerVersionRow>(db, `SELECT id, version FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
}

/** Where each field's current value came from: its latest provenance, else the record's own source. */
export function sourcesOf(db: Db, customerId: string, fields: readonly string[]): Promise<Array<{ field: string; source: string }>> {
  return many(
    db,
    `SELECT f.field, coalesce((SELECT p.source FROM customer_provenance p WHERE p.customer_id = $1 AND p.field = f.field ORDER BY p.id DESC LIMIT 1), c.source) AS source
       FROM unnest($2::text[]) AS f(field), customers c WHERE c.id = $1`,
    [customerId, fields],
  );
}

export function insertSourceNotice(db: Db, requestId: string, itemId: string, source: string): Promise<void> {
  return execute(db, `INSERT INTO rectification_notices (request_id, item_id, target, source) VALUES ($1, $2, 'SOURCE', $3)`, [requestId, itemId, source]);
}

/** Exactly the recipients that received this field of this customer, once each. */
export function insertRecipientNotices(db: Db, requestId: string, itemId: string, customerId: string, field: string): Promise<void> {
  return execute(
    db,
    `INSERT INTO rectification_notices (request_id, item_id, target, recipient_id)
     SELECT DISTINCT $1::uuid, $2::uuid, 'RECIPIENT', recipient_id FROM disclosures WHERE customer_id = ANY(${mergedFamilySql('$3')}) AND $4 = ANY(fields)`,
    [requestId, itemId, customerId, field],
  );
}

export interface NoticeRow {
  id: string;
  request_id: string;
  kind: NoticeKind;
  item_id: string | null;
  field: string | null;
  target: NoticeTarget;
  recipient_id: string | null;
  recipient_name: string | null;
  source: string | null;
  status: NoticeStatus;
  status_reason: string | null;
  document_id: string | null;
  updated_at: Date;
}

const NOTICE_SELECT = `SELECT n.id, n.request_id, n.kind, n.item_id, i.field, n.target, n.recipient_id, r.name AS recipient_name, n.source, n.status,
         n.status_reason, n.document_id, n.updated_at
    FROM rectification_notices n LEFT JOIN rectification_items i ON i.id = n.item_id LEFT JOIN recipients r ON r.id = n.recipient_id`;

export function noticesOf(db: Db, requestIds: readonly string[]): Promise<NoticeRow[]> {
  return many<NoticeRow>(db, `${NOTICE_SELECT} WHERE n.request_id = ANY($1::uuid[]) ORDER BY i.position NULLS FIRST, n.target DESC, r.name`, [requestIds]);
}

/** A recipient in the disclosure ledger of a customer: who they are, how to reach them, and the fields they received. */
export interface LedgerRecipientRow {
  id: string;
  name: string;
  language: RequestLanguage | null;
  contact_email: string | null;
  postal_address: string | null;
  fields: string[];
}

/** GDPR 19: every recipient that received any of the customer's data, with every field it received, by name. */
export function recipientsOfCustomer(db: Db, customerId: string): Promise<LedgerRecipientRow[]> {
  return many<LedgerRecipientRow>(
    db,
    `SELECT r.id, r.name, r.language, r.contact_email, r.postal_address, array_agg(DISTINCT f.field ORDER BY f.field) AS fields
       FROM disclosures d JOIN recipients r ON r.id = d.recipient_id, unnest(d.fields) AS f(field)
      WHERE d.customer_id = ANY(${mergedFamilySql('$1')})
      GROUP BY r.id ORDER BY lower(r.name), r.id`,
    [customerId],
  );
}

/** An erasure or restriction notice to one recipient, with the document that tells it. */
export function insertKindNotice(db: Db, n: { requestId: string; kind: NoticeKind; recipientId: string; documentId: string }): Promise<void> {
  return execute(db, `INSERT INTO rectification_notices (request_id, kind, target, recipient_id, document_id) VALUES ($1, $2, 'RECIPIENT', $3, $4)`, [
    n.requestId,
    n.kind,
    n.recipientId,
    n.documentId,
  ]);
}

/** The rectification notices of a request to this recipient that no document tells yet. */
export function attachNoticeDocument(db: Db, requestId: string, recipientId: string, documentId: string): Promise<void> {
  return execute(
    db,
    `UPDATE rectification_notices SET document_id = $3 WHERE request_id = $1 AND recipient_id = $2 AND kind = 'RECTIFICATION' AND document_id IS NULL`,
    [requestId, recipientId, documentId],
  );
}

/** Whom a person is to a recipient: their name and customer number, read before anything changes. */
export function personOf(db: Db, customerId: string): Promise<{ first_name: string; last_name: string; customer_number: string } | undefined> {
  return maybeOne(db, `SELECT first_name, last_name, customer_number::text FROM customers WHERE id = $1`, [customerId]);
}

export function noticeById(db: Db, noticeId: string, lock = false): Promise<NoticeRow | undefined> {
  return maybeOne<NoticeRow>(db, `${NOTICE_SELECT} WHERE n.id = $1 ${lock ? 'FOR UPDATE OF n' : ''}`, [noticeId]);
}

export function setNoticeStatus(db: Db, noticeId: string, s: { status: NoticeStatus; reason: string | null; by: string; at: Date }): Promise<void> {
  return execute(db, `UPDATE rectification_notices SET status = $2, status_reason = $3, updated_by = $4, updated_at = $5 WHERE id = $1`, [
    noticeId,
    s.status,
    s.reason,
    s.by,
    s.at,
  ]);
}
