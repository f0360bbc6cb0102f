import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../../db/paging';
import { badInput, conflict, isUuid, notFound, requireId } from '../../errors';
import type { Deadlines } from '../requests/deadlines';
import { visibleRequests } from '../requests/request-visibility';
import type { OutboxDelivery } from './outbox-delivery';
import { DeliveryChannel, OutboxStatus, type ManualDelivery, type OutboxFilter, type OutboxMessage, type OutboxPage } from './outbox.model';
import {
  attachmentsOf,
  countMessages,
  countsByStatus,
  markSent,
  messageById,
  messagePage,
  requeue,
  type AttachmentRow,
  type OutboxRow,
} from './outbox.repository';

const gateRecord = (row: OutboxRow) => ({ id: row.id, status: row.status });

/**
 * The outbox as privacy officers work it (P14, P16, P17): letters pending, failed, held for
 * printing and sent, of the requests they may see; a failed or held letter sent again by e-mail,
 * or one printed and posted marked sent with the day it went. Sending itself is `OutboxDelivery`'s.
 */
export class OutboxService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    private readonly delivery: OutboxDelivery,
  ) {}

  async list(actor: Actor, filter: OutboxFilter | null | undefined, first: number, after?: string | null): Promise<OutboxPage> {
    requireRight(actor, 'read', 'OutboxMessage', 'You may not read the outbox.');
    if (first < 1 || first > MAX_PAGE_SIZE) throw badInput('first', `Ask for 1 to ${MAX_PAGE_SIZE} messages.`);
    const offset = after ? Number(decodeCursor(after)) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw badInput('after', 'This cursor is not valid.');
    const where = visibleRequests(actor);
    if (filter?.addresseeKind) where.and(`d.addressee_kind = ${where.bind(filter.addresseeKind)}`);
    if (filter?.requestId) where.and(`o.request_id = ${where.bind(requireId(filter.requestId, 'filter.requestId', 'request'))}`);
    const counts = await countsByStatus(this.db, where);
    if (filter?.status?.length) where.and(`o.status = ANY(${where.bind(filter.status)})`);
    const totalCount = await countMessages(this.db, where);
    const rows = await messagePage(this.db, where, first + 1, offset);
    const messages = await this.withAttachments(rows.slice(0, first));
    const edges = messages.map((node, i) => ({ cursor: encodeCursor(String(offset + i + 1)), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
      counts: Object.values(OutboxStatus).map((status) => ({ status, count: counts.find((c) => c.status === status)?.count ?? 0 })),
    };
  }

  async get(actor: Actor, id: string): Promise<OutboxMessage> {
    requireRight(actor, 'read', 'OutboxMessage', 'You may not read the outbox.');
    const [message] = await this.withAttachments([await this.visibleRow(this.db.manager, actor, id)]);
    return message;
  }

  /** A person sends a failed message again, or a held one once a mail server is configured. */
  async retry(actor: Actor, id: string, version: number): Promise<OutboxMessage> {
    requireRight(actor, 'work', 'OutboxMessage', 'Only a privacy officer delivers letters.');
    await this.db.transaction(async (tx) => {
      const row = await this.visibleRow(tx, actor, id, true);
      assertWritable(actor, 'work', 'OutboxMessage', gateRecord(row), ['status']);
      if (!this.delivery.mailer) throw badInput('id', 'No mail server is configured (SMTP_URL): print the letter, send it and mark it sent.');
      if (!row.addressee_email) throw badInput('id', 'The addressee has no e-mail address: print the letter, send it and mark it sent.');
      if (row.status !== OutboxStatus.FAILED && row.status !== OutboxStatus.HELD) {
        throw badInput('id', row.status === OutboxStatus.SENT ? 'This letter has already been sent.' : 'This letter is already on its way.');
      }
      if ((await requeue(tx, id, version, this.clock.now())) === 0) throw this.changed(row);
      await this.delivery.queueJob(tx, id);
      await this.delivery.audit(tx, actor, 'OUTBOX_RETRIED', row, {});
    });
    return this.get(actor, id);
  }

  /** A letter printed and posted (or handed over): marked sent by a privacy officer, with the day it went. */
  async markSentByHand(actor: Actor, id: string, version: number, input: ManualDelivery): Promise<OutboxMessage> {
    requireRight(actor, 'work', 'OutboxMessage', 'Only a privacy officer delivers letters.');
    const sentOn = String(input.sentOn ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(sentOn) || Number.isNaN(new Date(`${sentOn}T00:00:00Z`).getTime())) {
      throw badInput('sentOn', 'Give the day the letter was sent as a date.');
    }
    const now = this.clock.now();
    const today = this.deadlines.today(now);
    if (sentOn > today) throw badInput('sentOn', 'A letter cannot be sent in the future.');
    await this.db.transaction(async (tx) => {
      const row = await this.visibleRow(tx, actor, id, true);
      assertWritable(actor, 'work', 'OutboxMessage', gateRecord(row), ['status', 'sentAt', ...(input.note?.trim() ? ['note'] : [])]);
      if (row.version !== version) throw this.changed(row);
      if (row.status === OutboxStatus.SENT) throw badInput('id', 'This letter has already been sent.');
      if (row.status === OutboxStatus.SENDING) throw badInput('id', 'This letter is being sent by e-mail right now.');
      if (sentOn < this.deadlines.dateOf(row.created_at)) throw badInput('sentOn', 'The letter cannot have been sent before it was written.');
      // Today: now. An earlier day: its end, so a letter posted on the due day counts as on time.
      const sentAt = sentOn === today ? now : this.deadlines.endOfDate(sentOn);
      const note = input.note?.trim() || null;
      await markSent(tx, id, { channel: DeliveryChannel.BY_HAND, sentAt, sentTo: null, messageId: null, sentBy: actor.user.id, note, at: now });
      const carried = (await attachmentsOf(tx, [id])).map((a) => a.id);
      await this.delivery.recordDelivery(tx, actor, row, sentAt, carried, { channel: DeliveryChannel.BY_HAND, sentOn, note });
    });
    return this.get(actor, id);
  }

  private changed(row: OutboxRow) {
    return conflict('This letter was changed meanwhile. Look at it again.', { currentVersion: row.version });
  }

  /** A message of a request the actor may see (and whose customer they may see), or NOT_FOUND. */
  private async visibleRow(db: EntityManager, actor: Actor, id: string, lock = false): Promise<OutboxRow> {
    if (!isUuid(id)) throw notFound('Letter');
    const row = await messageById(db, id, visibleRequests(actor), lock);
    if (!row) throw notFound('Letter');
    return row;
  }

  private async withAttachments(rows: OutboxRow[]): Promise<OutboxMessage[]> {
    const ids = rows.map((r) => r.id);
    const attachments = ids.length ? await attachmentsOf(this.db, ids) : [];
    const today = this.deadlines.today(this.clock.now());
    return rows.map((r) =>
      toMessage(
        r,
        attachments.filter((a) => a.message_id === r.id),
        { writtenOn: this.deadlines.dateOf(r.created_at), latestSentOn: today },
      ),
    );
  }
}

function toMessage(r: OutboxRow, attachments: AttachmentRow[], days: Pick<OutboxMessage, 'writtenOn' | 'latestSentOn'>): OutboxMessage {
  return {
    id: r.id,
    requestId: r.request_id,
    requestNumber: r.request_number,
    documentId: r.document_id,
    documentKind: r.document_kind,
    answer: r.answer,
    subject: r.subject,
    language: r.language,
    addresseeKind: r.addressee_kind,
    addresseeName: r.addressee_name,
    addresseeEmail: r.addressee_email,
    addresseeAddress: r.addressee_address,
    attachments: attachments.map((a) => ({ documentId: a.id, filename: a.filename, kind: a.kind })),
    status: r.status,
    holdReason: r.hold_reason,
    channel: r.channel,
    attempts: r.attempts,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    sentAt: r.sent_at,
    sentTo: r.sent_to,
    messageId: r.message_id,
    sentBy: r.sent_by,
    note: r.note,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...days,
  };
}
