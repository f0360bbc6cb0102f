import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight } from '../../auth/authorize';
import { badInput, isUuid, notFound } from '../../errors';
import type { CustomersService } from '../customers/customers.service';
import type { CustomerChanges } from '../customers/customer.model';
import type { DataSource as ValueSource } from '../provenance/provenance.model';
import { PrivacyDocumentKind, requesterAddressee, type PrivacyDocuments } from './documents';
import { rectificationCertificate } from './letters';
import type { RecipientNotices } from './recipient-notices';
import {
  insertRecipientNotices,
  insertSourceNotice,
  itemsOf,
  lockCustomerVersion,
  noticeById,
  noticesOf,
  setDecision,
  setNoticeStatus,
  sourcesOf,
  type NoticeRow,
  type RectificationItemRow,
} from './rectification.repository';
import {
  NoticeStatus,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type PrivacyRequest,
  type RectificationDecision,
  type RectificationItem,
  type RectificationNotice,
} from './request.model';
import { visibleRequests } from './request-visibility';
import { requestById, type CustomerRequestRow } from './requests.repository';
import type { RequestsService } from './requests.service';

/** Sources that are third parties: they are told when a value they gave is corrected (GDPR 19). */
const THIRD_PARTY_SOURCES: ReadonlyArray<`${ValueSource}`> = ['ADDRESS_UPDATE_SERVICE', 'RESELLER', 'SUBCONTRACTOR'];

/** Where a corrected value came from now: the register's notice of the person themselves. */
const CUSTOMER_NOTICE: `${ValueSource}` = 'CUSTOMER_NOTICE';

/**
 * P16: rectification. Each item is approved (applied at once, in the same transaction, with
 * provenance CUSTOMER_NOTICE; the source of the old value and every recipient of the field are
 * told) or refused with a reason (a certificate with the Ombudsman route).
 */
export class Rectifications {
  constructor(
    private readonly db: DataSource,
    private readonly requests: RequestsService,
    private readonly customers: CustomersService,
    private readonly documents: PrivacyDocuments,
    private readonly recipientNotices: RecipientNotices,
  ) {}

  /** The items of several requests (DataLoader; the field guard decides who sees `items`). */
  async itemsFor(requestIds: readonly string[]): Promise<RectificationItem[][]> {
    const rows = await itemsOf(this.db, requestIds);
    return requestIds.map((id) =>
      rows
        .filter((r) => r.request_id === id)
        .map((r) => ({
          id: r.id,
          field: r.field,
          currentValue: r.current_value,
          proposedValue: r.proposed_value,
          reason: r.reason,
          decision: r.decision,
          decisionReason: r.decision_reason,
          decidedAt: r.decided_at,
        })),
    );
  }

  /** The notices of several requests (DataLoader; the field guard decides who sees `notices`). */
  async noticesFor(requestIds: readonly string[]): Promise<RectificationNotice[][]> {
    const rows = await noticesOf(this.db, requestIds);
    return requestIds.map((id) => rows.filter((r) => r.request_id === id).map(noticeFromRow));
  }

  async decide(actor: Actor, id: string, decisions: RectificationDecision[]): Promise<PrivacyRequest> {
    const fields = ['items', 'status'];
    return this.requests.workOnCustomer(actor, id, { types: [PrivacyRequestType.RECTIFICATION], fields }, async (tx, row) => {
      if (decisions.length === 0) throw badInput('decisions', 'Decide at least one item.');
      const items = await itemsOf(tx, [id], true);
      const seen = new Set<string>();
      decisions.forEach((d, i) => {
        const item = items.find((it) => it.id === d.itemId);
        if (!item) throw badInput(`decisions.${i}.itemId`, 'No such item in this request.');
        if (item.decision) throw badInput(`decisions.${i}.itemId`, 'This item has already been decided.');
        if (seen.has(d.itemId)) throw badInput(`decisions.${i}.itemId`, 'Each item is decided once.');
        seen.add(d.itemId);
        if (!d.approve && !d.reason?.trim()) throw badInput(`decisions.${i}.reason`, 'Give the reason for a refusal: the requester is told.');
      });
      const now = this.requests.now();
      const itemOf = (d: RectificationDecision) => items.find((it) => it.id === d.itemId) as RectificationItemRow;
      const approved = decisions.filter((d) => d.approve).map(itemOf);

      if (approved.length > 0) await this.apply(tx, actor, row, approved);
      for (const d of decisions) await setDecision(tx, d.itemId, { approved: d.approve, reason: d.reason?.trim() || null, by: actor.user.id, at: now });
      const after = await itemsOf(tx, [id]);
      const refused = after.filter((it) => it.decision === 'REFUSED');
      const open = after.some((it) => !it.decision);
      let documentId: string | null = null;
      if (!open && refused.length > 0) {
        const to = await requesterAddressee(tx, row);
        const document = await this.documents.store(tx, {
          requestId: id,
          kind: PrivacyDocumentKind.RECTIFICATION_CERTIFICATE,
          addressee: to,
          filename: `request-${row.request_number}-rectification-certificate.html`,
          contentType: 'text/html; charset=utf-8',
          content: rectificationCertificate(this.documents.dates, to, row, after, now),
          actorId: actor.user.id,
        });
        documentId = document.id;
      }
      const status = open
        ? PrivacyRequestStatus.AWAITING_DECISION
        : refused.length === 0
          ? PrivacyRequestStatus.COMPLETED
          : refused.length === after.length
            ? PrivacyRequestStatus.REFUSED
            : PrivacyRequestStatus.PARTIALLY_COMPLETED;
      await this.requests.transition(tx, actor, row, status, 'DECIDED', null, {
        approved: approved.map((it) => it.field),
        refused: decisions.filter((d) => !d.approve).map((d) => itemOf(d).field),
        documentId,
      });
      await this.requests.audit(tx, actor, 'RECTIFICATION_DECIDED', row, { approved: approved.map((it) => it.field) });
    });
  }

  /** Applies the approved values as one update of the customer, then creates the notices (GDPR 19). */
  private async apply(tx: EntityManager, actor: Actor, row: CustomerRequestRow, approved: RectificationItemRow[]): Promise<void> {
    const customer = await lockCustomerVersion(tx, row.customer_id);
    if (!customer) throw notFound('Customer');
    // The source of each old value, before the change records the new one.
    const sources = await sourcesOf(
      tx,
      row.customer_id,
      approved.map((it) => it.field),
    );
    // Whom the recipients knew: the name before a correction changes it.
    const person = await this.recipientNotices.person(tx, row.customer_id);
    const input = Object.fromEntries(approved.map((it) => [it.field, it.proposed_value])) as CustomerChanges;
    // Through the customers' own write: the gate checks every corrected field on the record.
    await this.customers.update(actor, row.customer_id, customer.version, input, {
      manager: tx,
      confirmDuplicates: true,
      source: { source: CUSTOMER_NOTICE as ValueSource, detail: `Rectification request ${row.request_number}` },
      // GDPR 18(1)(a): a record restricted while its accuracy is contested is still corrected, the request being the reason.
      reason: `Rectification request ${row.request_number} (GDPR 16)`,
    });
    for (const item of approved) {
      const source = sources.find((s) => s.field === item.field)?.source;
      if (source && (THIRD_PARTY_SOURCES as readonly string[]).includes(source)) await insertSourceNotice(tx, row.id, item.id, source);
      // Exactly the recipients that received this field of this customer.
      await insertRecipientNotices(tx, row.id, item.id, row.customer_id, item.field);
    }
    // Each recipient gets one letter with the corrected values of the fields it received.
    const corrected = approved.map((it) => ({ field: it.field, value: it.proposed_value }));
    await this.recipientNotices.writeRectificationLetters(tx, row, person, corrected, actor.user.id, this.requests.now());
  }

  /** Marks a notice SENT, or IMPOSSIBLE with the reason (GDPR 19: "unless impossible or disproportionate"). */
  async setNoticeStatus(actor: Actor, noticeId: string, status: NoticeStatus, reason: string | null | undefined): Promise<RectificationNotice> {
    requireRight(actor, 'work', 'PrivacyRequest', 'Only a privacy officer works data-subject requests.');
    if (status === NoticeStatus.PENDING) throw badInput('status', 'A notice is marked SENT or IMPOSSIBLE.');
    if (status === NoticeStatus.IMPOSSIBLE && !reason?.trim()) throw badInput('reason', 'Say why the notice cannot be given.');
    if (!isUuid(noticeId)) throw notFound('Notice');
    return this.db.transaction(async (tx) => {
      const notice = await noticeById(tx, noticeId, true);
      if (!notice) throw notFound('Notice');
      // The notice of a request the actor may not see does not exist for them.
      const row = await requestById(tx, notice.request_id, visibleRequests(actor));
      if (!row) throw notFound('Notice');
      assertWritable(actor, 'work', 'PrivacyRequest', { id: row.id, type: row.type, status: row.status, customerId: row.customer_id }, ['notices']);
      if (notice.status !== NoticeStatus.PENDING) throw badInput('status', 'This notice has already been dealt with.');
      const note = reason?.trim() || null;
      await setNoticeStatus(tx, noticeId, { status, reason: note, by: actor.user.id, at: this.requests.now() });
      await this.requests.event(tx, actor, row.id, 'NOTICE', null, null, note, { noticeId, status });
      await recordAuditEvents(tx, [
        {
          action: 'RECTIFICATION_NOTICE_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: row.customer_id,
          detail: { requestId: row.id, noticeId, status },
        },
      ]);
      return noticeFromRow((await noticeById(tx, noticeId)) as NoticeRow);
    });
  }
}

function noticeFromRow(r: NoticeRow): RectificationNotice {
  return {
    id: r.id,
    kind: r.kind,
    itemId: r.item_id,
    field: r.field,
    target: r.target,
    recipient: (r.target === 'SOURCE' ? r.source : r.recipient_name) ?? '',
    recipientId: r.recipient_id,
    status: r.status,
    statusReason: r.status_reason,
    documentId: r.document_id,
    updatedAt: r.updated_at,
  };
}
