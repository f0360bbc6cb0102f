import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents, type AuditAction } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import type { Clock } from '../../clock';
import { appError, badInput, forbidden, isAppError, isUuid, notFound, requireId } from '../../errors';
import { normaliseCustomerValues, type CustomersService } from '../customers/customers.service';
import type { ProhibitionsService } from '../prohibitions/prohibitions.service';
import { RECTIFIABLE_FIELDS, currentValueOf } from './rectifiable-fields';
import type { Deadlines } from './deadlines';
import { PrivacyDocumentKind, type Lang, type PrivacyDocuments } from './documents';
import { extensionNotice, refusalNotice } from './letters';
import { applyObjection, applyRestriction } from './objection-restriction';
import {
  CLOSED_STATUSES,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type CreatePrivacyRequestInput,
  type ExtendPrivacyRequestInput,
  type PrivacyRequest,
  type VerifyIdentityInput,
} from './request.type';

export type RequestRow = Record<string, any>;

export const OPEN = `closed_at IS NULL`;

/** What a workflow step needs of the request it works on. */
export interface WorkOptions {
  types?: readonly PrivacyRequestType[];
  /** Nothing is disclosed or changed before the requester's identity is verified. */
  needsIdentity?: boolean;
  /** Steps that may still be taken on a closed request (e.g. marking notices sent). */
  allowClosed?: boolean;
}

/**
 * The data-subject request queue: intake, identity, assignment, deadlines (GDPR 12(3)) and the
 * timeline. Each request type's own work (access, rectification, erasure) builds on `forWork`
 * and `transition` here, so every step is permission-checked, locked, timed and audited alike.
 */
export class RequestsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    readonly deadlines: Deadlines,
    private readonly customers: CustomersService,
    private readonly prohibitions: ProhibitionsService,
    private readonly documents: PrivacyDocuments,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  toRequest(row: RequestRow): PrivacyRequest {
    const now = this.clock.now();
    const closed = row.closed_at != null;
    const daysLeft = closed ? null : this.deadlines.daysLeft(row.due_at, now);
    return {
      id: row.id,
      requestNumber: String(row.request_number),
      type: row.type,
      status: row.status,
      customerId: row.customer_id,
      requesterName: row.requester_name,
      requesterContact: row.requester_contact,
      receivedAt: row.received_at,
      receivedVia: row.received_via,
      language: row.language,
      signed: row.signed,
      paperOriginalLocation: row.paper_original_location,
      dueAt: row.due_at,
      extended: new Date(row.due_at).getTime() !== new Date(row.first_due_at).getTime(),
      daysLeft,
      overdue: !closed && now.getTime() > new Date(row.due_at).getTime(),
      duplicateOfId: row.duplicate_of,
      requestedProhibitions: row.objection,
      identityVerified: row.identity_verified_at != null,
      assigneeId: row.assignee_id,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      closedAt: row.closed_at,
    };
  }

  async create(actor: Actor, input: CreatePrivacyRequestInput): Promise<PrivacyRequest> {
    if (!actor.ability.can('create', 'PrivacyRequest')) throw forbidden('You may not take in data-subject requests.');
    const requesterName = input.requesterName?.trim();
    if (!requesterName) throw badInput('requesterName', "Give the requester's name.");
    const now = this.clock.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (Number.isNaN(receivedAt.getTime())) throw badInput('receivedAt', 'Give a valid date and time of receipt.');
    if (receivedAt.getTime() > now.getTime() + 60_000) throw badInput('receivedAt', 'A request cannot be received in the future.');
    const customer = input.customerId ? await this.customers.get(actor, input.customerId) : null;

    const items = input.items ?? [];
    if (input.type === PrivacyRequestType.RECTIFICATION) {
      if (items.length === 0) throw badInput('items', 'Say what the requester wants corrected.');
      items.forEach((item, i) => {
        if (!RECTIFIABLE_FIELDS.includes(item.field)) throw badInput(`items.${i}.field`, `${item.field} is not a field that can be corrected.`);
        if (!item.proposedValue?.trim()) throw badInput(`items.${i}.proposedValue`, 'Give the corrected value.');
      });
    } else if (items.length > 0) {
      throw badInput('items', 'Only a rectification request has items to correct.');
    }
    const prohibitions = input.prohibitions ?? [];
    if (input.type === PrivacyRequestType.OBJECTION) {
      if (prohibitions.length === 0) throw badInput('prohibitions', 'Say which processing the requester objects to.');
    } else if (prohibitions.length > 0) {
      throw badInput('prohibitions', 'Only an objection names prohibitions.');
    }

    return this.db.transaction(async (tx) => {
      // A second open request of the same type for the same customer is a duplicate: flagged, never merged.
      // The customer's row is the lock, so two intakes at once cannot both miss each other.
      if (customer) await tx.query(`SELECT 1 FROM customers WHERE id = $1 FOR UPDATE`, [customer.id]);
      const [duplicate] = customer
        ? await tx.query(`SELECT id FROM privacy_requests WHERE customer_id = $1 AND type = $2 AND ${OPEN} ORDER BY created_at LIMIT 1`, [
            customer.id,
            input.type,
          ])
        : [];
      for (const [i, item] of items.entries()) await this.checkProposedValue(tx, item.field, item.proposedValue, customer?.country ?? 'FI', i);
      const [row] = await tx.query(
        `INSERT INTO privacy_requests (type, customer_id, requester_name, requester_contact, received_at, received_via, language,
                                       signed, paper_original_location, first_due_at, due_at, duplicate_of, objection, created_by,
                                       created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $14) RETURNING *`,
        [
          input.type,
          customer?.id ?? null,
          requesterName,
          input.requesterContact?.trim() || null,
          receivedAt,
          input.receivedVia,
          input.language,
          input.signed ?? false,
          input.paperOriginalLocation?.trim() || null,
          this.deadlines.firstDueAt(receivedAt),
          duplicate?.id ?? null,
          input.type === PrivacyRequestType.OBJECTION
            ? JSON.stringify(prohibitions.map((p) => ({ kind: p.kind, channel: p.channel ?? null })))
            : null,
          actor.user.id,
          now,
        ],
      );
      if (items.length > 0) {
        const current = customer ? await tx.query(`SELECT * FROM customers WHERE id = $1`, [customer.id]) : [];
        for (const [i, item] of items.entries()) {
          await tx.query(
            `INSERT INTO rectification_items (request_id, position, field, current_value, proposed_value, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
            [row.id, i + 1, item.field, current[0] ? currentValueOf(current[0], item.field) : null, item.proposedValue.trim(), item.reason?.trim() || null],
          );
        }
      }
      await this.event(tx, actor, row.id, 'CREATED', null, PrivacyRequestStatus.RECEIVED, null, { duplicateOf: duplicate?.id ?? null });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_CREATED', row, { type: input.type, duplicateOf: duplicate?.id ?? null });
      return this.toRequest(row);
    });
  }

  /** A corrected value must be one the register would accept: checked at intake, not first at the decision. */
  private async checkProposedValue(tx: EntityManager, field: string, value: string, country: string, index: number): Promise<void> {
    try {
      await normaliseCustomerValues(tx, { [field]: value.trim() }, [field], country);
    } catch (error) {
      if (isAppError(error, 'BAD_USER_INPUT')) {
        throw badInput(`items.${index}.proposedValue`, error.message);
      }
      throw error;
    }
  }

  async get(actor: Actor, id: string): Promise<PrivacyRequest> {
    if (!actor.ability.can('read', 'PrivacyRequest')) throw forbidden('You may not read data-subject requests.');
    const row = await this.row(this.db.manager, id);
    return this.toRequest(row);
  }

  async assign(actor: Actor, id: string, userId: string): Promise<PrivacyRequest> {
    return this.work(actor, id, {}, async (tx, row) => {
      const [user] = await tx.query(`SELECT id, display_name FROM users WHERE id = $1 AND active AND 'PRIVACY_OFFICER' = ANY(roles)`, [
        requireId(userId, 'userId', 'privacy officer'),
      ]);
      if (!user) throw badInput('userId', 'Requests are assigned to an active privacy officer.');
      await tx.query(`UPDATE privacy_requests SET assignee_id = $2 WHERE id = $1`, [id, userId]);
      const status = row.status === PrivacyRequestStatus.RECEIVED && !row.identity_verified_at ? PrivacyRequestStatus.IDENTITY_PENDING : row.status;
      await this.transition(tx, actor, row, status, 'ASSIGNED', user.display_name, { assigneeId: userId });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_ASSIGNED', row, { assigneeId: userId });
    });
  }

  /**
   * Nothing is disclosed or changed before this. An objection or a restriction takes effect at
   * once after it (P15, P17; GDPR 18). A duplicate never inherits another request's check.
   */
  async verifyIdentity(actor: Actor, id: string, input: VerifyIdentityInput & { customerId?: string | null }): Promise<PrivacyRequest> {
    return this.work(actor, id, {}, async (tx, row) => {
      if (row.identity_verified_at) throw badInput('id', "This request's identity has already been verified.");
      let customerId: string | null = row.customer_id;
      if (input.customerId && input.customerId !== customerId) {
        if (customerId) throw badInput('customerId', 'This request is already about another customer.');
        customerId = (await this.customers.get(actor, input.customerId, tx)).id;
      }
      if (!customerId) throw badInput('customerId', 'Say which customer the requester was identified as.');
      const now = this.clock.now();
      await tx.query(
        `UPDATE privacy_requests SET customer_id = $2, identity_verified_at = $3, identity_method = $4, identity_note = $5, identity_verified_by = $6
          WHERE id = $1`,
        [id, customerId, now, input.method, input.note?.trim() || null, actor.user.id],
      );
      if (customerId !== row.customer_id) await this.attachCustomer(tx, row, customerId);
      // The note may describe an identity document: it stays on the request (erased with it), not on the timeline.
      await this.transition(tx, actor, row, PrivacyRequestStatus.IN_PROGRESS, 'IDENTITY_VERIFIED', null, { method: input.method });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_IDENTITY_VERIFIED', row, { method: input.method });
      if (row.type === PrivacyRequestType.OBJECTION) await applyObjection(tx, actor, this, this.prohibitions, { ...row, status: PrivacyRequestStatus.IN_PROGRESS });
      if (row.type === PrivacyRequestType.RESTRICTION) await applyRestriction(tx, actor, this, { ...row, status: PrivacyRequestStatus.IN_PROGRESS });
    });
  }

  /** A request taken in without a customer gets one at identity: the snapshot and the duplicate check happen now. */
  private async attachCustomer(tx: EntityManager, row: RequestRow, customerId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
    const [duplicate] = await tx.query(
      `SELECT id FROM privacy_requests WHERE customer_id = $1 AND type = $2 AND ${OPEN} AND id <> $3 ORDER BY created_at LIMIT 1`,
      [customerId, row.type, row.id],
    );
    await tx.query(`UPDATE privacy_requests SET duplicate_of = $2 WHERE id = $1`, [row.id, duplicate?.id ?? null]);
    const [customer] = await tx.query(`SELECT * FROM customers WHERE id = $1`, [customerId]);
    const items: RequestRow[] = await tx.query(`SELECT id, field FROM rectification_items WHERE request_id = $1`, [row.id]);
    for (const item of items) {
      await tx.query(`UPDATE rectification_items SET current_value = $2 WHERE id = $1`, [item.id, currentValueOf(customer, item.field)]);
    }
    row.customer_id = customerId;
  }

  async liftRestriction(actor: Actor, customerId: string, note: string): Promise<void> {
    if (!actor.ability.can('work', 'PrivacyRequest')) throw forbidden('Only a privacy officer may lift a restriction.');
    if (!note?.trim()) throw badInput('note', 'Say why the restriction is lifted.');
    await this.customers.get(actor, customerId);
    await this.db.transaction(async (tx) => {
      const [updated] = await tx.query(
        `UPDATE customers SET restricted = false, version = version + 1, updated_at = now() WHERE id = $1 AND restricted RETURNING id`,
        [customerId],
      );
      if (!updated?.length) throw badInput('customerId', 'Processing of this customer is not restricted.');
      await recordAuditEvents(tx, [
        { action: 'CUSTOMER_RESTRICTION_LIFTED', actorId: actor.user.id, actorUsername: actor.user.username, customerId, detail: { note: note.trim() } },
      ]);
    });
  }

  /**
   * GDPR 12(3): the deadline may move by at most two further months, only while the first month
   * runs, and the requester is told why (a notice document is made and recorded).
   */
  async extend(actor: Actor, id: string, input: ExtendPrivacyRequestInput): Promise<PrivacyRequest> {
    return this.work(actor, id, {}, async (tx, row) => {
      const now = this.clock.now();
      const reason = input.reason?.trim();
      if (!reason) throw badInput('reason', 'Say why more time is needed: the requester is told.');
      if (now.getTime() > new Date(row.first_due_at).getTime()) {
        throw badInput('until', 'The deadline can be extended only while the first month runs.');
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(input.until))) throw badInput('until', 'Give the new last day as a date.');
      const until = this.deadlines.endOfDate(String(input.until));
      if (until.getTime() <= new Date(row.due_at).getTime()) throw badInput('until', 'An extension moves the deadline later.');
      if (until.getTime() > this.deadlines.latestExtension(row.received_at).getTime()) {
        throw badInput('until', 'The deadline can move at most two further months (three months from receipt).');
      }
      await tx.query(`UPDATE privacy_requests SET due_at = $2, extension_reason = $3 WHERE id = $1`, [id, until, reason]);
      const lang = row.language as Lang;
      const document = await this.documents.store(tx, {
        requestId: id,
        kind: PrivacyDocumentKind.EXTENSION_NOTICE,
        language: lang,
        filename: `request-${row.request_number}-extension.html`,
        contentType: 'text/html; charset=utf-8',
        content: extensionNotice(lang, row, until, reason),
        actorId: actor.user.id,
      });
      await this.transition(tx, actor, row, row.status, 'EXTENDED', reason, {
        until: String(input.until),
        requesterInformed: true,
        documentId: document.id,
      });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_EXTENDED', row, { until: String(input.until) });
    });
  }

  /** Refuses the request (e.g. identity could not be verified, or manifestly unfounded), with the Ombudsman route. */
  async refuse(actor: Actor, id: string, reason: string): Promise<PrivacyRequest> {
    return this.work(actor, id, {}, async (tx, row) => {
      if (!reason?.trim()) throw badInput('reason', 'Say why the request is refused: the requester is told.');
      const lang = row.language as Lang;
      const document = await this.documents.store(tx, {
        requestId: id,
        kind: PrivacyDocumentKind.REFUSAL_NOTICE,
        language: lang,
        filename: `request-${row.request_number}-refusal.html`,
        contentType: 'text/html; charset=utf-8',
        content: refusalNotice(lang, row, reason.trim(), this.clock.now()),
        actorId: actor.user.id,
      });
      await this.transition(tx, actor, row, PrivacyRequestStatus.REFUSED, 'STATUS', reason.trim(), { documentId: document.id });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_REFUSED', row, {});
    });
  }

  async withdraw(actor: Actor, id: string, note: string | null | undefined): Promise<PrivacyRequest> {
    return this.work(actor, id, {}, async (tx, row) => {
      await this.transition(tx, actor, row, PrivacyRequestStatus.WITHDRAWN, 'STATUS', note?.trim() || null, null);
      await this.audit(tx, actor, 'PRIVACY_REQUEST_WITHDRAWN', row, {});
    });
  }

  /** Runs a step of work on a request in one transaction and returns the request as it then is. */
  async work(actor: Actor, id: string, options: WorkOptions, step: (tx: EntityManager, row: RequestRow) => Promise<void>): Promise<PrivacyRequest> {
    const row = await this.db.transaction(async (tx) => {
      const locked = await this.forWork(tx, actor, id, options);
      await step(tx, locked);
      return this.row(tx, id);
    });
    return this.toRequest(row);
  }

  /** Checks the right to work the queue first, then locks the request and checks it may take this step. */
  async forWork(tx: EntityManager, actor: Actor, id: string, options: WorkOptions = {}): Promise<RequestRow> {
    if (!actor.ability.can('work', 'PrivacyRequest')) throw forbidden('Only a privacy officer works data-subject requests.');
    const row = await this.row(tx, id, true);
    if (options.types && !options.types.includes(row.type)) {
      throw badInput('id', `This is ${row.type === 'ACCESS' ? 'an' : 'a'} ${row.type} request.`);
    }
    if (!options.allowClosed && CLOSED_STATUSES.includes(row.status)) throw badInput('id', 'This request is closed.');
    if (options.needsIdentity && !row.identity_verified_at) {
      throw appError('IDENTITY_NOT_VERIFIED', "Verify the requester's identity first: nothing is disclosed or changed before that.");
    }
    return row;
  }

  async row(manager: EntityManager, id: string, lock = false): Promise<RequestRow> {
    if (!isUuid(id)) throw notFound('Request');
    const [row] = await manager.query(`SELECT * FROM privacy_requests WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw notFound('Request');
    return row;
  }

  /** Moves a request to `status` (or keeps it) and puts the step on its timeline. */
  async transition(
    tx: EntityManager,
    actor: Actor | null,
    row: RequestRow,
    status: PrivacyRequestStatus,
    kind: string,
    note: string | null,
    detail: Record<string, unknown> | null,
  ): Promise<void> {
    const now = this.clock.now();
    const closing = CLOSED_STATUSES.includes(status);
    await tx.query(
      `UPDATE privacy_requests SET status = $2, updated_at = $3, version = version + 1,
              closed_at = CASE WHEN $4::boolean THEN coalesce(closed_at, $3) ELSE NULL END
        WHERE id = $1`,
      [row.id, status, now, closing],
    );
    await this.event(tx, actor, row.id, kind, row.status, status, note, detail);
    row.status = status;
  }

  async event(
    tx: EntityManager,
    actor: Actor | null,
    requestId: string,
    kind: string,
    fromStatus: string | null,
    toStatus: string | null,
    note: string | null,
    detail: Record<string, unknown> | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO privacy_request_events (request_id, at, actor_id, kind, from_status, to_status, note, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [requestId, this.clock.now(), actor?.user.id ?? null, kind, fromStatus, toStatus, note, detail ? JSON.stringify(detail) : null],
    );
  }

  async audit(tx: EntityManager, actor: Actor | null, action: AuditAction, row: RequestRow, detail: Record<string, unknown>): Promise<void> {
    await recordAuditEvents(tx, [
      {
        action,
        actorId: actor?.user.id ?? null,
        actorUsername: actor?.user.username ?? null,
        customerId: row.customer_id,
        detail: { requestId: row.id, requestNumber: String(row.request_number), ...detail },
      },
    ]);
  }
}
