import { execute, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { AddresseeKind } from '../requests/request.model';
import type { DeliveryChannel, OutboxHoldReason, OutboxStatus } from './outbox.model';

/** The SQL of the outbox: its messages, the documents they carry, and what a delivery changes on the request. */

export interface OutboxRow {
  id: string;
  request_id: string;
  request_number: string;
  customer_id: string | null;
  document_id: string;
  document_kind: string;
  language: string;
  stem: string;
  answer: boolean;
  subject: string;
  addressee_kind: AddresseeKind;
  addressee_name: string;
  addressee_email: string | null;
  addressee_address: string | null;
  recipient_id: string | null;
  status: OutboxStatus;
  hold_reason: OutboxHoldReason | null;
  channel: DeliveryChannel | null;
  job_id: string | null;
  attempts: number;
  last_error: string | null;
  last_attempt_at: Date | null;
  claimed_at: Date | null;
  sent_at: Date | null;
  sent_to: string | null;
  message_id: string | null;
  sent_by: string | null;
  note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT o.id, o.request_id, r.request_number::text AS request_number, r.customer_id, o.document_id, d.kind AS document_kind,
         d.language, o.stem, o.answer, o.subject, d.addressee_kind, d.addressee_name, d.addressee_email, d.addressee_address, d.recipient_id,
         o.status, o.hold_reason, o.channel, o.job_id, o.attempts, o.last_error, o.last_attempt_at, o.claimed_at, o.sent_at, o.sent_to,
         o.message_id, u.username AS sent_by, o.note, o.version, o.created_at, o.updated_at
    FROM outbox_messages o
    JOIN privacy_documents d ON d.id = o.document_id
    JOIN privacy_requests r ON r.id = o.request_id
    LEFT JOIN users u ON u.id = o.sent_by`;

/** The undelivered message a document joins as one more attachment (same request, addressee and stem), if any. */
export async function openMessageFor(
  db: Db,
  d: { requestId: string; stem: string; addresseeKind: AddresseeKind; recipientId: string | null },
): Promise<{ id: string } | undefined> {
  return maybeOne<{ id: string }>(
    db,
    `SELECT o.id FROM outbox_messages o JOIN privacy_documents d ON d.id = o.document_id
      WHERE o.request_id = $1 AND o.stem = $2 AND o.status <> 'SENT' AND d.addressee_kind = $3 AND d.recipient_id IS NOT DISTINCT FROM $4::uuid
      FOR UPDATE OF o`,
    [d.requestId, d.stem, d.addresseeKind, d.recipientId],
  );
}

export interface NewOutboxMessage {
  requestId: string;
  documentId: string;
  stem: string;
  answer: boolean;
  subject: string;
  status: OutboxStatus.PENDING | OutboxStatus.HELD;
  holdReason: OutboxHoldReason | null;
  at: Date;
}

export function insertMessage(db: Db, m: NewOutboxMessage): Promise<{ id: string }> {
  return one<{ id: string }>(
    db,
    `INSERT INTO outbox_messages (request_id, document_id, stem, answer, subject, status, hold_reason, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [m.requestId, m.documentId, m.stem, m.answer, m.subject, m.status, m.holdReason, m.at],
  );
}

/** The printable document names the message and is the one shown as its letter. */
export function setLetter(db: Db, id: string, documentId: string, subject: string): Promise<void> {
  return execute(db, `UPDATE outbox_messages SET document_id = $2, subject = $3 WHERE id = $1`, [id, documentId, subject]);
}

export function setJob(db: Db, id: string, jobId: string): Promise<void> {
  return execute(db, `UPDATE outbox_messages SET job_id = $2 WHERE id = $1`, [id, jobId]);
}

export function messageById(db: Db, id: string, where?: Where, lock = false): Promise<OutboxRow | undefined> {
  const params = where?.params ?? [];
  const at = `$${params.length + 1}`;
  return maybeOne<OutboxRow>(db, `${SELECT} WHERE o.id = ${at} ${where ? `AND ${where}` : ''} ${lock ? 'FOR UPDATE OF o' : ''}`, [...params, id]);
}

export function countMessages(db: Db, where: Where): Promise<number> {
  return one<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM outbox_messages o JOIN privacy_documents d ON d.id = o.document_id JOIN privacy_requests r ON r.id = o.request_id WHERE ${where}`,
    where.params,
  ).then((r) => r.count);
}

export function countsByStatus(db: Db, where: Where): Promise<Array<{ status: OutboxStatus; count: number }>> {
  return many(
    db,
    `SELECT o.status, count(*)::int AS count FROM outbox_messages o JOIN privacy_documents d ON d.id = o.document_id JOIN privacy_requests r ON r.id = o.request_id
      WHERE ${where} GROUP BY o.status`,
    where.params,
  );
}

/** A page, newest first; `where` holds every condition (its parameters come first). */
export function messagePage(db: Db, where: Where, limit: number, offset: number): Promise<OutboxRow[]> {
  return many<OutboxRow>(db, `${SELECT} WHERE ${where} ORDER BY o.created_at DESC, o.id LIMIT ${where.bind(limit)} OFFSET ${where.bind(offset)}`, where.params);
}

export interface AttachmentRow {
  id: string;
  kind: string;
  filename: string;
  content_type: string;
}

/** The documents a message carries: its request's documents to the same addressee with the same stem. */
export function attachmentsOf(db: Db, messageIds: readonly string[]): Promise<Array<AttachmentRow & { message_id: string }>> {
  return many(
    db,
    `SELECT o.id AS message_id, a.id, a.kind, a.filename, a.content_type
       FROM outbox_messages o JOIN privacy_documents d ON d.id = o.document_id
       JOIN privacy_documents a ON a.request_id = o.request_id AND a.addressee_kind = d.addressee_kind
        AND a.recipient_id IS NOT DISTINCT FROM d.recipient_id AND regexp_replace(a.filename, '\\.[^.]*$', '') = o.stem
      WHERE o.id = ANY($1::uuid[]) ORDER BY a.filename`,
    [messageIds],
  );
}

/**
 * Takes a message for sending: only one job at a time sends it. A claim older than `staleBefore`
 * belongs to a process that died while sending and is taken over.
 */
export function claim(db: Db, id: string, at: Date, staleBefore: Date): Promise<OutboxRow | undefined> {
  return maybeOne<{ id: string }>(
    db,
    `UPDATE outbox_messages SET status = 'SENDING', claimed_at = $2, attempts = attempts + 1, last_attempt_at = $2, updated_at = $2, version = version + 1
      WHERE id = $1 AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < $3)) RETURNING id`,
    [id, at, staleBefore],
  ).then((claimed) => (claimed ? messageById(db, id) : undefined));
}

export function markFailed(db: Db, id: string, reason: string, at: Date): Promise<void> {
  return execute(
    db,
    `UPDATE outbox_messages SET status = 'FAILED', last_error = $2, claimed_at = NULL, updated_at = $3, version = version + 1 WHERE id = $1 AND status = 'SENDING'`,
    [id, reason, at],
  );
}

export function markHeld(db: Db, id: string, reason: OutboxHoldReason, at: Date): Promise<void> {
  return execute(db, `UPDATE outbox_messages SET status = 'HELD', hold_reason = $2, claimed_at = NULL, updated_at = $3, version = version + 1 WHERE id = $1`, [
    id,
    reason,
    at,
  ]);
}

export interface Delivery {
  channel: DeliveryChannel;
  sentAt: Date;
  sentTo: string | null;
  messageId: string | null;
  sentBy: string | null;
  note: string | null;
  at: Date;
}

export function markSent(db: Db, id: string, d: Delivery): Promise<void> {
  return execute(
    db,
    `UPDATE outbox_messages SET status = 'SENT', channel = $2, sent_at = $3, sent_to = $4, message_id = $5, sent_by = $6, note = $7,
            claimed_at = NULL, updated_at = $8, version = version + 1
      WHERE id = $1`,
    [id, d.channel, d.sentAt, d.sentTo, d.messageId, d.sentBy, d.note, d.at],
  );
}

/** Back to the queue (a person's retry), if the version is the one they saw. Zero rows: changed meanwhile. */
export function requeue(db: Db, id: string, version: number, at: Date): Promise<number> {
  return one<{ n: number }>(
    db,
    `WITH changed AS (
       UPDATE outbox_messages SET status = 'PENDING', hold_reason = NULL, job_id = NULL, updated_at = $3, version = version + 1
        WHERE id = $1 AND version = $2 RETURNING 1)
     SELECT count(*)::int AS n FROM changed`,
    [id, version, at],
  ).then((r) => r.n);
}

/** Messages a job should be sending but is not: never queued, or claimed by a process that died. */
export function strandedMessages(db: Db, staleBefore: Date): Promise<Array<{ id: string }>> {
  return many(
    db,
    `SELECT id FROM outbox_messages WHERE (status = 'PENDING' AND job_id IS NULL) OR (status = 'SENDING' AND claimed_at < $1) ORDER BY created_at LIMIT 500`,
    [staleBefore],
  );
}

// What delivery changes on the request.

/** An answer is on its way: the request is not answered until it has gone. */
export function awaitAnswer(db: Db, requestId: string): Promise<void> {
  return execute(db, `UPDATE privacy_requests SET answer_pending = true, answered_at = NULL WHERE id = $1`, [requestId]);
}

/** An answer went: the request is answered once no other answer of it waits. */
export function answerDelivered(db: Db, requestId: string, sentAt: Date): Promise<void> {
  return execute(
    db,
    `UPDATE privacy_requests r SET answered_at = greatest(coalesce(r.answered_at, $2), $2),
            answer_pending = EXISTS (SELECT 1 FROM outbox_messages o WHERE o.request_id = r.id AND o.answer AND o.status <> 'SENT')
      WHERE r.id = $1`,
    [requestId, sentAt],
  );
}

/** GDPR 19: the notices a delivered document gives are given (the request's worklist shows them SENT). */
export function noticesDelivered(db: Db, documentIds: readonly string[], by: string | null, at: Date): Promise<void> {
  return execute(
    db,
    `UPDATE rectification_notices SET status = 'SENT', updated_by = $2, updated_at = $3 WHERE document_id = ANY($1::uuid[]) AND status = 'PENDING'`,
    [documentIds, by, at],
  );
}
