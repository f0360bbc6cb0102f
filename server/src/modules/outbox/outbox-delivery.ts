import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import type { Clock } from '../../clock';
import type { JobQueue } from '../../jobs/job-queue';
import type { Logger } from '../../logger';
import { addressedDocumentHead, addressedDocumentsOf, type AddressedDocument } from '../requests/documents.repository';
import { AddresseeKind } from '../requests/request.model';
import type { RequestsService } from '../requests/requests.service';
import { coverNote, stemOf, subjectOf } from './letter-mail';
import { MailError, type Mailer } from './mailer';
import { DeliveryChannel, NOT_ANSWERS, OutboxHoldReason, OutboxStatus } from './outbox.model';
import {
  answerDelivered,
  awaitAnswer,
  claim,
  insertMessage,
  markFailed,
  markHeld,
  markSent,
  noticesDelivered,
  openMessageFor,
  setJob,
  setLetter,
  strandedMessages,
  type OutboxRow,
} from './outbox.repository';

export const OUTBOX_QUEUE = 'outbox-send';

/** A claim this old belongs to a process that died while sending (longer than any send may take). */
const STALE_CLAIM_MS = 15 * 60_000;

export interface OutboxSettings {
  /** Attempts by the job before a message stays FAILED for a person to retry. */
  maxAttempts: number;
  /** The first retry's delay in seconds; each later one doubles it (pg-boss backoff). */
  retryDelaySeconds: number;
}

export type OutboxAuditAction = 'OUTBOX_SENT' | 'OUTBOX_MARKED_SENT' | 'OUTBOX_RETRIED';

/**
 * P14, P16, P17: delivery of the documents of requests, the system's side of the outbox. A document
 * that needs delivery gets its message, and the job that sends it, in the transaction that writes
 * the document: if that transaction commits, both exist; if the process dies after the commit, the
 * job is still in the queue (pg-boss, in the same database) and any worker sends it. The job claims
 * the message first, so two jobs never send one message; a send that fails is FAILED with its
 * reason and retried with backoff; a claim left by a process that died is taken over by the sweep.
 * Without a mail server, or for an addressee with no e-mail, the message is held for printing (a
 * privacy officer marks it sent: `OutboxService`). A request counts as answered once its answer has gone.
 */
export class OutboxDelivery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly requests: RequestsService,
    private readonly queue: JobQueue,
    readonly mailer: Mailer | null,
    private readonly settings: OutboxSettings,
    private readonly logger: Logger,
  ) {}

  /**
   * A document was stored in `tx`: it gets a message (or joins the undelivered one of its other
   * formats), and, when it can go by e-mail, the job that sends it, in the same transaction.
   */
  async enqueue(tx: EntityManager, documentId: string): Promise<void> {
    // Its addressee, name and title are all a message needs now; the job reads the whole content when it sends.
    const doc = await addressedDocumentHead(tx, documentId);
    if (!doc) throw new Error(`document ${documentId} is not there to deliver`);
    const stem = stemOf(doc.filename);
    const open = await openMessageFor(tx, { requestId: doc.requestId, stem, addresseeKind: doc.addressee.kind, recipientId: doc.addressee.recipientId });
    if (open) {
      // One more format of a letter already on its way; the printable one names the letter.
      if (isPrintable(doc)) await setLetter(tx, open.id, doc.id, subjectOf([doc]));
      return;
    }
    const answer = doc.addressee.kind === AddresseeKind.REQUESTER && !NOT_ANSWERS.includes(doc.kind);
    const holdReason = !this.mailer ? OutboxHoldReason.NO_SMTP : !doc.addressee.email ? OutboxHoldReason.NO_EMAIL : null;
    const message = await insertMessage(tx, {
      requestId: doc.requestId,
      documentId: doc.id,
      stem,
      answer,
      subject: subjectOf([doc]),
      status: holdReason ? OutboxStatus.HELD : OutboxStatus.PENDING,
      holdReason,
      at: this.clock.now(),
    });
    if (answer) await awaitAnswer(tx, doc.requestId);
    if (!holdReason) await this.queueJob(tx, message.id);
  }

  /** Queues the job that sends a message, in the caller's transaction. */
  async queueJob(tx: EntityManager, id: string): Promise<void> {
    const jobId = await this.queue.sendInTransaction(
      tx,
      OUTBOX_QUEUE,
      { id },
      {
        retryLimit: Math.max(this.settings.maxAttempts - 1, 0),
        retryDelay: this.settings.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: 5 * 60,
      },
    );
    if (jobId) await setJob(tx, id, jobId);
    else this.logger.warn({ outboxMessageId: id }, 'outbox queue not ready; the sweep queues the message');
  }

  /**
   * The job: sends one message by e-mail. Throws when the send failed and may succeed later, so the
   * queue retries it with backoff; a message already sent, or being sent by another job, is left alone.
   */
  async deliver(id: string): Promise<void> {
    const now = this.clock.now();
    const row = await claim(this.db, id, now, new Date(now.getTime() - STALE_CLAIM_MS));
    if (!row) return;
    if (!this.mailer || !row.addressee_email) {
      await markHeld(this.db, id, this.mailer ? OutboxHoldReason.NO_EMAIL : OutboxHoldReason.NO_SMTP, now);
      return;
    }
    const documents = (await addressedDocumentsOf(this.db, row.request_id)).filter((d) => carries(row, d));
    let messageId: string;
    try {
      messageId = await this.mailer.send({
        to: row.addressee_email,
        subject: row.subject,
        text: coverNote(
          row.language,
          row.addressee_name,
          row.subject,
          documents.map((d) => d.filename),
        ),
        attachments: documents.map((d) => ({ filename: d.filename, contentType: d.contentType, content: d.content })),
      });
    } catch (error) {
      const reason = error instanceof MailError ? error.message : String(error);
      await markFailed(this.db, id, reason, this.clock.now());
      // The reason stays in the outbox (it may name the address); the log says only which message and attempt.
      this.logger.warn({ outboxMessageId: id, attempt: row.attempts }, 'outbox message not sent');
      // A mail server's final no is not retried by the job; a person sees the reason and decides.
      if (error instanceof MailError && error.permanent) return;
      throw error;
    }
    await this.db.transaction(async (tx) => {
      const sentAt = this.clock.now();
      await markSent(tx, id, { channel: DeliveryChannel.EMAIL, sentAt, sentTo: row.addressee_email, messageId, sentBy: null, note: null, at: sentAt });
      await this.recordDelivery(
        tx,
        null,
        row,
        sentAt,
        documents.map((d) => d.id),
        { channel: DeliveryChannel.EMAIL, messageId },
      );
    });
  }

  /** Queues what should be on its way but is not: messages never queued, and claims of processes that died. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const stranded = await strandedMessages(this.db, new Date(now.getTime() - STALE_CLAIM_MS));
    for (const { id } of stranded) {
      await this.db.transaction(async (tx) => {
        await markFailed(tx, id, 'The sending was interrupted.', now);
        await this.queueJob(tx, id);
      });
    }
    return stranded.length;
  }

  /** A message went: on the request's timeline, in the audit trail, and, for an answer, the request is answered. */
  async recordDelivery(
    tx: EntityManager,
    actor: Actor | null,
    row: OutboxRow,
    sentAt: Date,
    documentIds: string[],
    detail: Record<string, unknown>,
  ): Promise<void> {
    if (row.answer) await answerDelivered(tx, row.request_id, sentAt);
    if (row.addressee_kind === AddresseeKind.RECIPIENT) await noticesDelivered(tx, documentIds, actor?.user.id ?? null, sentAt);
    await this.requests.event(tx, actor, row.request_id, 'DELIVERED', null, null, row.subject, {
      outboxMessageId: row.id,
      documentId: row.document_id,
      addressee: row.addressee_kind,
      answer: row.answer,
      ...detail,
    });
    await this.audit(tx, actor, actor ? 'OUTBOX_MARKED_SENT' : 'OUTBOX_SENT', row, detail);
  }

  async audit(tx: EntityManager, actor: Actor | null, action: OutboxAuditAction, row: OutboxRow, detail: object): Promise<void> {
    await recordAuditEvents(tx, [
      {
        action,
        actorId: actor?.user.id ?? null,
        actorUsername: actor?.user.username ?? null,
        customerId: row.customer_id,
        detail: { outboxMessageId: row.id, requestId: row.request_id, documentKind: row.document_kind, addressee: row.addressee_kind, ...detail },
      },
    ]);
  }
}

const isPrintable = (d: AddressedDocument) => d.contentType.startsWith('text/html');

/** The documents a message carries: its request's documents to the same addressee with the same stem. */
const carries = (row: OutboxRow, d: AddressedDocument) =>
  stemOf(d.filename) === row.stem && d.addressee.kind === row.addressee_kind && d.addressee.recipientId === row.recipient_id;
