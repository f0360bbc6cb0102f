import { INVOICE_UPDATABLE_FIELDS, permittedFieldsOf, subject } from '@rekisteri/schema';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { visibleWhere, visibleWithCustomerWhere } from '../../auth/authorize';
import { Params } from '../../db/sql';
import { badInput, conflict, forbidden, isUuid, notFound } from '../../errors';
import { childPages, type ChildPageKey } from '../../db/paging';
import { decodeCursor, toPage } from '../../db/paging';
import type { OrdersService } from '../orders/orders.service';
import type { CreateInvoiceInput, UpdateInvoiceInput } from './invoice.inputs';
import { InvoiceStatus, type Invoice, type InvoiceConnection } from './invoice.type';


const COLUMNS = `i.id, i.invoice_number, i.order_id, i.customer_id, to_char(i.issued_at, 'YYYY-MM-DD') AS issued_at,
  to_char(i.due_at, 'YYYY-MM-DD') AS due_at, i.amount_cents, i.status, i.paid_at, i.collection_agency, i.version, i.created_at, i.updated_at`;

function invoiceFromRow(row: Record<string, any>): Invoice {
  return {
    id: row.id,
    invoiceNumber: String(row.invoice_number),
    orderId: row.order_id,
    customerId: row.customer_id,
    issuedAt: row.issued_at,
    dueAt: row.due_at,
    amountCents: Number(row.amount_cents),
    status: row.status,
    paidAt: row.paid_at,
    collectionAgency: row.collection_agency,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const invoiceCursor = (i: Invoice) => `${i.issuedAt}|${i.id}`;

/** Which status may follow which. A paid invoice can still be credited (a refund). */
const NEXT: Record<InvoiceStatus, InvoiceStatus[]> = {
  OPEN: [InvoiceStatus.PAID, InvoiceStatus.IN_COLLECTION, InvoiceStatus.CREDITED],
  IN_COLLECTION: [InvoiceStatus.PAID, InvoiceStatus.CREDITED],
  PAID: [InvoiceStatus.CREDITED],
  CREDITED: [],
};

export type InvoicePageKey = ChildPageKey;

export class InvoicesService {
  private readonly statusListeners: Array<(customerId: string) => Promise<void>> = [];

  constructor(
    private readonly db: DataSource,
    private readonly orders: OrdersService,
  ) {}

  /** Called after an invoice's status changed and was committed (e.g. a paid invoice lets a held erasure finish). */
  onStatusChange(listener: (customerId: string) => Promise<void>): void {
    this.statusListeners.push(listener);
  }

  private visible(actor: Actor, params: unknown[]): string {
    return visibleWithCustomerWhere(actor, 'Invoice', new Params(params), 'i', 'i.customer_id');
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.db.manager): Promise<Invoice> {
    if (!actor.ability.can('read', 'Invoice')) throw forbidden('You may not read invoices.');
    if (!isUuid(id)) throw notFound('Invoice');
    const params: unknown[] = [id];
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM invoices i WHERE i.id = $1 AND ${this.visible(actor, params)}`, params);
    if (!row) throw notFound('Invoice');
    return invoiceFromRow(row);
  }

  async forOrders(actor: Actor, orderIds: readonly string[]): Promise<Invoice[][]> {
    if (!actor.ability.can('read', 'Invoice')) return orderIds.map(() => []);
    const params: unknown[] = [orderIds];
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM invoices i WHERE i.order_id = ANY($1) AND ${this.visible(actor, params)} ORDER BY i.issued_at, i.id`,
      params,
    );
    const invoices = rows.map(invoiceFromRow);
    return orderIds.map((id) => invoices.filter((i: Invoice) => i.orderId === id));
  }

  /** Newest-first pages of several customers' invoices in one statement (DataLoader). */
  async pagesForCustomers(actor: Actor, keys: readonly InvoicePageKey[]): Promise<InvoiceConnection[]> {
    if (!actor.ability.can('read', 'Invoice')) return keys.map(() => toPage<Invoice>([], 0, invoiceCursor));
    return childPages(
      keys,
      async (customerIds, limit, after) => {
        const params: unknown[] = [customerIds, limit + 1];
        let keyset = '';
        const cursor = decodeCursor(after);
        if (cursor) {
          const [issued, id] = cursor.split('|');
          if (!id || !/^\d{4}-\d{2}-\d{2}$/.test(issued) || !isUuid(id)) throw badInput('after', 'The cursor is not valid.');
          params.push(issued, id);
          keyset = `AND (i.issued_at, i.id) < ($3::date, $4)`;
        }
        const filter = this.visible(actor, params);
        const rows = await this.db.query(
          `SELECT page.* FROM unnest($1::uuid[]) AS k(customer_id)
             CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM invoices i
                WHERE i.customer_id = k.customer_id ${keyset} AND ${filter}
                ORDER BY i.issued_at DESC, i.id DESC LIMIT $2) page`,
          params,
        );
        return rows.map(invoiceFromRow);
      },
      (invoice) => invoice.customerId,
      invoiceCursor,
    );
  }

  /** The amount is the order's total; an archived or cancelled order is not invoiced. */
  async create(actor: Actor, input: CreateInvoiceInput): Promise<Invoice> {
    if (!actor.ability.can('create', 'Invoice')) throw forbidden('You may not create invoices.');
    const order = await this.orders.get(actor, input.orderId).catch(() => {
      throw badInput('orderId', 'No such order.');
    });
    if (order.archived) throw forbidden(`Order ${order.orderNumber} is archived and kept read-only.`);
    if (order.status === 'CANCELLED') throw badInput('orderId', 'A cancelled order is not invoiced.');
    return this.db.transaction(async (tx) => {
      // P10: a customer whose erasure is decided gets no new invoices; held ones finish as they are.
      const [customer] = await tx.query(`SELECT pending_erasure, anonymised_at FROM customers WHERE id = $1 FOR SHARE`, [order.customerId]);
      if (customer.pending_erasure || customer.anonymised_at) {
        throw badInput('orderId', 'This customer has asked to be erased; no new invoices are made for them.');
      }
      const [{ today }] = await tx.query(`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`);
      const issuedAt = input.issuedAt ?? today;
      const [{ due }] = await tx.query(`SELECT to_char($1::date + 14, 'YYYY-MM-DD') AS due`, [issuedAt]);
      const dueAt = input.dueAt ?? due;
      if (dueAt < issuedAt) throw badInput('dueAt', 'The due date cannot be before the issue date.');
      const [{ id }] = await tx.query(
        `INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [order.id, order.customerId, issuedAt, dueAt, order.grossCents],
      );
      const invoice = await this.get(actor, id, tx);
      await recordAuditEvents(tx, [
        {
          action: 'INVOICE_CREATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: order.customerId,
          detail: { invoiceId: id, invoiceNumber: invoice.invoiceNumber, orderNumber: order.orderNumber, amountCents: invoice.amountCents },
        },
      ]);
      return invoice;
    });
  }

  async update(actor: Actor, id: string, version: number, input: UpdateInvoiceInput): Promise<Invoice> {
    const current = await this.get(actor, id);
    const fields = INVOICE_UPDATABLE_FIELDS.filter((f) => input[f] !== undefined);
    const allowed = permittedFieldsOf(actor.ability, 'update', subject('Invoice', { ...current } as Record<string, unknown>), {
      fieldsFrom: (rule) => rule.fields ?? [...INVOICE_UPDATABLE_FIELDS],
    });
    if (allowed.length === 0) throw forbidden('You may not change invoices.');
    const refused = fields.find((f) => !allowed.includes(f));
    if (refused) throw forbidden(`You may not change the field ${refused}.`, refused);
    if (fields.length === 0) throw badInput('input', 'Nothing to change.');

    const status = input.status ?? current.status;
    if (input.status === null) throw badInput('status', 'status must not be empty.');
    if (status !== current.status && !NEXT[current.status].includes(status)) {
      throw badInput('status', `An invoice that is ${current.status} cannot become ${status}.`);
    }
    const paidAt = status === InvoiceStatus.PAID ? (input.paidAt ?? current.paidAt ?? new Date()) : null;
    if (input.paidAt && status !== InvoiceStatus.PAID && status !== InvoiceStatus.CREDITED) {
      throw badInput('paidAt', 'Only a paid invoice has a payment date.');
    }
    const agency = input.collectionAgency !== undefined ? input.collectionAgency?.trim() || null : current.collectionAgency;
    if (status === InvoiceStatus.IN_COLLECTION && !agency) {
      throw badInput('collectionAgency', 'Name the collection agency the invoice goes to.');
    }
    const dueAt = input.dueAt ?? current.dueAt;
    if (dueAt < current.issuedAt) throw badInput('dueAt', 'The due date cannot be before the issue date.');

    const updated = await this.db.transaction(async (tx) => {
      const [rows] = await tx.query(
        `UPDATE invoices SET status = $1, paid_at = $2, collection_agency = $3, due_at = $4, version = version + 1, updated_at = now()
          WHERE id = $5 AND version = $6 RETURNING id`,
        [status, status === InvoiceStatus.CREDITED ? current.paidAt : paidAt, agency, dueAt, id, version],
      );
      if (rows.length === 0) {
        const [{ version: currentVersion }] = await tx.query(`SELECT version FROM invoices WHERE id = $1`, [id]);
        throw conflict('Someone else changed this invoice after you opened it. Reload to see their changes.', { currentVersion });
      }
      const after = await this.get(actor, id, tx);
      const changed = (['status', 'dueAt', 'paidAt', 'collectionAgency'] as const).filter(
        (f) => JSON.stringify(current[f]) !== JSON.stringify(after[f]),
      );
      await recordAuditEvents(tx, [
        {
          action: 'INVOICE_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: current.customerId,
          fields: changed,
          changes: Object.fromEntries(changed.map((f) => [f, { before: current[f], after: after[f] }])),
          detail: { invoiceId: id, invoiceNumber: current.invoiceNumber },
        },
      ]);
      return after;
    });
    if (updated.status !== current.status) {
      for (const listener of this.statusListeners) await listener(current.customerId);
    }
    return updated;
  }
}
