import { CUSTOMER_UPDATABLE_FIELDS, permittedFieldsOf, subject } from '@rekisteri/schema';
import { isEmail, isISO31661Alpha2 } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import type { FieldMask } from '../../auth/field-mask';
import { visibleWhere } from '../../auth/authorize';
import { Params } from '../../db/sql';
import { appError, badInput, conflict, forbidden, notFound } from '../../errors';
import { encodeCursor, MAX_PAGE_SIZE, toPage } from '../../db/paging';
import type { ProvenanceService } from '../provenance/provenance.service';
import { STAFF_ENTRY } from '../provenance/provenance.service';
import type { ProvenanceInput } from '../provenance/provenance.type';
import type { Suppression } from '../prohibitions/suppression';
import { findPossibleDuplicates } from './customer-duplicates';
import { customerConditions, ORDERINGS, parseCursor } from './customer-search';
import {
  isValidBusinessId,
  normalisePhone,
  normalisePostalCode,
  optionalText,
  requireText,
} from './customer-validation';
import type { CreateCustomerInput, CustomerFilter, OrganisationInput, UpdateCustomerInput } from './customer.inputs';
import { CUSTOMER_FROM, CUSTOMER_SELECT, customerFromRow } from './customer.sql';
import { CustomerOrder, Language, type Customer, type CustomerConnection } from './customer.type';

type Field = keyof UpdateCustomerInput;
type Input = { [K in Field]?: unknown };

/** Column values of a write, after validation and normalisation. */
type Changes = Record<string, string | null>;

const COLUMN: Record<Field, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  organisation: 'organisation_id',
  email: 'email',
  phone: 'phone',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
  language: 'language',
  partner: 'partner_id',
};

export interface CustomerListArgs {
  first: number;
  after?: string | null;
  search?: string | null;
  filter?: CustomerFilter | null;
  orderBy?: CustomerOrder | null;
}

export interface WriteOptions {
  source?: ProvenanceInput | null;
  /** Proceed although other customers share the email or phone. */
  confirmDuplicates?: boolean;
  /** Run inside this transaction (e.g. a rectification decision), not a new one. */
  manager?: EntityManager;
}

export class CustomersService {
  constructor(
    private readonly db: DataSource,
    private readonly provenance: ProvenanceService,
    private readonly suppression: Suppression,
  ) {}

  /** A page of the customers the actor may see, searched and filtered only by fields they may read. */
  async list(actor: Actor, mask: FieldMask, args: CustomerListArgs): Promise<CustomerConnection> {
    if (!actor.ability.can('read', 'Customer')) throw forbidden('You may not read customers.');
    const limit = Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE);
    const orderBy = args.orderBy ?? CustomerOrder.CUSTOMER_NUMBER;
    const ordering = ORDERINGS[orderBy];
    const where = customerConditions(actor, mask, args.search, args.filter);
    const filter = where.toString();
    const filterParams = [...where.params];
    const cursor = parseCursor(args.after, orderBy);
    if (cursor) where.and(ordering.after(where, cursor));
    const limitParam = where.bind(limit + 1);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `${CUSTOMER_SELECT} WHERE ${where} ORDER BY ${ordering.orderBy} LIMIT ${limitParam}`,
      where.params,
    );
    const page = toPage(rows.map(customerFromRow), limit, (c) => JSON.stringify(ordering.cursorOf(c)));
    return {
      ...page,
      countVisible: async () => {
        const [{ count }] = await this.db.query(`SELECT count(*)::int AS count ${CUSTOMER_FROM} WHERE ${filter}`, filterParams);
        return count;
      },
    };
  }

  /** Customers the actor may see who share this email or phone (P6: one person, one record). */
  async possibleDuplicates(actor: Actor, email: string | null | undefined, phone: string | null | undefined, excludeId: string | null | undefined) {
    if (!actor.ability.can('read', 'Customer')) throw forbidden('You may not read customers.');
    const normalised = {
      email: email?.trim().toLowerCase() || null,
      phone: phone?.trim() ? safePhone(phone) : null,
    };
    return findPossibleDuplicates(this.db.manager, actor, normalised, excludeId ?? null);
  }

  /** Several customers by id in one statement; null where the actor may not see one (DataLoader). */
  async getMany(actor: Actor, ids: readonly string[]): Promise<Array<Customer | null>> {
    if (!actor.ability.can('read', 'Customer')) return ids.map(() => null);
    const params: unknown[] = [ids];
    const filter = visibleWhere(actor, 'Customer', new Params(params), 'c');
    const rows = await this.db.query(`${CUSTOMER_SELECT} WHERE c.id = ANY($1::uuid[]) AND ${filter}`, params);
    const byId = new Map<string, Customer>(rows.map((r: Record<string, unknown>) => [r.id as string, customerFromRow(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** One customer, if the actor may see it; otherwise it does not exist for them. */
  async get(actor: Actor, id: string, manager: EntityManager = this.db.manager): Promise<Customer> {
    if (!actor.ability.can('read', 'Customer')) throw forbidden('You may not read customers.');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Customer');
    const params: unknown[] = [id];
    const filter = visibleWhere(actor, 'Customer', new Params(params), 'c');
    const [row] = await manager.query(`${CUSTOMER_SELECT} WHERE c.id = $1 AND ${filter}`, params);
    if (!row) throw notFound('Customer');
    return customerFromRow(row);
  }

  async create(actor: Actor, input: CreateCustomerInput, options: WriteOptions = {}): Promise<Customer> {
    if (!actor.ability.can('create', 'Customer')) throw forbidden('You may not create customers.');
    const fields = providedFields(input);
    const allowed = permittedFieldsOf(actor.ability, 'create', 'Customer', {
      fieldsFrom: (rule) => rule.fields ?? [...CUSTOMER_UPDATABLE_FIELDS],
    });
    refuseFieldsOutside(fields, allowed, 'create');
    return this.db.transaction(async (tx) => {
      const values = await normalise(tx, input, fields, 'FI');
      values.first_name = requireText(input.firstName, 'firstName', 100);
      values.last_name = requireText(input.lastName, 'lastName', 100);
      await this.refuseUnconfirmedDuplicates(tx, actor, values, null, options);
      const source = options.source ?? STAFF_ENTRY;
      values.source = source.source;
      const columns = Object.keys(values);
      const [{ id }] = await tx.query(
        `INSERT INTO customers (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        columns.map((c) => values[c]),
      );
      const created = await this.get(actor, id, tx).catch(() => this.getUnfiltered(tx, id));
      await this.provenance.record(tx, actor, id, fields.filter((f) => f !== 'partner'), source);
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
   * Applies the fields given, if the actor may change every one of them and nobody has changed
   * the record since `version` was read; otherwise nothing changes.
   */
  async update(actor: Actor, id: string, version: number, input: UpdateCustomerInput, options: WriteOptions = {}): Promise<Customer> {
    const current = await this.get(actor, id, options.manager);
    const fields = providedFields(input);
    const allowed = permittedFieldsOf(actor.ability, 'update', subject('Customer', { ...current } as Record<string, unknown>), {
      fieldsFrom: (rule) => rule.fields ?? [...CUSTOMER_UPDATABLE_FIELDS],
    });
    if (allowed.length === 0) throw forbidden('You may not change customers.');
    refuseFieldsOutside(fields, allowed, 'change');
    if (fields.length === 0) throw badInput('input', 'Nothing to change.');

    const inTransaction = <T>(work: (tx: EntityManager) => Promise<T>) =>
      options.manager ? work(options.manager) : this.db.transaction(work);
    return inTransaction(async (tx) => {
      const values = await normalise(tx, input, fields, input.country?.toUpperCase() ?? current.country);
      await this.refuseUnconfirmedDuplicates(tx, actor, values, id, options);
      const columns = Object.keys(values);
      const params: unknown[] = columns.map((c) => values[c]);
      params.push(id, version);
      const assignments = columns.map((c, i) => `${c} = $${i + 1}`);
      const updated = await tx.query(
        `UPDATE customers SET ${assignments.join(', ')}, version = version + 1, updated_at = now()
          WHERE id = $${params.length - 1} AND version = $${params.length} RETURNING id`,
        params,
      );
      if (updated[0].length === 0) {
        const [{ version: currentVersion }] = await tx.query(`SELECT version FROM customers WHERE id = $1`, [id]);
        throw conflict('Someone else changed this customer after you opened it. Reload to see their changes.', {
          currentVersion,
        });
      }
      const after = await this.getUnfiltered(tx, id);
      const changes = Object.fromEntries(
        fields
          .map((f) => [f, { before: displayValue(current, f), after: displayValue(after, f) }] as const)
          .filter(([, v]) => JSON.stringify(v.before) !== JSON.stringify(v.after)),
      );
      const source = options.source ?? STAFF_ENTRY;
      // P7: a change records the new source; the history stays.
      await this.provenance.record(tx, actor, id, Object.keys(changes).filter((f) => f !== 'partner'), source);
      await this.reinstateSuppressed(tx, actor, id, values);
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: id,
          fields: Object.keys(changes),
          changes,
          detail: { source: source.source, sourceDetail: source.detail ?? null },
        },
      ]);
      return after;
    });
  }

  /** P15, P17: an erased person's "no" comes back with their email or phone, so an import cannot undo it. */
  private async reinstateSuppressed(tx: EntityManager, actor: Actor, customerId: string, values: Changes): Promise<void> {
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
    values: Changes,
    excludeId: string | null,
    options: WriteOptions,
  ): Promise<void> {
    if (options.confirmDuplicates) return;
    if (!values.email && !values.phone) return;
    const duplicates = await findPossibleDuplicates(tx, actor, { email: values.email, phone: values.phone }, excludeId);
    if (duplicates.length > 0) {
      throw appError('POSSIBLE_DUPLICATE', 'Another customer has the same email or phone. Check them, then confirm to proceed.', {
        field: values.email && duplicates.some((d) => d.email === values.email) ? 'email' : 'phone',
        possibleDuplicateIds: duplicates.map((d) => d.id),
      });
    }
  }

  private async getUnfiltered(manager: EntityManager, id: string): Promise<Customer> {
    const [row] = await manager.query(`${CUSTOMER_SELECT} WHERE c.id = $1`, [id]);
    return customerFromRow(row);
  }
}

function providedFields(input: Input): Field[] {
  return (Object.keys(COLUMN) as Field[]).filter((f) => input[f] !== undefined);
}

function refuseFieldsOutside(fields: string[], allowed: string[], verb: string): void {
  const refused = fields.find((f) => !allowed.includes(f));
  if (refused) throw forbidden(`You may not ${verb} the field ${refused}.`, refused);
}

function displayValue(customer: Customer, field: Field): unknown {
  if (field === 'organisation') return customer.organisation?.name ?? null;
  if (field === 'partner') return customer.partner?.name ?? null;
  return customer[field as keyof Customer] ?? null;
}

/** Validates and normalises the given fields into column values; bad input changes nothing. */
export const normaliseCustomerValues = (tx: EntityManager, input: Input, fields: Field[] | string[], country: string) =>
  normalise(tx, input, fields as Field[], country);

async function normalise(tx: EntityManager, input: Input, fields: Field[], country: string): Promise<Changes> {
  const values: Changes = {};
  for (const field of fields) {
    const raw = input[field];
    const column = COLUMN[field];
    switch (field) {
      case 'firstName':
      case 'lastName':
        values[column] = requireText(raw as string | null, field, 100);
        break;
      case 'email': {
        // Checked here too, not only on the GraphQL input: rectification applies values through this path.
        const email = optionalText(raw as string | null, field)?.toLowerCase() ?? null;
        if (email && !isEmail(email)) throw badInput(field, 'email is not a valid email address');
        values[column] = email;
        break;
      }
      case 'phone': {
        const text = optionalText(raw as string | null, field);
        values[column] = text ? normalisePhone(text) : null;
        break;
      }
      case 'postalCode': {
        const text = optionalText(raw as string | null, field, 10);
        values[column] = text ? normalisePostalCode(text, country) : null;
        break;
      }
      case 'street':
      case 'city':
        values[column] = optionalText(raw as string | null, field);
        break;
      case 'country': {
        const code = requireText(raw as string | null, field, 2).toUpperCase();
        if (!isISO31661Alpha2(code)) throw badInput(field, 'country must be an ISO 3166-1 alpha-2 code, e.g. FI');
        values[column] = code;
        break;
      }
      case 'language':
        if (raw === null) throw badInput(field, 'language must not be empty.');
        if (!(Object.values(Language) as unknown[]).includes(raw)) throw badInput(field, `language must be one of ${Object.values(Language).join(', ')}`);
        values[column] = raw as string;
        break;
      case 'organisation':
        values[column] = raw ? await organisationId(tx, raw as OrganisationInput) : null;
        break;
      case 'partner':
        values[column] = raw ? await partnerId(tx, raw as string) : null;
        break;
    }
  }
  return values;
}

async function organisationId(tx: EntityManager, input: OrganisationInput): Promise<string> {
  const name = requireText(input.name, 'organisation.name');
  const businessId = optionalText(input.businessId, 'organisation.businessId', 9);
  if (businessId && !isValidBusinessId(businessId)) {
    throw badInput('organisation.businessId', `'${businessId}' is not a valid business ID (check digit).`);
  }
  const [existing] = businessId
    ? await tx.query(`SELECT id FROM organisations WHERE business_id = $1`, [businessId])
    : await tx.query(`SELECT id FROM organisations WHERE business_id IS NULL AND lower(name) = lower($1) LIMIT 1`, [name]);
  if (existing) return existing.id;
  const [created] = await tx.query(`INSERT INTO organisations (name, business_id) VALUES ($1, $2) RETURNING id`, [name, businessId]);
  return created.id;
}

function safePhone(value: string): string | null {
  try {
    return normalisePhone(value);
  } catch {
    return null;
  }
}

async function partnerId(tx: EntityManager, id: string): Promise<string> {
  const [row] = /^[0-9a-f-]{36}$/i.test(id) ? await tx.query(`SELECT id FROM partners WHERE id = $1`, [id]) : [];
  if (!row) throw badInput('partner', 'No such partner firm.');
  return row.id;
}
