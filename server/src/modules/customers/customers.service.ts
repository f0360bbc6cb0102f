import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Consultation } from '../../audit/audit.repository';
import type { Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import { COUNT_CAP, type CappedCount } from '../../db/capped-count';
import { pageLimit } from '../../db/paging';
import { readReplica, whereCopy } from '../../db/replicas';
import { Where, type Db } from '../../db/sql';
import { appError, badInput, conflict, isUuid, notFound } from '../../errors';
import type { ProvenanceService } from '../provenance/provenance.service';
import { STAFF_ENTRY } from '../provenance/provenance.service';
import type { Provenance } from '../provenance/provenance.model';
import { deliveringFirmOf, writeSourceOf } from '../provenance/subcontractor';
import type { Suppression } from '../prohibitions/suppression';
import { findPossibleDuplicates } from './customer-duplicates';
import { customerConditions, keysetPage, ORDERINGS, pageCursor } from './customer-search';
import { normalisePhone, requireText } from './customer-validation';
import { keepPostalCodeValid, normaliseCustomerValues, providedFields, type CustomerField } from './customer-values';
import { alreadyMerged } from './merged-record';
import { reasonForEdit } from './restriction';
import { refusingUniqueViolations } from './unique-violations';
import {
  countCustomers,
  customerById,
  customerVersion,
  columnsFor,
  findCustomers,
  findCustomersConsulted,
  orderByOf,
  insertCustomer,
  isUpdateProhibited,
  lockContactKeys,
  updateCustomerAt,
  type CustomerColumns,
} from './customers.repository';
import {
  CustomerOrder,
  UPDATE_PROHIBITION_FIELDS,
  type Customer,
  type CustomerChanges,
  type CustomerFilter,
  type CustomerPage,
  type NewCustomer,
} from './customer.model';
import { DataSource as Source } from '../provenance/provenance.model';

export { normaliseCustomerValues } from './customer-values';

export interface CustomerListArgs {
  first: number;
  after?: string | null;
  /** The page before this cursor (the previous page); not with `after`. */
  before?: string | null;
  search?: string | null;
  filter?: CustomerFilter | null;
  orderBy?: CustomerOrder | null;
}

export interface WriteOptions {
  source?: Provenance | null;
  /** Proceed although other customers share the email or phone. */
  confirmDuplicates?: boolean;
  /** Run inside this transaction (e.g. a rectification decision), not a new one. */
  manager?: EntityManager;
  /** Why the change is made; required to change a restricted customer (GDPR 18), recorded in the audit trail. */
  reason?: string | null;
}

const READ_REFUSED = 'You may not read customers.';
/** P7: the sources outside the company whose updates a customer's update prohibition forbids. */
const OUTSIDE_SOURCES: ReadonlySet<string> = new Set([Source.ADDRESS_UPDATE_SERVICE, Source.RESELLER, Source.STORE_PURCHASE, Source.SUBCONTRACTOR]);

export class CustomersService {
  constructor(
    private readonly db: DataSource,
    private readonly provenance: ProvenanceService,
    private readonly suppression: Suppression,
  ) {}

  /**
   * A page of the customers the actor may see, searched and filtered only by fields they may read. `withCount`: the
   * caller will ask the count (`countVisible`), so a page read with its consultation log takes it in the same statement
   * when the page cannot tell it (one round trip, not two).
   */
  async list(
    actor: Actor,
    args: CustomerListArgs,
    consultation?: Consultation,
    fields?: ReadonlySet<string>,
    options: { withCount?: boolean } = {},
  ): Promise<CustomerPage> {
    requireRight(actor, 'read', 'Customer', READ_REFUSED);
    const limit = pageLimit(args.first);
    const orderBy = args.orderBy ?? CustomerOrder.CUSTOMER_NUMBER;
    const ordering = ORDERINGS[orderBy];
    const where = customerConditions(actor, args.search, args.filter);
    // The count takes the list's condition before the cursor narrows it.
    const filter = where.toString();
    const filterParams = [...where.params];
    const { cursor, backwards } = pageCursor(args, orderBy);
    if (cursor) where.and(backwards ? ordering.before(where, cursor) : ordering.after(where, cursor));
    // The list and its count may read from a replica (db/replicas.ts); the page read's audit is written on the primary.
    const sort = backwards ? ordering.reverseSort : ordering.sort;
    // On the primary, the consultation log of the fields every row will show is written by the read itself
    // (one round trip; the read and its record commit together). A replica cannot write: the log follows the response.
    let logged = false;
    let counted: CappedCount | undefined;
    // Only the columns of the fields the page shows (and its cursor's) are read.
    const columns = columnsFor(fields, [ordering.columns]);
    const pageCount = options.withCount ? { filter, always: Boolean(cursor) } : undefined;
    // A page without a search term runs the same few statements for everyone: kept prepared (db/sql.ts). A search is
    // not: once PostgreSQL settles on a generic plan for a prepared statement it keeps it, and a search's best plan
    // hangs on its pattern (preparing searches saved 0.25 ms of PostgreSQL's CPU each, measured; not taken).
    const prepare = !args.search?.trim();
    const rows = await readReplica(this.db, (db) => {
      logged = db === this.db && consultation !== undefined && consultation.fields.length > 0;
      if (!logged) return findCustomers(db, whereCopy(where), orderByOf(sort), limit + 1, { prepare, columns });
      return findCustomersConsulted(db, whereCopy(where), sort, limit + 1, limit, consultation!, { prepare, columns, count: pageCount }).then((read) => {
        counted = read.count;
        return read.customers;
      });
    });
    const page = keysetPage(rows, limit, ordering, backwards);
    const consulted = logged ? { customerIds: rows.slice(0, limit).map((c) => c.id), fields: consultation!.fields } : undefined;
    // A first page that holds every match is its own count: no second statement.
    let count: Promise<CappedCount> | undefined = counted
      ? Promise.resolve(counted)
      : !cursor && !page.pageInfo.hasNextPage && rows.length <= COUNT_CAP
        ? Promise.resolve({ count: rows.length, capped: false })
        : undefined;
    return { ...page, consulted, countVisible: () => (count ??= readReplica(this.db, (db) => countCustomers(db, filter, filterParams, { prepare }))) };
  }

  /** Customers the actor may see who share this email or phone (P6: one person, one record). */
  async possibleDuplicates(actor: Actor, email: string | null | undefined, phone: string | null | undefined, excludeId: string | null | undefined) {
    requireRight(actor, 'read', 'Customer', READ_REFUSED);
    const normalised = {
      email: email?.trim().toLowerCase() || null,
      phone: phone?.trim() ? safePhone(phone) : null,
    };
    return findPossibleDuplicates(this.db, actor, normalised, excludeId ?? null);
  }

  /** Several customers by id in one statement; null where the actor may not see one (DataLoader). */
  async getMany(actor: Actor, ids: readonly string[]): Promise<Array<Customer | null>> {
    if (!allows(actor, 'read', 'Customer')) return ids.map(() => null);
    const where = new Where();
    where.and(`c.id = ANY(${where.bind(ids.filter(isUuid))}::uuid[])`);
    where.and(visibleWhere(actor, 'Customer', where, 'c'));
    const byId = new Map((await findCustomers(this.db, where)).map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** One customer, if the actor may see it; otherwise it does not exist for them. */
  async get(actor: Actor, id: string, db: Db = this.db): Promise<Customer> {
    requireRight(actor, 'read', 'Customer', READ_REFUSED);
    // Ids reach here from GraphQL as UUIDs; anything else (from an older row or another path) names nothing.
    if (!isUuid(id)) throw notFound('Customer');
    const where = new Where();
    where.and(`c.id = ${where.bind(id)}`);
    where.and(visibleWhere(actor, 'Customer', where, 'c'));
    const [customer] = await findCustomers(db, where);
    if (!customer) throw notFound('Customer');
    return customer;
  }

  async create(actor: Actor, input: NewCustomer, options: WriteOptions = {}): Promise<Customer> {
    const fields = providedFields(input);
    assertWritable(actor, 'create', 'Customer', null, fields);
    return refusingUniqueViolations(() => this.createIn(actor, input, fields, options));
  }

  private createIn(actor: Actor, input: NewCustomer, fields: CustomerField[], options: WriteOptions): Promise<Customer> {
    // Inside the caller's transaction when given (an import's batch), else its own.
    const inTransaction = (work: (tx: EntityManager) => Promise<Customer>) => (options.manager ? work(options.manager) : this.db.transaction(work));
    return inTransaction(async (tx) => {
      // The postal code is checked against the country given, or Finland's where none is.
      const values = await normaliseCustomerValues(tx, input, fields, input.country?.trim().toUpperCase() || 'FI');
      values.first_name = requireText(input.firstName, 'firstName', 100);
      values.last_name = requireText(input.lastName, 'lastName', 100);
      await this.refuseUnconfirmedDuplicates(tx, actor, values, null, options);
      const source = writeSourceOf(actor, options.source, STAFF_ENTRY);
      values.source = source.source;
      const firm = deliveringFirmOf(actor);
      if (firm) values.partner_id = firm;
      const id = await insertCustomer(tx, values);
      // A creator who may not see the record (none today) still gets the record they made.
      const created = await this.get(actor, id, tx).catch(() => this.stored(tx, id));
      await this.provenance.record(
        tx,
        actor,
        id,
        fields.filter((f) => f !== 'partner'),
        source,
      );
      await this.reinstateSuppressed(tx, actor, id, values);
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_CREATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: id,
          fields,
          changes: Object.fromEntries(fields.map((f) => [f, { after: displayValue(created, f) }])),
          detail: { source: source.source, sourceDetail: source.detail ?? null },
        },
      ]);
      return created;
    });
  }

  /**
   * Applies the fields given, if the actor may change every one of them on this record and nobody
   * has changed the record since `version` was read; otherwise nothing changes.
   */
  async update(actor: Actor, id: string, version: number, input: CustomerChanges, options: WriteOptions = {}): Promise<Customer> {
    requireRight(actor, 'update', 'Customer', 'You may not change customers.');
    const current = await this.get(actor, id, options.manager);
    // P6: a merged record lives on in the customer it was merged into; it stays emptied, for the ledgers.
    if (current.mergedIntoId) throw await alreadyMerged(options.manager ?? this.db, actor, current.mergedIntoId);
    const fields = providedFields(input);
    // GDPR 18: a restricted record changes only by a privacy officer's hand, with a reason (a restriction
    // landing after this read bumps the version, so the update below conflicts).
    const reason = reasonForEdit(actor, current, options.reason);
    assertWritable(actor, 'update', 'Customer', { ...current }, fields);
    if (fields.length === 0) throw badInput('input', 'Nothing to change.');

    const inTransaction = <T>(work: (tx: EntityManager) => Promise<T>) =>
      refusingUniqueViolations(() => (options.manager ? work(options.manager) : this.db.transaction(work)));
    return inTransaction(async (tx) => {
      const source = writeSourceOf(actor, options.source, STAFF_ENTRY);
      // P7: the update prohibition holds against what outside sources deliver (an update service, a reseller's or a
      // store's list, a subcontractor's system); the customer's own notice and staff still change the name. Read with
      // the row locked, so a prohibition being recorded at the same time is waited for, not missed.
      const guarded = fields.filter((f) => UPDATE_PROHIBITION_FIELDS.includes(f));
      if (OUTSIDE_SOURCES.has(source.source) && guarded.length > 0 && (await isUpdateProhibited(tx, id))) {
        throw appError('FORBIDDEN', 'The customer forbade updates of their name and address from outside sources.', {
          field: guarded[0],
          reason: 'UPDATE_PROHIBITED',
        });
      }
      const values = await normaliseCustomerValues(tx, input, fields, input.country?.trim().toUpperCase() || current.country);
      const changed = [...fields, ...keepPostalCodeValid(values, fields, current)];
      await this.refuseUnconfirmedDuplicates(tx, actor, values, id, options);
      if ((await updateCustomerAt(tx, id, version, values)) === 0) {
        throw conflict('Someone else changed this customer after you opened it. Reload to see their changes.', {
          currentVersion: await customerVersion(tx, id),
        });
      }
      const after = await this.stored(tx, id);
      const changes = Object.fromEntries(
        changed
          .map((f) => [f, { before: displayValue(current, f), after: displayValue(after, f) }] as const)
          .filter(([, v]) => JSON.stringify(v.before) !== JSON.stringify(v.after)),
      );
      // P7: a change records the new source; the history stays.
      await this.provenance.record(
        tx,
        actor,
        id,
        Object.keys(changes).filter((f) => f !== 'partner'),
        source,
      );
      await this.reinstateSuppressed(tx, actor, id, values);
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: id,
          fields: Object.keys(changes),
          changes,
          detail: { source: source.source, sourceDetail: source.detail ?? null, ...(reason ? { reason, restricted: current.restricted } : {}) },
        },
      ]);
      return after;
    });
  }

  /** P15, P17: an erased person's "no" comes back with their email or phone, so an import cannot undo it. */
  private async reinstateSuppressed(tx: EntityManager, actor: Actor, customerId: string, values: CustomerColumns): Promise<void> {
    if (!values.email && !values.phone) return;
    const reinstated = await this.suppression.reinstate(tx, customerId, values.email, values.phone);
    if (reinstated.length === 0) return;
    await recordAuditEvents(tx, [
      {
        action: 'PROHIBITION_REINSTATED',
        actorId: actor.user.id,
        actorUsername: actor.user.username,
        customerId,
        detail: { prohibitions: reinstated },
      },
    ]);
  }

  /** A new email or phone that another customer has needs an explicit confirmation. */
  private async refuseUnconfirmedDuplicates(
    tx: EntityManager,
    actor: Actor,
    values: CustomerColumns,
    excludeId: string | null,
    options: WriteOptions,
  ): Promise<void> {
    if (options.confirmDuplicates) return;
    if (!values.email && !values.phone) return;
    // Concurrent writers of the same new email or phone take turns, so only the first goes unconfirmed.
    await lockContactKeys(tx, values);
    const duplicates = await findPossibleDuplicates(tx, actor, { email: values.email, phone: values.phone }, excludeId);
    if (duplicates.length > 0) {
      throw appError('POSSIBLE_DUPLICATE', 'Another customer has the same email or phone. Check them, then confirm to proceed.', {
        field: values.email && duplicates.some((d) => d.email === values.email) ? 'email' : 'phone',
        possibleDuplicateIds: duplicates.map((d) => d.id),
      });
    }
  }

  /** The record as stored, after a write the actor was allowed to make. */
  private async stored(tx: EntityManager, id: string): Promise<Customer> {
    const customer = await customerById(tx, id);
    if (!customer) throw notFound('Customer');
    return customer;
  }
}

function displayValue(customer: Customer, field: CustomerField): unknown {
  if (field === 'organisation') return customer.organisation?.name ?? null;
  if (field === 'partner') return customer.partner?.name ?? null;
  return customer[field] ?? null;
}

function safePhone(value: string): string | null {
  try {
    return normalisePhone(value);
  } catch {
    return null;
  }
}
