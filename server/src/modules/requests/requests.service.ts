import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents, type AuditAction } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import type { Clock } from '../../clock';
import { GraphQLError } from 'graphql';
import { appError, badInput, forbidden, isUuid, notFound, requireId } from '../../errors';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../../graphql/connection';
import { normaliseCustomerValues, type CustomersService } from '../customers/customers.service';
import { RECTIFIABLE_FIELDS, currentValueOf } from './rectifiable-fields';
import type { Deadlines } from './deadlines';
import { escapeHtml, formatDate, htmlPage, ombudsmanRoute, PrivacyDocumentKind, type Lang, type PrivacyDocuments } from './documents';
import {
  CLOSED_STATUSES,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type CreatePrivacyRequestInput,
  type ExtendPrivacyRequestInput,
  type PrivacyRequest,
  type PrivacyRequestConnection,
  type PrivacyRequestEvent,
  type PrivacyRequestFilter,
  type RequestAgeBucket,
  type StaffMember,
  type VerifyIdentityInput,
} from './request.type';

export type RequestRow = Record<string, any>;

const OPEN = `closed_at IS NULL`;

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
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
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

  async getMany(actor: Actor, ids: readonly string[]): Promise<Array<PrivacyRequest | null>> {
    if (!actor.ability.can('read', 'PrivacyRequest')) return ids.map(() => null);
    const rows: RequestRow[] = await this.db.query(`SELECT * FROM privacy_requests WHERE id = ANY($1)`, [ids]);
    return ids.map((id) => {
      const row = rows.find((r) => r.id === id);
      return row ? this.toRequest(row) : null;
    });
  }

  /** The queue: open requests by days left (overdue first), then closed ones, newest first. */
  async list(actor: Actor, filter: PrivacyRequestFilter | null | undefined, first: number, after?: string | null): Promise<PrivacyRequestConnection> {
    if (!actor.ability.can('read', 'PrivacyRequest')) throw forbidden('You may not read data-subject requests.');
    if (first < 1 || first > MAX_PAGE_SIZE) throw badInput('first', `Ask for 1 to ${MAX_PAGE_SIZE} requests.`);
    const offset = after ? Number(decodeCursor(after)) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw badInput('after', 'This cursor is not valid.');
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter?.status?.length) where.push(`status = ANY(${bind(filter.status)})`);
    if (filter?.type?.length) where.push(`type = ANY(${bind(filter.type)})`);
    if (filter?.open === true) where.push(OPEN);
    if (filter?.open === false) where.push(`closed_at IS NOT NULL`);
    if (filter?.overdue) where.push(`${OPEN} AND due_at < ${bind(this.clock.now())}`);
    if (filter?.assigneeId) where.push(`assignee_id = ${bind(requireId(filter.assigneeId, 'filter.assigneeId', 'user'))}`);
    if (filter?.unassigned) where.push(`assignee_id IS NULL`);
    if (filter?.customerId) where.push(`customer_id = ${bind(requireId(filter.customerId, 'filter.customerId', 'customer'))}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM privacy_requests ${whereSql}`, params);
    const rows: RequestRow[] = await this.db.query(
      `SELECT * FROM privacy_requests ${whereSql}
        ORDER BY (closed_at IS NOT NULL), CASE WHEN closed_at IS NULL THEN due_at END, closed_at DESC, id
        LIMIT ${bind(first + 1)} OFFSET ${bind(offset)}`,
      params,
    );
    const hasNextPage = rows.length > first;
    const edges = rows.slice(0, first).map((row, i) => ({ cursor: encodeCursor(String(offset + i + 1)), node: this.toRequest(row) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: count };
  }

  /** Open requests by days since receipt, for the queue's chart. */
  async openByAge(actor: Actor): Promise<RequestAgeBucket[]> {
    if (!actor.ability.can('read', 'PrivacyRequest')) throw forbidden('You may not read data-subject requests.');
    const now = this.clock.now();
    const rows: Array<{ received_at: Date; due_at: Date }> = await this.db.query(
      `SELECT received_at, due_at FROM privacy_requests WHERE ${OPEN}`,
    );
    const buckets: Array<RequestAgeBucket & { max: number }> = [
      { label: '0-7', max: 7, count: 0, overdue: 0 },
      { label: '8-14', max: 14, count: 0, overdue: 0 },
      { label: '15-30', max: 30, count: 0, overdue: 0 },
      { label: '31-60', max: 60, count: 0, overdue: 0 },
      { label: '61+', max: Infinity, count: 0, overdue: 0 },
    ];
    for (const row of rows) {
      const age = -this.deadlines.daysLeft(row.received_at, now);
      const bucket = buckets.find((b) => age <= b.max)!;
      bucket.count += 1;
      if (now.getTime() > new Date(row.due_at).getTime()) bucket.overdue += 1;
    }
    return buckets.map(({ label, count, overdue }) => ({ label, count, overdue }));
  }

  async privacyOfficers(actor: Actor): Promise<StaffMember[]> {
    if (!actor.ability.can('work', 'PrivacyRequest')) throw forbidden('You may not assign requests.');
    const rows = await this.db.query(
      `SELECT id, username, display_name FROM users WHERE active AND 'PRIVACY_OFFICER' = ANY(roles) ORDER BY display_name`,
    );
    return rows.map((r: RequestRow) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }

  async staff(ids: readonly string[]): Promise<Array<StaffMember | null>> {
    const rows: RequestRow[] = await this.db.query(`SELECT id, username, display_name FROM users WHERE id = ANY($1)`, [ids]);
    return ids.map((id) => {
      const r = rows.find((row) => row.id === id);
      return r ? { id: r.id, username: r.username, displayName: r.display_name } : null;
    });
  }

  async events(requestId: string): Promise<PrivacyRequestEvent[]> {
    const rows = await this.db.query(
      `SELECT e.at, e.kind, e.from_status, e.to_status, e.note, e.detail, u.display_name AS actor
         FROM privacy_request_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.request_id = $1 ORDER BY e.id`,
      [requestId],
    );
    return rows.map((r: RequestRow) => ({
      at: r.at,
      kind: r.kind,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      actor: r.actor,
      note: r.note,
      detail: r.detail,
    }));
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
      if (row.type === PrivacyRequestType.OBJECTION) await this.applyObjection(tx, actor, { ...row, status: PrivacyRequestStatus.IN_PROGRESS });
      if (row.type === PrivacyRequestType.RESTRICTION) await this.applyRestriction(tx, actor, { ...row, status: PrivacyRequestStatus.IN_PROGRESS });
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

  /** P15, P17: the prohibitions asked for go into the ledger at once. */
  private async applyObjection(tx: EntityManager, actor: Actor, row: RequestRow): Promise<void> {
    // One notice per customer at a time, as in the prohibitions service: a lift cannot cross this.
    await tx.query(`SELECT 1 FROM customers WHERE id = $1 FOR UPDATE`, [row.customer_id]);
    const asked: Array<{ kind: string; channel: string | null }> = row.objection ?? [];
    const inForce: Array<{ kind: string; channel: string | null }> = await tx.query(
      `SELECT kind, channel FROM current_prohibitions WHERE customer_id = $1`,
      [row.customer_id],
    );
    const missing = asked.filter((p) => !inForce.some((f) => f.kind === p.kind && f.channel === p.channel));
    const via = row.received_via; // every way a request comes in is also a way a notice does
    for (const p of missing) {
      await tx.query(
        `INSERT INTO prohibition_events (customer_id, kind, channel, action, via, note, recorded_by) VALUES ($1, $2, $3, 'SET', $4, $5, $6)`,
        [row.customer_id, p.kind, p.channel, via, `Objection, request ${row.request_number}`, actor.user.id],
      );
    }
    await recordAuditEvents(tx, missing.map((p) => ({
      action: 'PROHIBITION_SET' as const,
      actorId: actor.user.id,
      actorUsername: actor.user.username,
      customerId: row.customer_id,
      detail: { kind: p.kind, channel: p.channel, via, requestId: row.id },
    })));
    await this.transition(tx, actor, row, PrivacyRequestStatus.COMPLETED, 'STATUS', null, { recorded: missing, alreadyInForce: asked.length - missing.length });
  }

  /** GDPR 18: stored, but out of target lists, disclosures (but legal obligation) and others' edits. */
  private async applyRestriction(tx: EntityManager, actor: Actor, row: RequestRow): Promise<void> {
    await tx.query(`UPDATE customers SET restricted = true, version = version + 1, updated_at = now() WHERE id = $1`, [row.customer_id]);
    await this.audit(tx, actor, 'CUSTOMER_RESTRICTED', row, {});
    await this.transition(tx, actor, row, PrivacyRequestStatus.COMPLETED, 'STATUS', null, { restricted: true });
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

function extensionNotice(lang: Lang, row: RequestRow, until: Date, reason: string): string {
  const fi = lang === 'FI';
  const title = fi ? `Pyyntönne ${row.request_number} käsittelyaikaa jatketaan` : `More time for your request ${row.request_number}`;
  const body = fi
    ? `<h1>${escapeHtml(title)}</h1>
<p>Hyvä ${escapeHtml(row.requester_name)},</p>
<p>vastaanotimme pyyntönne ${formatDate(lang, row.received_at)}. Tietosuoja-asetuksen 12 artiklan 3 kohdan nojalla jatkamme
vastausaikaa enintään kahdella kuukaudella. Vastaamme viimeistään ${formatDate(lang, until)}.</p>
<p><strong>Syy:</strong> ${escapeHtml(reason)}</p>`
    : `<h1>${escapeHtml(title)}</h1>
<p>Dear ${escapeHtml(row.requester_name)},</p>
<p>we received your request on ${formatDate(lang, row.received_at)}. Under Article 12(3) GDPR we extend the time to answer
by at most two further months. We will answer by ${formatDate(lang, until)}.</p>
<p><strong>Reason:</strong> ${escapeHtml(reason)}</p>`;
  return htmlPage(lang, title, body + ombudsmanRoute(lang));
}

function refusalNotice(lang: Lang, row: RequestRow, reason: string, now: Date): string {
  const fi = lang === 'FI';
  const title = fi ? `Päätös pyyntöönne ${row.request_number}` : `Decision on your request ${row.request_number}`;
  const body = fi
    ? `<h1>${escapeHtml(title)}</h1><p class="meta">${formatDate(lang, now)}</p>
<p>Hyvä ${escapeHtml(row.requester_name)},</p><p>emme voi toteuttaa pyyntöänne.</p><p><strong>Perustelut:</strong> ${escapeHtml(reason)}</p>`
    : `<h1>${escapeHtml(title)}</h1><p class="meta">${formatDate(lang, now)}</p>
<p>Dear ${escapeHtml(row.requester_name)},</p><p>we cannot carry out your request.</p><p><strong>Reasons:</strong> ${escapeHtml(reason)}</p>`;
  return htmlPage(lang, title, body + ombudsmanRoute(lang));
}
