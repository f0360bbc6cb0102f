import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents, type AuditAction } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { appError, badInput, conflict, isUuid, notFound, requireId } from '../../errors';
import type { CustomersService } from '../customers/customers.service';
import { lockCustomerRow, lockLiveCustomer, lockPersonOf } from '../customers/merged-record';
import type { ProhibitionsService } from '../prohibitions/prohibitions.service';
import type { Deadlines } from './deadlines';
import type { PrivacyDocuments } from './documents';
import type { RecipientNotices } from './recipient-notices';
import { applyObjection, applyRestriction } from './objection-restriction';
import { currentValueOf } from './rectifiable-fields';
import { itemsOf, setCurrentValue } from './rectification.repository';
import {
  CLOSED_STATUSES,
  PrivacyRequestStatus,
  PrivacyRequestType,
  RequestLanguage,
  RequestReceivedVia,
  type DeadlineExtension,
  type IdentityVerification,
  type NewPrivacyRequest,
  type PrivacyRequest,
} from './request.model';
import { takeIn } from './request-intake';
import type { RequestStepDeps, RequestWork, WorkOptions } from './request-steps';
import { extendDeadline, liftRestriction, refuseRequest } from './requester-notices';
import { visibleRequests } from './request-visibility';
import {
  activePrivacyOfficer,
  customerOfRequest,
  insertEvent,
  insertRequest,
  namesCustomer,
  openDuplicateOf,
  rectifiableValues,
  requestById,
  setAssignee,
  setDuplicateOf,
  setIdentityVerified,
  setStatus,
  type CustomerRequestRow,
  type PrivacyRequestRow,
} from './requests.repository';

/** What the permission table's conditions may ask of a request. */
const gateRecord = (row: PrivacyRequestRow) => ({ id: row.id, type: row.type, status: row.status, customerId: row.customer_id });

/**
 * The data-subject request queue: intake, identity, assignment, deadlines (GDPR 12(3)) and the
 * timeline. Each request type's own work (access, rectification, erasure) builds on `work` and
 * `transition` here, so every step is permission-checked, locked, timed and audited alike.
 */
export class RequestsService implements RequestWork {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    readonly deadlines: Deadlines,
    private readonly customers: CustomersService,
    private readonly prohibitions: ProhibitionsService,
    private readonly documents: PrivacyDocuments,
    private readonly recipientNotices: RecipientNotices,
  ) {}

  /** What the steps kept in their own files (intake, notices) need of the service. */
  private get stepDeps(): RequestStepDeps {
    return { db: this.db, clock: this.clock, customers: this.customers, documents: this.documents, requests: this };
  }

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

  /** Takes in a request (request-intake.ts). */
  create(actor: Actor, input: NewPrivacyRequest): Promise<PrivacyRequest> {
    return takeIn(this.stepDeps, actor, input);
  }

  /**
   * Storage limitation (P10): an erasure the controller starts itself, in the caller's transaction (an accepted
   * retention proposal). A request of the ERASURE kind like any other, planned and carried out on the queue, so open
   * invoices, collection and the accounting retention hold what they must; nobody asked, so no identity is checked.
   */
  async startControllerErasure(tx: EntityManager, actor: Actor, customerId: string, note: string): Promise<PrivacyRequest> {
    requireRight(actor, 'work', 'PrivacyRequest', 'Only a privacy officer works data-subject requests.');
    requireRight(actor, 'erase', 'Customer', "Only a privacy officer starts the erasure of a customer's data.");
    await lockLiveCustomer(tx, actor, customerId, 'UPDATE');
    const duplicateOf = await openDuplicateOf(tx, customerId, PrivacyRequestType.ERASURE);
    const now = this.clock.now();
    const row = await insertRequest(tx, {
      type: PrivacyRequestType.ERASURE,
      customerId,
      requesterName: 'Rekisterinpitäjä / Controller',
      requesterContact: null,
      receivedAt: now,
      receivedVia: RequestReceivedVia.CUSTOMER_SERVICE,
      language: RequestLanguage.FI,
      signed: false,
      paperOriginalLocation: null,
      dueAt: this.deadlines.firstDueAt(now),
      duplicateOf,
      objection: null,
      createdBy: actor.user.id,
      at: now,
      initiatedByController: true,
    });
    await this.event(tx, actor, row.id, 'CREATED', null, PrivacyRequestStatus.IN_PROGRESS, note, { duplicateOf, initiatedByController: true });
    await setStatus(tx, row.id, PrivacyRequestStatus.IN_PROGRESS, false, now);
    await this.audit(tx, actor, 'PRIVACY_REQUEST_CREATED', row, { type: row.type, duplicateOf, initiatedByController: true });
    return this.toRequest({ ...row, status: PrivacyRequestStatus.IN_PROGRESS });
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
        // P6, P8: identified as a merged record, the requester is the customer it was merged into (lockPersonOf says why).
        customerId = (await lockPersonOf(tx, actor, customerId, 'UPDATE')).id;
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
    await setDuplicateOf(tx, row.id, await openDuplicateOf(tx, customerId, row.type, row.id));
    const current = await rectifiableValues(tx, customerId);
    for (const item of await itemsOf(tx, [row.id])) {
      await setCurrentValue(tx, item.id, current ? currentValueOf(current, item.field) : null);
    }
  }

  /** GDPR 18(3): ends a restriction, the person told first (requester-notices.ts). */
  liftRestriction(actor: Actor, customerId: string, note: string): Promise<void> {
    return liftRestriction(this.stepDeps, actor, customerId, note);
  }

  /** GDPR 12(3): extends the deadline, the requester told why (requester-notices.ts). */
  extend(actor: Actor, id: string, input: DeadlineExtension): Promise<PrivacyRequest> {
    return extendDeadline(this.stepDeps, actor, id, input);
  }

  /** Refuses the request, the requester told why and of the Ombudsman (requester-notices.ts). */
  refuse(actor: Actor, id: string, reason: string): Promise<PrivacyRequest> {
    return refuseRequest(this.stepDeps, actor, id, reason);
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
    // The customer's row before the request's: a merge locks its customers before it moves their requests, so the
    // other order could deadlock with it (a 500, never a CONFLICT). P6: a request moved by a merge meanwhile, or a
    // merged customer, answers CONFLICT.
    const customerId = isUuid(id) ? await customerOfRequest(tx, id) : null;
    if (customerId) await lockCustomerRow(tx, customerId, 'UPDATE');
    const row = await this.visibleRow(tx, actor, id, true);
    if (customerId && row.customer_id !== customerId) {
      throw conflict('This request moved to another customer meanwhile. Reload it and try again.', { currentVersion: row.version });
    }
    if (row.customer_id) await lockLiveCustomer(tx, actor, row.customer_id, 'UPDATE');
    assertWritable(actor, 'work', 'PrivacyRequest', gateRecord(row), options.fields ?? ['status']);
    if (options.types && !options.types.includes(row.type)) {
      throw badInput('id', `This is ${row.type === 'ACCESS' ? 'an' : 'a'} ${row.type} request.`);
    }
    if (!options.allowClosed && CLOSED_STATUSES.includes(row.status)) throw badInput('id', 'This request is closed.');
    // P10: an erasure the controller started itself has no requester whose identity could be checked.
    if (options.needsIdentity && !row.identity_verified_at && !row.initiated_by_controller) {
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
