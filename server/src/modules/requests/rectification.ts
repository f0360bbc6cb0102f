import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import type { CustomersService } from '../customers/customers.service';
import type { UpdateCustomerInput } from '../customers/customer.inputs';
import { DataSource as ValueSource } from '../provenance/provenance.type';
import { PrivacyDocumentKind, type Lang, type PrivacyDocuments } from './documents';
import { rectificationCertificate } from './letters';
import {
  NoticeStatus,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type PrivacyRequest,
  type RectificationDecisionInput,
  type RectificationItem,
  type RectificationNotice,
} from './request.type';
import type { RequestRow, RequestsService } from './requests.service';

/** Sources that are third parties: they are told when a value they gave is corrected (GDPR 19). */
const THIRD_PARTY_SOURCES: readonly string[] = [ValueSource.ADDRESS_UPDATE_SERVICE, ValueSource.RESELLER, ValueSource.SUBCONTRACTOR];

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
  ) {}

  async itemsFor(requestIds: readonly string[]): Promise<RectificationItem[][]> {
    const rows = await this.db.query(`SELECT * FROM rectification_items WHERE request_id = ANY($1) ORDER BY position`, [requestIds]);
    return requestIds.map((id) =>
      rows
        .filter((r: RequestRow) => r.request_id === id)
        .map((r: RequestRow) => ({
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

  async noticesFor(requestIds: readonly string[]): Promise<RectificationNotice[][]> {
    const rows = await this.db.query(
      `SELECT n.*, i.field, r.name AS recipient_name FROM rectification_notices n
         JOIN rectification_items i ON i.id = n.item_id LEFT JOIN recipients r ON r.id = n.recipient_id
        WHERE n.request_id = ANY($1) ORDER BY i.position, n.target DESC, r.name`,
      [requestIds],
    );
    return requestIds.map((id) => rows.filter((r: RequestRow) => r.request_id === id).map(noticeFromRow));
  }

  async decide(actor: Actor, id: string, decisions: RectificationDecisionInput[]): Promise<PrivacyRequest> {
    return this.requests.work(actor, id, { types: [PrivacyRequestType.RECTIFICATION], needsIdentity: true }, async (tx, row) => {
      if (decisions.length === 0) throw badInput('decisions', 'Decide at least one item.');
      const items: RequestRow[] = await tx.query(`SELECT * FROM rectification_items WHERE request_id = $1 ORDER BY position FOR UPDATE`, [id]);
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
      const approved = decisions.filter((d) => d.approve).map((d) => items.find((it) => it.id === d.itemId)!);

      if (approved.length > 0) await this.apply(tx, actor, row, approved);
      for (const d of decisions) {
        await tx.query(
          `UPDATE rectification_items SET decision = $2, decision_reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1`,
          [d.itemId, d.approve ? 'APPROVED' : 'REFUSED', d.reason?.trim() || null, actor.user.id, now],
        );
      }
      const after: RequestRow[] = await tx.query(`SELECT * FROM rectification_items WHERE request_id = $1 ORDER BY position`, [id]);
      const refused = after.filter((it) => it.decision === 'REFUSED');
      const open = after.some((it) => !it.decision);
      let documentId: string | null = null;
      if (!open && refused.length > 0) {
        const lang = row.language as Lang;
        const document = await this.documents.store(tx, {
          requestId: id,
          kind: PrivacyDocumentKind.RECTIFICATION_CERTIFICATE,
          language: lang,
          filename: `request-${row.request_number}-rectification-certificate.html`,
          contentType: 'text/html; charset=utf-8',
          content: rectificationCertificate(lang, row, after, now),
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
        refused: decisions.filter((d) => !d.approve).map((d) => items.find((it) => it.id === d.itemId)!.field),
        documentId,
      });
      await this.requests.audit(tx, actor, 'RECTIFICATION_DECIDED', row, { approved: approved.map((it) => it.field) });
    });
  }

  /** Applies the approved values as one update of the customer, then creates the notices (GDPR 19). */
  private async apply(tx: EntityManager, actor: Actor, row: RequestRow, approved: RequestRow[]): Promise<void> {
    const [customer] = await tx.query(`SELECT id, version FROM customers WHERE id = $1 FOR UPDATE`, [row.customer_id]);
    if (!customer) throw notFound('Customer');
    // The source of each old value, before the change records the new one.
    const sources: Array<{ field: string; source: string }> = await tx.query(
      `SELECT f.field, coalesce((SELECT p.source FROM customer_provenance p WHERE p.customer_id = $1 AND p.field = f.field ORDER BY p.id DESC LIMIT 1), c.source) AS source
         FROM unnest($2::text[]) AS f(field), customers c WHERE c.id = $1`,
      [row.customer_id, approved.map((it) => it.field)],
    );
    const input = Object.fromEntries(approved.map((it) => [it.field, it.proposed_value])) as UpdateCustomerInput;
    await this.customers.update(actor, row.customer_id, customer.version, input, {
      manager: tx,
      confirmDuplicates: true,
      source: { source: ValueSource.CUSTOMER_NOTICE, detail: `Rectification request ${row.request_number}` },
    });
    for (const item of approved) {
      const source = sources.find((s) => s.field === item.field)?.source;
      if (source && THIRD_PARTY_SOURCES.includes(source)) {
        await tx.query(`INSERT INTO rectification_notices (request_id, item_id, target, source) VALUES ($1, $2, 'SOURCE', $3)`, [row.id, item.id, source]);
      }
      // Exactly the recipients that received this field of this customer.
      await tx.query(
        `INSERT INTO rectification_notices (request_id, item_id, target, recipient_id)
         SELECT DISTINCT $1::uuid, $2::uuid, 'RECIPIENT', recipient_id FROM disclosures WHERE customer_id = $3 AND $4 = ANY(fields)`,
        [row.id, item.id, row.customer_id, item.field],
      );
    }
  }

  /** Marks a notice SENT, or IMPOSSIBLE with the reason (GDPR 19: "unless impossible or disproportionate"). */
  async setNoticeStatus(actor: Actor, noticeId: string, status: NoticeStatus, reason: string | null | undefined): Promise<RectificationNotice> {
    if (!actor.ability.can('work', 'PrivacyRequest')) throw forbidden('Only a privacy officer works data-subject requests.');
    if (status === NoticeStatus.PENDING) throw badInput('status', 'A notice is marked SENT or IMPOSSIBLE.');
    if (status === NoticeStatus.IMPOSSIBLE && !reason?.trim()) throw badInput('reason', 'Say why the notice cannot be given.');
    if (!isUuid(noticeId)) throw notFound('Notice');
    return this.db.transaction(async (tx) => {
      const [notice] = await tx.query(`SELECT * FROM rectification_notices WHERE id = $1 FOR UPDATE`, [noticeId]);
      if (!notice) throw notFound('Notice');
      if (notice.status !== NoticeStatus.PENDING) throw badInput('status', 'This notice has already been dealt with.');
      const row = await this.requests.row(tx, notice.request_id);
      await tx.query(`UPDATE rectification_notices SET status = $2, status_reason = $3, updated_by = $4, updated_at = $5 WHERE id = $1`, [
        noticeId,
        status,
        reason?.trim() || null,
        actor.user.id,
        this.requests.now(),
      ]);
      await this.requests.event(tx, actor, row.id, 'NOTICE', null, null, reason?.trim() || null, { noticeId, status });
      await recordAuditEvents(tx, [
        {
          action: 'RECTIFICATION_NOTICE_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: row.customer_id,
          detail: { requestId: row.id, noticeId, status },
        },
      ]);
      const [updated] = await tx.query(
        `SELECT n.*, i.field, r.name AS recipient_name FROM rectification_notices n
           JOIN rectification_items i ON i.id = n.item_id LEFT JOIN recipients r ON r.id = n.recipient_id WHERE n.id = $1`,
        [noticeId],
      );
      return noticeFromRow(updated);
    });
  }
}

function noticeFromRow(r: RequestRow): RectificationNotice {
  return {
    id: r.id,
    itemId: r.item_id,
    field: r.field,
    target: r.target,
    recipient: r.target === 'SOURCE' ? r.source : r.recipient_name,
    recipientId: r.recipient_id,
    status: r.status,
    statusReason: r.status_reason,
    updatedAt: r.updated_at,
  };
}
