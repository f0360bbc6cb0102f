import { affected, execute, many, maybeOne, one, Where, type Db } from '../../db/sql';
import type { ContactChannel, ProhibitionKind } from '../prohibitions/prohibition.model';
import type { PrivacyRequestStatus, PrivacyRequestType, RequestLanguage, RequestReceivedVia } from './request.model';

/**
 * The SQL of the request queue: requests, their timelines, the staff who work them, and the
 * customer state a request changes (locks, restriction). Typed rows in and out; the rules, the
 * permission checks and the transactions are the services'.
 */

/** A prohibition asked for in an objection, as stored on the request. */
export interface ObjectionItem {
  kind: ProhibitionKind;
  channel: ContactChannel | null;
}

/** A row of `privacy_requests`. */
export interface PrivacyRequestRow {
  id: string;
  /** bigint: read as text. */
  request_number: string;
  type: PrivacyRequestType;
  status: PrivacyRequestStatus;
  customer_id: string | null;
  requester_name: string;
  requester_contact: string | null;
  received_at: Date;
  received_via: RequestReceivedVia;
  language: RequestLanguage;
  signed: boolean;
  paper_original_location: string | null;
  first_due_at: Date;
  due_at: Date;
  extension_reason: string | null;
  duplicate_of: string | null;
  objection: ObjectionItem[] | null;
  identity_verified_at: Date | null;
  identity_method: string | null;
  identity_note: string | null;
  identity_verified_by: string | null;
  assignee_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  /** When its answer was sent (by e-mail or marked sent by hand), from the outbox. */
  answered_at: Date | null;
  /** An answer of it waits in the outbox: it is not answered yet, whatever its status. */
  answer_pending: boolean;
  /** P10: an erasure the controller started (an accepted retention proposal): nobody asked, so no identity to check. */
  initiated_by_controller: boolean;
  version: number;
}

/** A request that names its customer: what the steps on a customer's data work on. */
export type CustomerRequestRow = PrivacyRequestRow & { customer_id: string };

export const namesCustomer = (row: PrivacyRequestRow): row is CustomerRequestRow => row.customer_id !== null;

const REQUEST_COLUMNS = `r.id, r.request_number, r.type, r.status, r.customer_id, r.requester_name, r.requester_contact, r.received_at,
  r.received_via, r.language, r.signed, r.paper_original_location, r.first_due_at, r.due_at, r.extension_reason, r.duplicate_of,
  r.objection, r.identity_verified_at, r.identity_method, r.identity_note, r.identity_verified_by, r.assignee_id, r.created_by,
  r.created_at, r.updated_at, r.closed_at, r.answered_at, r.answer_pending, r.initiated_by_controller, r.version`;

export const OPEN = `r.closed_at IS NULL`;
/** Still on the queue: open, or closed while its answer waits in the outbox (it is answered only once sent). */
export const UNANSWERED = `(r.closed_at IS NULL OR r.answer_pending)`;

export interface NewRequest {
  type: PrivacyRequestType;
  customerId: string | null;
  requesterName: string;
  requesterContact: string | null;
  receivedAt: Date;
  receivedVia: RequestReceivedVia;
  language: RequestLanguage;
  signed: boolean;
  paperOriginalLocation: string | null;
  dueAt: Date;
  duplicateOf: string | null;
  objection: ObjectionItem[] | null;
  createdBy: string;
  at: Date;
  /** P10: started by the controller itself (an accepted retention proposal). */
  initiatedByController?: boolean;
}

export function insertRequest(db: Db, r: NewRequest): Promise<PrivacyRequestRow> {
  return one<PrivacyRequestRow>(
    db,
    `INSERT INTO privacy_requests AS r (type, customer_id, requester_name, requester_contact, received_at, received_via, language,
                                        signed, paper_original_location, first_due_at, due_at, duplicate_of, objection, created_by,
                                        created_at, updated_at, initiated_by_controller)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $14, $15) RETURNING ${REQUEST_COLUMNS}`,
    [
      r.type,
      r.customerId,
      r.requesterName,
      r.requesterContact,
      r.receivedAt,
      r.receivedVia,
      r.language,
      r.signed,
      r.paperOriginalLocation,
      r.dueAt,
      r.duplicateOf,
      r.objection ? JSON.stringify(r.objection) : null,
      r.createdBy,
      r.at,
      r.initiatedByController ?? false,
    ],
  );
}

/** One request, if `where` (alias `r`: who may see it) lets it through; `lock` takes the row for the step that follows. */
export function requestById(db: Db, id: string, where: Where = new Where(), lock = false): Promise<PrivacyRequestRow | undefined> {
  where.and(`r.id = ${where.bind(id)}`);
  return maybeOne<PrivacyRequestRow>(db, `SELECT ${REQUEST_COLUMNS} FROM privacy_requests r WHERE ${where} ${lock ? 'FOR UPDATE OF r' : ''}`, where.params);
}

/** Requests by id, among those `where` (alias `r`) lets through. */
export function requestsByIds(db: Db, ids: readonly string[], where: Where): Promise<PrivacyRequestRow[]> {
  where.and(`r.id = ANY(${where.bind(ids)}::uuid[])`);
  return many<PrivacyRequestRow>(db, `SELECT ${REQUEST_COLUMNS} FROM privacy_requests r WHERE ${where}`, where.params);
}

/** The oldest other open request of this type for this customer: a duplicate is flagged, never merged. */
export async function openDuplicateOf(db: Db, customerId: string, type: PrivacyRequestType, exceptId: string | null = null): Promise<string | null> {
  const row = await maybeOne<{ id: string }>(
    db,
    `SELECT r.id FROM privacy_requests r
      WHERE r.customer_id = $1 AND r.type = $2 AND ${OPEN} AND ($3::uuid IS NULL OR r.id <> $3::uuid)
      ORDER BY r.created_at LIMIT 1`,
    [customerId, type, exceptId],
  );
  return row?.id ?? null;
}

export function setDuplicateOf(db: Db, id: string, duplicateOf: string | null): Promise<void> {
  return execute(db, `UPDATE privacy_requests SET duplicate_of = $2 WHERE id = $1`, [id, duplicateOf]);
}

export function setAssignee(db: Db, id: string, assigneeId: string): Promise<void> {
  return execute(db, `UPDATE privacy_requests SET assignee_id = $2 WHERE id = $1`, [id, assigneeId]);
}

export function setIdentityVerified(
  db: Db,
  id: string,
  v: { customerId: string; at: Date; method: string; note: string | null; verifiedBy: string },
): Promise<void> {
  return execute(
    db,
    `UPDATE privacy_requests SET customer_id = $2, identity_verified_at = $3, identity_method = $4, identity_note = $5, identity_verified_by = $6
      WHERE id = $1`,
    [id, v.customerId, v.at, v.method, v.note, v.verifiedBy],
  );
}

export function setExtension(db: Db, id: string, dueAt: Date, reason: string): Promise<void> {
  return execute(db, `UPDATE privacy_requests SET due_at = $2, extension_reason = $3 WHERE id = $1`, [id, dueAt, reason]);
}

/** Moves a request to `status`; a closing status sets `closed_at` once. */
export function setStatus(db: Db, id: string, status: PrivacyRequestStatus, closing: boolean, at: Date): Promise<void> {
  return execute(
    db,
    `UPDATE privacy_requests SET status = $2, updated_at = $3, version = version + 1,
            closed_at = CASE WHEN $4::boolean THEN coalesce(closed_at, $3) ELSE NULL END
      WHERE id = $1`,
    [id, status, at, closing],
  );
}

export interface NewEvent {
  requestId: string;
  at: Date;
  actorId: string | null;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  detail: Record<string, unknown> | null;
}

export function insertEvent(db: Db, e: NewEvent): Promise<void> {
  return execute(
    db,
    `INSERT INTO privacy_request_events (request_id, at, actor_id, kind, from_status, to_status, note, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.requestId, e.at, e.actorId, e.kind, e.fromStatus, e.toStatus, e.note, e.detail ? JSON.stringify(e.detail) : null],
  );
}

export interface RequestEventRow {
  request_id: string;
  at: Date;
  kind: string;
  from_status: PrivacyRequestStatus | null;
  to_status: PrivacyRequestStatus | null;
  note: string | null;
  detail: unknown;
  actor: string | null;
}

/** The timelines of several requests, in one statement. */
export function eventsOf(db: Db, requestIds: readonly string[]): Promise<RequestEventRow[]> {
  return many<RequestEventRow>(
    db,
    `SELECT e.request_id, e.at, e.kind, e.from_status, e.to_status, e.note, e.detail, u.display_name AS actor
       FROM privacy_request_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.request_id = ANY($1::uuid[]) ORDER BY e.id`,
    [requestIds],
  );
}

// The queue.

/** The order of the queue: open requests by deadline (overdue first), then closed ones, newest first. */
const QUEUE_ORDER = `(NOT ${UNANSWERED}), CASE WHEN ${UNANSWERED} THEN r.due_at END, r.closed_at DESC, r.id`;

export async function countRequests(db: Db, where: Where): Promise<number> {
  return (await one<{ count: number }>(db, `SELECT count(*)::int AS count FROM privacy_requests r WHERE ${where}`, where.params)).count;
}

/** A page of the queue; `where` must already hold every condition (its parameters come first). */
export function queuePage(db: Db, where: Where, limit: number, offset: number): Promise<PrivacyRequestRow[]> {
  const sql = `SELECT ${REQUEST_COLUMNS} FROM privacy_requests r WHERE ${where} ORDER BY ${QUEUE_ORDER}
    LIMIT ${where.bind(limit)} OFFSET ${where.bind(offset)}`;
  return many<PrivacyRequestRow>(db, sql, where.params);
}

/** When each open request the reader may see came in and falls due: the age chart. */
export function openRequestDates(db: Db, where: Where): Promise<Array<{ received_at: Date; due_at: Date }>> {
  where.and(UNANSWERED);
  return many(db, `SELECT r.received_at, r.due_at FROM privacy_requests r WHERE ${where}`, where.params);
}

// Staff.

export interface StaffRow {
  id: string;
  username: string;
  display_name: string;
}

export function activePrivacyOfficers(db: Db): Promise<StaffRow[]> {
  return many<StaffRow>(db, `SELECT id, username, display_name FROM users WHERE active AND 'PRIVACY_OFFICER' = ANY(roles) ORDER BY display_name`);
}

export function activePrivacyOfficer(db: Db, userId: string): Promise<StaffRow | undefined> {
  return maybeOne<StaffRow>(db, `SELECT id, username, display_name FROM users WHERE id = $1 AND active AND 'PRIVACY_OFFICER' = ANY(roles)`, [userId]);
}

export function staffByIds(db: Db, ids: readonly string[]): Promise<StaffRow[]> {
  return many<StaffRow>(db, `SELECT id, username, display_name FROM users WHERE id = ANY($1::uuid[])`, [ids]);
}

// The customer a request works on.

/* The customer's row is the lock (customers/merged-record.ts): two intakes, an objection and a prohibition cannot miss each other. */

/** The customer a request names now, read without a lock (to lock the customer's row first: `RequestsService.forWork`). */
export async function customerOfRequest(db: Db, id: string): Promise<string | null> {
  const row = await maybeOne<{ customer_id: string | null }>(db, `SELECT customer_id FROM privacy_requests WHERE id = $1`, [id]);
  return row?.customer_id ?? null;
}

/** The customer's values of the fields a requester may ask to have corrected, by column. */
export type RectifiableValuesRow = Record<string, string | null>;

export function rectifiableValues(db: Db, customerId: string): Promise<RectifiableValuesRow | undefined> {
  return maybeOne<RectifiableValuesRow>(
    db,
    `SELECT first_name, last_name, email, phone, street, postal_code, city, country, language FROM customers WHERE id = $1`,
    [customerId],
  );
}

/** GDPR 18: stored, but out of target lists, disclosures (but legal obligation) and others' edits. */
export function restrictCustomer(db: Db, customerId: string): Promise<void> {
  return execute(db, `UPDATE customers SET restricted = true, version = version + 1, updated_at = now() WHERE id = $1`, [customerId]);
}

/** The restriction request that restricted a customer (the latest verified one), locked: the person it names is told before a lift. */
export function restrictionRequestOf(db: Db, customerId: string): Promise<CustomerRequestRow | undefined> {
  return maybeOne<CustomerRequestRow>(
    db,
    `SELECT ${REQUEST_COLUMNS} FROM privacy_requests r
      WHERE r.customer_id = $1 AND r.type = 'RESTRICTION' AND r.identity_verified_at IS NOT NULL
      ORDER BY r.identity_verified_at DESC, r.id LIMIT 1 FOR UPDATE OF r`,
    [customerId],
  );
}

/** Whether a customer's processing is restricted, and the language they are served in. */
export function restrictionStateOf(db: Db, customerId: string): Promise<{ restricted: boolean; language: string | null } | undefined> {
  return maybeOne(db, `SELECT restricted, language FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
}

/** Ends a restriction; 0 when the customer was not restricted. */
export function liftCustomerRestriction(db: Db, customerId: string): Promise<number> {
  return affected(db, `UPDATE customers SET restricted = false, version = version + 1, updated_at = now() WHERE id = $1 AND restricted`, [customerId]);
}

export function prohibitionsInForce(db: Db, customerId: string): Promise<ObjectionItem[]> {
  return many<ObjectionItem>(db, `SELECT kind, channel FROM current_prohibitions WHERE customer_id = $1`, [customerId]);
}
