import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents, type AuditAction } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { appError, badInput, isAppError, isUuid, notFound, requireId } from '../../errors';
import { normaliseCustomerValues, type CustomersService } from '../customers/customers.service';
import type { ProhibitionsService } from '../prohibitions/prohibitions.service';
import type { Deadlines } from './deadlines';
import { customerLanguage, PrivacyDocumentKind, requesterAddressee, type PrivacyDocuments } from './documents';
import { extensionNotice, refusalNotice, restrictionLiftNotice } from './letters';
import type { RecipientNotices } from './recipient-notices';
import { applyObjection, applyRestriction } from './objection-restriction';
import { RECTIFIABLE_FIELDS, currentValueOf } from './rectifiable-fields';
import { insertItem, itemsOf, setCurrentValue } from './rectification.repository';
import {
  CLOSED_STATUSES,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type DeadlineExtension,
  type IdentityVerification,
  type NewPrivacyRequest,
  type PrivacyRequest,
} from './request.model';
import { visibleRequests } from './request-visibility';
import {
  activePrivacyOfficer,
  insertEvent,
  insertRequest,
  liftCustomerRestriction,
  lockCustomer,
  namesCustomer,
  openDuplicateOf,
  rectifiableValues,
  requestById,
  restrictionRequestOf,
  restrictionStateOf,
  setAssignee,
  setDuplicateOf,
  setExtension,
  setIdentityVerified,
  setStatus,
  type CustomerRequestRow,
  type PrivacyRequestRow,
} from './requests.repository';

/** What a workflow step needs of the request it works on. */
export interface WorkOptions {
  types?: readonly PrivacyRequestType[];
  /** Nothing is disclosed or changed before the requester's identity is verified. */
  needsIdentity?: boolean;
  /** Steps that may still be taken on a closed request (e.g. marking notices sent). */
  allowClosed?: boolean;
  /** The fields of the request the step writes (the gate checks them on the loaded request). */
  fields?: readonly string[];
}

/** The input of an intake, by the request's own field names (the permission table's). */
const INTAKE_FIELDS: Record<keyof NewPrivacyRequest, string> = {
  type: 'type',
  customerId: 'customer',
  requesterName: 'requesterName',
  requesterContact: 'requesterContact',
  receivedVia: 'receivedVia',
  language: 'language',
  signed: 'signed',
  receivedAt: 'receivedAt',
  paperOriginalLocation: 'paperOriginalLocation',
  items: 'items',
  prohibitions: 'requestedProhibitions',
};

/** What the permission table's conditions may ask of a request. */
const gateRecord = (row: PrivacyRequestRow) => ({ id: row.id, type: row.type, status: row.status, customerId: row.customer_id });

/**
 * The data-subject request queue: intake, identity, assignment, deadlines (GDPR 12(3)) and the
 * timeline. Each request type's own work (access, rectification, erasure) builds on `work` and
 * `transition` here, so every step is permission-checked, locked, timed and audited alike.
 */
export class RequestsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    readonly deadlines: Deadlines,
    private readonly customers: CustomersService,
    private readonly prohibitions: ProhibitionsService,
    private readonly documents: PrivacyDocuments,
    private readonly recipientNotices: RecipientNotices,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  toRequest(row: PrivacyRequestRow): PrivacyRequest {
    const now = this.clock.now();
    // Answered only once the answer has gone (the outbox): until then the deadline still runs.
    const closed = row.closed_at != null && !row.answer_pending;
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
      daysLeft: closed ? null : this.deadlines.daysLeft(row.due_at, now),
      overdue: !closed && now.getTime() > new Date(row.due_at).getTime(),
      duplicateOfId: row.duplicate_of,
      requestedProhibitions: row.objection,
      identityVerified: row.identity_verified_at != null,
      assigneeId: row.assignee_id,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      closedAt: row.closed_at,
      answeredAt: row.answered_at,
      awaitingDelivery: row.answer_pending,
    };
  }

  async create(actor: Actor, input: NewPrivacyRequest): Promise<PrivacyRequest> {
    requireRight(actor, 'create', 'PrivacyRequest', 'You may not take in data-subject requests.');
    const given = (Object.keys(INTAKE_FIELDS) as Array<keyof NewPrivacyRequest>).filter((k) => input[k] !== undefined && input[k] !== null);
    const fields = given.map((k) => INTAKE_FIELDS[k]);
    assertWritable(actor, 'create', 'PrivacyRequest', null, fields);
    const requesterName = input.requesterName?.trim();
    if (!requesterName) throw badInput('requesterName', "Give the requester's name.");
    const now = this.clock.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (Number.isNaN(receivedAt.getTime())) throw badInput('receivedAt', 'Give a valid date and time of receipt.');
    if (receivedAt.getTime() > now.getTime() + 60_000) throw badInput('receivedAt', 'A request cannot be received in the future.');
    const customer = input.customerId ? await this.customers.get(actor, requireId(input.customerId, 'customerId', 'customer')) : null;

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
      if (customer) await lockCustomer(tx, customer.id);
      const duplicateOf = customer ? await openDuplicateOf(tx, customer.id, input.type) : null;
      for (const [i, item] of items.entries()) await this.checkProposedValue(tx, item.field, item.proposedValue, customer?.country ?? 'FI', i);
      const row = await insertRequest(tx, {
        type: input.type,
        customerId: customer?.id ?? null,
        requesterName,
        requesterContact: input.requesterContact?.trim() || null,
        receivedAt,
        receivedVia: input.receivedVia,
        language: input.language,
        signed: input.signed ?? false,
        paperOriginalLocation: input.paperOriginalLocation?.trim() || null,
        dueAt: this.deadlines.firstDueAt(receivedAt),
        duplicateOf,
        objection: input.type === PrivacyRequestType.OBJECTION ? prohibitions.map((p) => ({ kind: p.kind, channel: p.channel ?? null })) : null,
        createdBy: actor.user.id,
        at: now,
      });
      if (items.length > 0) {
        const current = customer ? await rectifiableValues(tx, customer.id) : undefined;
        for (const [i, item] of items.entries()) {
          await insertItem(tx, {
            requestId: row.id,
            position: i + 1,
            field: item.field,
            currentValue: current ? currentValueOf(current, item.field) : null,
            proposedValue: item.proposedValue.trim(),
            reason: item.reason?.trim() || null,
          });
        }
      }
      await this.event(tx, actor, row.id, 'CREATED', null, PrivacyRequestStatus.RECEIVED, null, { duplicateOf });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_CREATED', row, { type: input.type, duplicateOf });
      return this.toRequest(row);
    });
  }

  /** A corrected value must be one the register would accept: checked at intake, not first at the decision. */
  private async checkProposedValue(tx: EntityManager, field: string, value: string, country: string, index: number): Promise<void> {
    try {
      await normaliseCustomerValues(tx, { [field]: value.trim() }, [field], country);
    } catch (error) {
      if (isAppError(error, 'BAD_USER_INPUT')) throw badInput(`items.${index}.proposedValue`, error.message);
      throw error;
    }
  }

  /** One request, if the actor may see it (and its customer); otherwise it does not exist for them. */
  async get(actor: Actor, id: string): Promise<PrivacyRequest> {
    requireRight(actor, 'read', 'PrivacyRequest', 'You may not read data-subject requests.');
    return this.toRequest(await this.visibleRow(this.db.manager, actor, id));
  }

  async assign(actor: Actor, id: string, userId: string): Promise<PrivacyRequest> {
    return this.work(actor, id, { fields: ['assignee'] }, async (tx, row) => {
      const user = await activePrivacyOfficer(tx, requireId(userId, 'userId', 'privacy officer'));
      if (!user) throw badInput('userId', 'Requests are assigned to an active privacy officer.');
      await setAssignee(tx, id, user.id);
      const status = row.status === PrivacyRequestStatus.RECEIVED && !row.identity_verified_at ? PrivacyRequestStatus.IDENTITY_PENDING : row.status;
      await this.transition(tx, actor, row, status, 'ASSIGNED', user.display_name, { assigneeId: user.id });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_ASSIGNED', row, { assigneeId: user.id });
    });
  }

  /**
   * Nothing is disclosed or changed before this. An objection or a restriction takes effect at
   * once after it (P15, P17; GDPR 18). A duplicate never inherits another request's check.
   */
  async verifyIdentity(actor: Actor, id: string, input: IdentityVerification & { customerId?: string | null }): Promise<PrivacyRequest> {
    const fields = input.customerId ? ['identityVerified', 'customer'] : ['identityVerified'];
    return this.work(actor, id, { fields }, async (tx, row) => {
      if (row.identity_verified_at) throw badInput('id', "This request's identity has already been verified.");
      let customerId: string | null = row.customer_id;
      if (input.customerId && input.customerId !== customerId) {
        if (customerId) throw badInput('customerId', 'This request is already about another customer.');
        customerId = (await this.customers.get(actor, requireId(input.customerId, 'customerId', 'customer'), tx)).id;
      }
      if (!customerId) throw badInput('customerId', 'Say which customer the requester was identified as.');
      await setIdentityVerified(tx, id, {
        customerId,
        at: this.clock.now(),
        method: input.method,
        note: input.note?.trim() || null,
        verifiedBy: actor.user.id,
      });
      if (customerId !== row.customer_id) await this.attachCustomer(tx, row, customerId);
      const verified: CustomerRequestRow = { ...row, customer_id: customerId };
      // The note may describe an identity document: it stays on the request (erased with it), not on the timeline.
      await this.transition(tx, actor, verified, PrivacyRequestStatus.IN_PROGRESS, 'IDENTITY_VERIFIED', null, { method: input.method });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_IDENTITY_VERIFIED', verified, { method: input.method });
      if (row.type === PrivacyRequestType.OBJECTION) await applyObjection(tx, actor, this, this.prohibitions, verified);
      if (row.type === PrivacyRequestType.RESTRICTION) {
        await applyRestriction(tx, actor, this, { notices: this.recipientNotices, documents: this.documents }, verified);
      }
    });
  }

  /** A request taken in without a customer gets one at identity: the snapshot and the duplicate check happen now. */
  private async attachCustomer(tx: EntityManager, row: PrivacyRequestRow, customerId: string): Promise<void> {
    await lockCustomer(tx, customerId);
    await setDuplicateOf(tx, row.id, await openDuplicateOf(tx, customerId, row.type, row.id));
    const current = await rectifiableValues(tx, customerId);
    for (const item of await itemsOf(tx, [row.id])) {
      await setCurrentValue(tx, item.id, current ? currentValueOf(current, item.field) : null);
    }
  }

  /**
   * GDPR 18: ends a restriction of processing, with the reason. A privacy officer's step, on a
   * customer they may see. GDPR 18(3): the person is told first, by a notice in their language on
   * the request that restricted the processing; then the restriction goes, in the same transaction.
   */
  async liftRestriction(actor: Actor, customerId: string, note: string): Promise<void> {
    requireRight(actor, 'work', 'PrivacyRequest', 'Only a privacy officer may lift a restriction.');
    if (!note?.trim()) throw badInput('note', 'Say why the restriction is lifted.');
    const customer = await this.customers.get(actor, requireId(customerId, 'customerId', 'customer'));
    await this.db.transaction(async (tx) => {
      const state = await restrictionStateOf(tx, customer.id);
      if (!state?.restricted) throw badInput('customerId', 'Processing of this customer is not restricted.');
      const request = await restrictionRequestOf(tx, customer.id);
      if (!request) {
        throw badInput('customerId', 'No restriction request of this customer is on record, so the person cannot be told before the lift (GDPR 18(3)).');
      }
      const now = this.clock.now();
      const to = await requesterAddressee(tx, request, customerLanguage(state.language, request.language));
      const document = await this.documents.store(tx, {
        requestId: request.id,
        kind: PrivacyDocumentKind.RESTRICTION_LIFT_NOTICE,
        addressee: to,
        filename: `request-${request.request_number}-restriction-lifted.html`,
        contentType: 'text/html; charset=utf-8',
        content: restrictionLiftNotice(this.documents.dates, to, request, note.trim(), now),
        actorId: actor.user.id,
      });
      await this.event(tx, actor, request.id, 'RESTRICTION_LIFTED', null, null, note.trim(), { documentId: document.id });
      if ((await liftCustomerRestriction(tx, customer.id)) === 0) throw badInput('customerId', 'Processing of this customer is not restricted.');
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_RESTRICTION_LIFTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: customer.id,
          detail: { note: note.trim(), requestId: request.id, documentId: document.id },
        },
      ]);
    });
  }

  /**
   * GDPR 12(3): the deadline may move by at most two further months, only while the first month
   * runs, and the requester is told why (a notice document is made and recorded).
   */
  async extend(actor: Actor, id: string, input: DeadlineExtension): Promise<PrivacyRequest> {
    return this.work(actor, id, { fields: ['dueAt', 'extended'] }, async (tx, row) => {
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
      await setExtension(tx, id, until, reason);
      const to = await requesterAddressee(tx, row);
      const document = await this.documents.store(tx, {
        requestId: id,
        kind: PrivacyDocumentKind.EXTENSION_NOTICE,
        addressee: to,
        filename: `request-${row.request_number}-extension.html`,
        contentType: 'text/html; charset=utf-8',
        content: extensionNotice(this.documents.dates, to, row, until, reason),
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
    return this.work(actor, id, { fields: ['status'] }, async (tx, row) => {
      if (!reason?.trim()) throw badInput('reason', 'Say why the request is refused: the requester is told.');
      const to = await requesterAddressee(tx, row);
      const document = await this.documents.store(tx, {
        requestId: id,
        kind: PrivacyDocumentKind.REFUSAL_NOTICE,
        addressee: to,
        filename: `request-${row.request_number}-refusal.html`,
        contentType: 'text/html; charset=utf-8',
        content: refusalNotice(this.documents.dates, to, row, reason.trim(), this.clock.now()),
        actorId: actor.user.id,
      });
      await this.transition(tx, actor, row, PrivacyRequestStatus.REFUSED, 'STATUS', reason.trim(), { documentId: document.id });
      await this.audit(tx, actor, 'PRIVACY_REQUEST_REFUSED', row, {});
    });
  }

  async withdraw(actor: Actor, id: string, note: string | null | undefined): Promise<PrivacyRequest> {
    return this.work(actor, id, { fields: ['status'] }, async (tx, row) => {
      await this.transition(tx, actor, row, PrivacyRequestStatus.WITHDRAWN, 'STATUS', note?.trim() || null, null);
      await this.audit(tx, actor, 'PRIVACY_REQUEST_WITHDRAWN', row, {});
    });
  }

  /** Runs a step of work on a request in one transaction and returns the request as it then is. */
  async work(actor: Actor, id: string, options: WorkOptions, step: (tx: EntityManager, row: PrivacyRequestRow) => Promise<void>): Promise<PrivacyRequest> {
    requireRight(actor, 'work', 'PrivacyRequest', 'Only a privacy officer works data-subject requests.');
    const row = await this.db.transaction(async (tx) => {
      const locked = await this.forWork(tx, actor, id, options);
      await step(tx, locked);
      // Read back as the step left it: the actor's right was checked at the lock.
      return this.lockedForSystem(tx, id);
    });
    return this.toRequest(row);
  }

  /**
   * A step on the data of the customer a verified requester was identified as (access,
   * rectification, erasure): nothing is disclosed or changed before the identity check.
   */
  workOnCustomer(
    actor: Actor,
    id: string,
    options: Omit<WorkOptions, 'needsIdentity'>,
    step: (tx: EntityManager, row: CustomerRequestRow) => Promise<void>,
  ): Promise<PrivacyRequest> {
    return this.work(actor, id, { ...options, needsIdentity: true }, (tx, row) => {
      // Verification names the customer: a verified request without one is a broken invariant.
      if (!namesCustomer(row)) throw new Error(`verified request ${row.id} names no customer`);
      return step(tx, row);
    });
  }

  /** Checks the right to work the queue first, then locks a request the actor may see and checks it may take this step. */
  async forWork(tx: EntityManager, actor: Actor, id: string, options: WorkOptions = {}): Promise<PrivacyRequestRow> {
    requireRight(actor, 'work', 'PrivacyRequest', 'Only a privacy officer works data-subject requests.');
    const row = await this.visibleRow(tx, actor, id, true);
    assertWritable(actor, 'work', 'PrivacyRequest', gateRecord(row), options.fields ?? ['status']);
    if (options.types && !options.types.includes(row.type)) {
      throw badInput('id', `This is ${row.type === 'ACCESS' ? 'an' : 'a'} ${row.type} request.`);
    }
    if (!options.allowClosed && CLOSED_STATUSES.includes(row.status)) throw badInput('id', 'This request is closed.');
    if (options.needsIdentity && !row.identity_verified_at) {
      throw appError('IDENTITY_NOT_VERIFIED', "Verify the requester's identity first: nothing is disclosed or changed before that.");
    }
    return row;
  }

  /** A request for a step the system takes by itself (a hold lapsing), locked: no reader, no row filter. */
  async lockedForSystem(tx: EntityManager, id: string): Promise<PrivacyRequestRow> {
    const row = await requestById(tx, id, undefined, true);
    if (!row) throw notFound('Request');
    return row;
  }

  /** A request the actor may see (and whose customer they may see), or NOT_FOUND. */
  async visibleRow(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<PrivacyRequestRow> {
    if (!isUuid(id)) throw notFound('Request');
    const row = await requestById(manager, id, visibleRequests(actor), lock);
    if (!row) throw notFound('Request');
    return row;
  }

  /** Moves a request to `status` (or keeps it) and puts the step on its timeline. */
  async transition(
    tx: EntityManager,
    actor: Actor | null,
    row: PrivacyRequestRow,
    status: PrivacyRequestStatus,
    kind: string,
    note: string | null,
    detail: Record<string, unknown> | null,
  ): Promise<void> {
    await setStatus(tx, row.id, status, CLOSED_STATUSES.includes(status), this.clock.now());
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
    await insertEvent(tx, { requestId, at: this.clock.now(), actorId: actor?.user.id ?? null, kind, fromStatus, toStatus, note, detail });
  }

  async audit(tx: EntityManager, actor: Actor | null, action: AuditAction, row: PrivacyRequestRow, detail: Record<string, unknown>): Promise<void> {
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
