import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents, type AuditAction } from '../../audit/audit.service';
import { actorOf, type Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { decodeCursor, pageLimit, toPage } from '../../db/paging';
import { Params } from '../../db/sql';
import { badInput, conflict, isUuid, notFound, requireId } from '../../errors';
import type { Deadlines } from '../requests/deadlines';
import { visibleRequests } from '../requests/request-visibility';
import {
  DestructionMethod,
  DUE_WITHIN_DAYS,
  PaperRecordKind,
  PaperRecordState,
  type PaperCustodian,
  type PaperDestruction,
  type PaperRecord,
  type PaperRecordChanges,
  type PaperRecordInput,
  type PaperRecordPage,
} from './paper-record.model';
import {
  acknowledgedUsers,
  countRecords,
  customerIdByNumber,
  heldRecordsOfCustomer,
  insertRecord,
  pageOfRecords,
  recordById,
  recordDestruction,
  requestByNumber,
  updateRecord,
  userForCustody,
  type CustodianCandidateRow,
  type PaperRecordRow,
  type PaperRecordValues,
} from './paper-records.repository';
import { isRole, type Role } from '@rekisteri/schema';

/** The input's names, by the permission table's field names. */
const INPUT_FIELDS: Record<keyof PaperRecordInput, string> = {
  kind: 'kind',
  description: 'description',
  location: 'location',
  custodianId: 'custodian',
  customerNumber: 'customer',
  requestNumber: 'request',
  receivedOn: 'receivedOn',
  destroyBy: 'destroyBy',
};

const WHO = 'Only designated staff handle paper material.';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^\d{1,15}$/;

const person = (id: string, username: string, displayName: string): PaperCustodian => ({ id, username, displayName });

/**
 * P11: the register of manual material. Each paper (a signed request, a contract, an order form) is recorded with the
 * locked storage it is kept in after first processing, its custodian (designated staff: a role the permission table
 * lets handle paper material, and the current confidentiality commitment acknowledged), the customer or request it
 * belongs to, and the day it is to be destroyed by; its destruction is recorded once and is then final (the database
 * refuses any change). Everyone else is refused (FORBIDDEN), and sees nothing of it on a request.
 */
export class PaperRecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    private readonly confidentialityVersion: string,
  ) {}

  private today(): string {
    return this.deadlines.today(this.clock.now());
  }

  private toRecord(r: PaperRecordRow, today = this.today()): PaperRecord {
    const destroyed = r.destroyed_at != null;
    return {
      id: r.id,
      kind: r.kind as PaperRecordKind,
      description: r.description,
      location: r.location,
      custodian: person(r.custodian_id, r.custodian_username, r.custodian_name),
      customerId: r.customer_id,
      customerNumber: r.customer_number,
      requestId: r.request_id,
      requestNumber: r.request_number,
      receivedOn: r.received_on,
      destroyBy: r.destroy_by,
      overdue: !destroyed && r.destroy_by < today,
      destroyed,
      destroyedAt: r.destroyed_at,
      destroyedBy: r.destroyed_by ? person(r.destroyed_by, r.destroyed_by_username ?? '', r.destroyed_by_name ?? '') : null,
      destructionMethod: r.destruction_method as DestructionMethod | null,
      destructionNote: r.destruction_note,
      recordedAt: r.recorded_at,
      recordedBy: person(r.recorded_by, r.recorded_by_username, r.recorded_by_name),
      updatedAt: r.updated_at,
      version: r.version,
    };
  }

  /** A page of the records the actor may see, by destroy-by date; anyone who may not see paper material is refused. */
  async list(actor: Actor, filter: { state?: PaperRecordState | null; first: number; after?: string | null }): Promise<PaperRecordPage> {
    requireRight(actor, 'read', 'PaperRecord', WHO);
    const params = new Params();
    const today = this.today();
    const parts = [visibleWhere(actor, 'PaperRecord', params, 'p')];
    const state = filter.state ?? PaperRecordState.ALL;
    if (state === PaperRecordState.DUE) {
      parts.push(`p.destroyed_at IS NULL AND p.destroy_by <= (${params.bind(today)}::date + ${DUE_WITHIN_DAYS})`);
    } else if (state === PaperRecordState.HELD) {
      parts.push('p.destroyed_at IS NULL');
    } else if (state === PaperRecordState.DESTROYED) {
      parts.push('p.destroyed_at IS NOT NULL');
    }
    const where = parts.join(' AND ');
    const limit = pageLimit(filter.first);
    const after = afterKey(filter.after);
    if (parts[0] === 'FALSE') return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0, totalCountCapped: false };
    const [rows, count] = await Promise.all([pageOfRecords(this.db, where, params.values, after, limit), countRecords(this.db, where, params.values)]);
    const page = toPage(
      rows.map((r) => this.toRecord(r, today)),
      limit,
      (r) => `${r.destroyBy}|${r.id}`,
    );
    return { ...page, totalCount: count.count, totalCountCapped: count.capped };
  }

  /** One record the actor may see; anyone who may not see paper material is refused. */
  async get(actor: Actor, id: string): Promise<PaperRecord> {
    requireRight(actor, 'read', 'PaperRecord', WHO);
    return this.toRecord(await this.visibleRow(this.db.manager, actor, id));
  }

  /** P11, P10: the paper still kept about a customer (theirs, or their requests' originals), for their erasure. */
  async heldForCustomer(actor: Actor, customerId: string | null): Promise<PaperRecord[]> {
    if (!customerId) return [];
    const params = new Params();
    const where = visibleWhere(actor, 'PaperRecord', params, 'p');
    if (where === 'FALSE') return [];
    const today = this.today();
    return (await heldRecordsOfCustomer(this.db, customerId, where, params.values)).map((r) => this.toRecord(r, today));
  }

  /** Staff who may be a paper's custodian: designated (their roles may handle paper) and bound by the current commitment. */
  async custodians(actor: Actor): Promise<PaperCustodian[]> {
    requireRight(actor, 'read', 'PaperRecord', WHO);
    const users = await acknowledgedUsers(this.db, this.confidentialityVersion);
    return users.filter((u) => this.designated(u)).map((u) => person(u.id, u.username, u.display_name));
  }

  async create(actor: Actor, input: PaperRecordInput): Promise<PaperRecord> {
    requireRight(actor, 'create', 'PaperRecord', WHO);
    assertWritable(actor, 'create', 'PaperRecord', null, givenFields(input));
    return this.db.transaction(async (tx) => {
      const values = await this.values(tx, actor, { ...input, custodianId: input.custodianId ?? actor.user.id });
      const id = await insertRecord(tx, values, actor.user.id, this.clock.now());
      await this.audit(tx, actor, 'PAPER_RECORD_RECORDED', id, values.customer_id, { kind: values.kind, requestId: values.request_id });
      return this.toRecord(await this.row(tx, id));
    });
  }

  /** Changes a record not yet destroyed, at its version: a stale version is CONFLICT, a destroyed record final. */
  async update(actor: Actor, id: string, version: number, changes: PaperRecordChanges): Promise<PaperRecord> {
    requireRight(actor, 'update', 'PaperRecord', WHO);
    return this.db.transaction(async (tx) => {
      const row = await this.visibleRow(tx, actor, id, true);
      if (row.destroyed_at) throw badInput('id', 'This paper was destroyed: its record is final.');
      assertWritable(actor, 'update', 'PaperRecord', { destroyed: false }, givenFields(changes));
      if (row.version !== version) throw stale();
      const merged: PaperRecordInput = {
        kind: changes.kind ?? (row.kind as PaperRecordKind),
        description: changes.description ?? row.description,
        location: changes.location ?? row.location,
        custodianId: changes.custodianId ?? row.custodian_id,
        customerNumber: changes.customerNumber !== undefined ? changes.customerNumber : row.customer_number,
        requestNumber: changes.requestNumber !== undefined ? changes.requestNumber : row.request_number,
        receivedOn: changes.receivedOn ?? row.received_on,
        destroyBy: changes.destroyBy ?? row.destroy_by,
      };
      const values = await this.values(tx, actor, merged);
      if (!(await updateRecord(tx, row.id, version, values, this.clock.now()))) throw stale();
      const changed = (Object.keys(changes) as Array<keyof PaperRecordInput>).filter((k) => changes[k] !== undefined).map((k) => INPUT_FIELDS[k]);
      await this.audit(tx, actor, 'PAPER_RECORD_UPDATED', row.id, values.customer_id, { fields: changed });
      return this.toRecord(await this.row(tx, row.id));
    });
  }

  /** Records the paper's destruction: when, by whom (the actor) and how. Final: the record cannot change after it. */
  async destroy(actor: Actor, id: string, version: number, destruction: PaperDestruction): Promise<PaperRecord> {
    requireRight(actor, 'erase', 'PaperRecord', WHO);
    if (!Object.values(DestructionMethod).includes(destruction.method)) throw badInput('method', 'Say how the paper was destroyed.');
    const now = this.clock.now();
    const at = destruction.destroyedAt ? new Date(destruction.destroyedAt) : now;
    if (Number.isNaN(at.getTime())) throw badInput('destroyedAt', 'Give a valid date and time of destruction.');
    if (at.getTime() > now.getTime() + 60_000) throw badInput('destroyedAt', 'A paper cannot be destroyed in the future.');
    const note = destruction.note?.trim() || null;
    if (note && note.length > 1000) throw badInput('note', 'The note is at most 1000 characters.');
    return this.db.transaction(async (tx) => {
      const row = await this.visibleRow(tx, actor, id, true);
      if (row.destroyed_at) throw badInput('id', 'This paper was destroyed already: its record is final.');
      requireRight(actor, 'erase', 'PaperRecord', WHO, { destroyed: false });
      if (row.version !== version) throw stale();
      if (this.deadlines.dateOf(at) < row.received_on) throw badInput('destroyedAt', 'A paper cannot be destroyed before it was received.');
      if (!(await recordDestruction(tx, row.id, version, { at, by: actor.user.id, method: destruction.method, note }, now))) throw stale();
      await this.audit(tx, actor, 'PAPER_RECORD_DESTROYED', row.id, row.customer_id, { method: destruction.method, destroyedAt: at.toISOString() });
      return this.toRecord(await this.row(tx, row.id));
    });
  }

  /** Checks the input and resolves its references; every reference must be one the actor may see. */
  private async values(tx: EntityManager, actor: Actor, input: PaperRecordInput): Promise<PaperRecordValues> {
    if (!Object.values(PaperRecordKind).includes(input.kind)) throw badInput('kind', 'Say what kind of paper it is.');
    const description = input.description?.trim() ?? '';
    if (!description) throw badInput('description', 'Describe the paper.');
    if (description.length > 1000) throw badInput('description', 'The description is at most 1000 characters.');
    const location = input.location?.trim() ?? '';
    if (!location) throw badInput('location', 'Say in which locked storage the paper is kept.');
    if (location.length > 300) throw badInput('location', 'The location is at most 300 characters.');
    const receivedOn = checkDate(input.receivedOn, 'receivedOn', 'Give the date the paper was received.');
    if (receivedOn > this.today()) throw badInput('receivedOn', 'A paper cannot be received in the future.');
    const destroyBy = checkDate(input.destroyBy, 'destroyBy', 'Give the date by which the paper is destroyed.');
    if (destroyBy < receivedOn) throw badInput('destroyBy', 'The paper cannot be destroyed before it was received.');
    const custodianId = requireId(input.custodianId, 'custodianId', 'member of staff');
    const custodian = await userForCustody(tx, custodianId);
    if (!custodian) throw badInput('custodianId', 'No such member of staff.');
    if (!this.designated(custodian)) {
      throw badInput('custodianId', 'The custodian must be designated staff who acknowledged the current confidentiality commitment.');
    }
    let customerId: string | null = null;
    const customerNumber = input.customerNumber?.trim() || null;
    if (customerNumber) {
      if (!NUMBER.test(customerNumber)) throw badInput('customerNumber', 'A customer number is digits only.');
      const params = new Params();
      customerId = await customerIdByNumber(tx, customerNumber, visibleWhere(actor, 'Customer', params, 'c'), params.values);
      if (!customerId) throw badInput('customerNumber', 'No customer has this number.');
    }
    let requestId: string | null = null;
    const requestNumber = input.requestNumber?.trim() || null;
    if (requestNumber) {
      if (!NUMBER.test(requestNumber)) throw badInput('requestNumber', 'A request number is digits only.');
      const where = visibleRequests(actor);
      const request = await requestByNumber(tx, requestNumber, where.toString(), where.params);
      if (!request) throw badInput('requestNumber', 'No request has this number.');
      if (customerId && request.customer_id && request.customer_id !== customerId) {
        throw badInput('requestNumber', 'This request is about another customer.');
      }
      requestId = request.id;
      customerId ??= request.customer_id;
    }
    return {
      kind: input.kind,
      description,
      location,
      custodian_id: custodian.id,
      customer_id: customerId,
      request_id: requestId,
      received_on: receivedOn,
      destroy_by: destroyBy,
    };
  }

  /** Designated: the permission table lets their roles handle paper, and they acknowledged the current commitment (P11, P12). */
  private designated(user: CustodianCandidateRow): boolean {
    if (user.confidentiality_accepted_version !== this.confidentialityVersion) return false;
    const roles = user.roles.filter(isRole) as Role[];
    const them = actorOf(
      {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        roles,
        partnerId: null,
        mustChangePassword: false,
        confidentialityAcceptedVersion: user.confidentiality_accepted_version,
      },
      'custody',
    );
    return allows(them, 'update', 'PaperRecord', { destroyed: false });
  }

  private async visibleRow(tx: EntityManager, actor: Actor, id: string, lock = false): Promise<PaperRecordRow> {
    if (!isUuid(id)) throw notFound('Paper record');
    const params = new Params();
    const where = visibleWhere(actor, 'PaperRecord', params, 'p');
    const row = where === 'FALSE' ? null : await recordById(tx, id, where, params.values, lock);
    if (!row) throw notFound('Paper record');
    return row;
  }

  private async row(tx: EntityManager, id: string): Promise<PaperRecordRow> {
    const row = await recordById(tx, id);
    if (!row) throw notFound('Paper record');
    return row;
  }

  private async audit(tx: EntityManager, actor: Actor, action: AuditAction, id: string, customerId: string | null, detail: Record<string, unknown>) {
    await recordAuditEvents(tx, [{ action, actorId: actor.user.id, actorUsername: actor.user.username, customerId, detail: { paperRecordId: id, ...detail } }]);
  }
}

function givenFields(input: PaperRecordChanges): string[] {
  return (Object.keys(INPUT_FIELDS) as Array<keyof PaperRecordInput>).filter((k) => input[k] !== undefined).map((k) => INPUT_FIELDS[k]);
}

function checkDate(value: string | null | undefined, field: string, message: string): string {
  if (!value || !DATE.test(value) || Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) throw badInput(field, message);
  return value;
}

function afterKey(cursor: string | null | undefined): { destroyBy: string; id: string } | null {
  const value = decodeCursor(cursor);
  if (!value) return null;
  const [destroyBy, id] = value.split('|');
  if (!DATE.test(destroyBy ?? '') || !isUuid(id)) throw badInput('after', 'This cursor is not one of this list.');
  return { destroyBy, id };
}

const stale = () => conflict('This paper record was changed meanwhile; reload it.', { field: 'version' });
