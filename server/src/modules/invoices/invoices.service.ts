import { TZDate } from '@date-fns/tz';
import { INVOICE_UPDATABLE_FIELDS } from '@rekisteri/schema';
import { addDays, format, parseISO } from 'date-fns';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWithCustomerWhere } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { childPages, toPage, type ChildPageKey, type Page } from '../../db/paging';
import type { Db } from '../../db/sql';
import { badInput, conflict, forbidden, isAppError, isUuid, notFound } from '../../errors';
import { lockLiveCustomer } from '../customers/merged-record';
import { reasonForEdit, refuseNewForRestricted, restrictionOfRow } from '../customers/restriction';
import type { Order } from '../orders/order.model';
import { keysetOf, type RowFilter } from '../orders/customer-pages';
import type { OrdersService } from '../orders/orders.service';
import { InvoiceStatus, type Invoice, type InvoiceChanges, type NewInvoice } from './invoice.model';
import {
  findInvoice,
  insertInvoice,
  invoicesOfCustomers,
  invoicesOfOrders,
  invoiceVersion,
  liveInvoiceOfOrder,
  lockInvoicedCustomer,
  updateInvoiceAt,
} from './invoices.repository';

const invoiceCursor = (i: Invoice) => `${i.issuedAt}|${i.id}`;
/** The issue date of a cursor is a real calendar date, as `invoiceCursor` wrote it (anything else never reaches the database). */
const isCursorDate = (date: string) => {
  const day = new Date(`${date}T00:00:00.000Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
};

/** Which status may follow which. A paid invoice can still be credited (a refund). */
const NEXT: Record<InvoiceStatus, InvoiceStatus[]> = {
  OPEN: [InvoiceStatus.PAID, InvoiceStatus.IN_COLLECTION, InvoiceStatus.CREDITED],
  IN_COLLECTION: [InvoiceStatus.PAID, InvoiceStatus.CREDITED],
  PAID: [InvoiceStatus.CREDITED],
  CREDITED: [],
};

/** What an invoice gets when the sale names no due date. */
const PAYMENT_TERM_DAYS = 14;

const CREATE_FIELDS = ['orderId', 'issuedAt', 'dueAt'] as const;

export type InvoicePageKey = ChildPageKey;

/** P1: an archived order, and every invoice drawn from it, is kept read-only. */
const archivedMessage = (order: Order) => `Order ${order.orderNumber} is archived: it was closed long ago and, with its invoices, is kept read-only.`;

/** P1: one live invoice per order; a new one only after the live one is credited. */
function oneLiveInvoice(order: Order, live: { invoice_number: string; status: InvoiceStatus } | undefined) {
  const which = live ? `invoice ${live.invoice_number} (${live.status})` : 'an invoice';
  return conflict(`Order ${order.orderNumber} already has ${which}. An order is invoiced once; credit that invoice before invoicing the order again.`, {
    liveInvoiceNumber: live ? String(live.invoice_number) : null,
  });
}

export class InvoicesService {
  private readonly statusListeners: Array<(customerId: string) => Promise<void>> = [];

  constructor(
    private readonly db: DataSource,
    private readonly orders: OrdersService,
    private readonly clock: Clock,
    /** The company's calendar (TIME_ZONE): an invoice is dated by the day there, not by the database server's. */
    private readonly timeZone: string,
  ) {}

  /** Called after an invoice's status changed and was committed (e.g. a paid invoice lets a held erasure finish). */
  onStatusChange(listener: (customerId: string) => Promise<void>): void {
    this.statusListeners.push(listener);
  }

  /** The gate's filter: invoices of customers the actor may not see stay out of reach. */
  private visible(actor: Actor): RowFilter {
    return (params, alias) => visibleWithCustomerWhere(actor, 'Invoice', params, alias, `${alias}.customer_id`);
  }

  /** Today on the company's calendar, by the server's clock. */
  private today(): string {
    return format(new TZDate(this.clock.now().getTime(), this.timeZone), 'yyyy-MM-dd');
  }

  async get(actor: Actor, id: string, db: Db = this.db): Promise<Invoice> {
    requireRight(actor, 'read', 'Invoice', 'You may not read invoices.');
    if (!isUuid(id)) throw notFound('Invoice');
    const invoice = await findInvoice(db, id, this.visible(actor));
    if (!invoice) throw notFound('Invoice');
    return invoice;
  }

  async forOrders(actor: Actor, orderIds: readonly string[]): Promise<Invoice[][]> {
    if (!allows(actor, 'read', 'Invoice')) return orderIds.map(() => []);
    const invoices = await invoicesOfOrders(this.db, orderIds, this.visible(actor));
    return orderIds.map((id) => invoices.filter((i) => i.orderId === id));
  }

  /** Newest-first pages of several customers' invoices in one statement (DataLoader). */
  async pagesForCustomers(actor: Actor, keys: readonly InvoicePageKey[]): Promise<Array<Page<Invoice>>> {
    if (!allows(actor, 'read', 'Invoice')) return keys.map(() => toPage<Invoice>([], 0, invoiceCursor));
    return childPages(
      keys,
      (customerIds, limit, after) => invoicesOfCustomers(this.db, customerIds, limit + 1, keysetOf(after, isCursorDate), this.visible(actor)),
      (invoice) => invoice.customerId,
      invoiceCursor,
    );
  }

  /**
   * The amount is the order's total; an archived or cancelled order is not invoiced, nor one that has
   * a live invoice (P1: one per order; see `liveInvoiceOfOrder`), nor a restricted customer's (P16).
   */
  async create(actor: Actor, input: NewInvoice): Promise<Invoice> {
    assertWritable(
      actor,
      'create',
      'Invoice',
      null,
      CREATE_FIELDS.filter((f) => input[f] !== undefined),
    );
    const issuedAt = input.issuedAt ?? this.today();
    const dueAt = input.dueAt ?? format(addDays(parseISO(issuedAt), PAYMENT_TERM_DAYS), 'yyyy-MM-dd');
    if (dueAt < issuedAt) throw badInput('dueAt', 'The due date cannot be before the issue date.');
    return this.db.transaction(async (tx) => {
      // The customer's row first, then the order's: a merge locks both customers before it moves their orders, so
      // taking them the other way round could wait on each other (a deadlock, never a CONFLICT). P6: the order of a
      // merged record (moved by a merge that committed since it was read) is refused, as every write to one is.
      const seen = await this.invoicedOrder(actor, input.orderId, tx, false);
      await lockLiveCustomer(tx, actor, seen.customerId, 'SHARE');
      // The order under a share lock: it is invoiced as it stands, and cannot be cancelled meanwhile.
      const order = await this.invoicedOrder(actor, input.orderId, tx);
      if (order.customerId !== seen.customerId) {
        throw conflict('This order moved to another customer meanwhile. Reload it and try again.', { field: 'orderId' });
      }
      if (order.archived) throw forbidden(archivedMessage(order));
      if (order.status === 'CANCELLED') throw badInput('orderId', 'A cancelled order is not invoiced.');
      // P10: a customer whose erasure is decided gets no new invoices; held ones finish as they are.
      const customer = await lockInvoicedCustomer(tx, order.customerId);
      if (customer.pending_erasure || customer.anonymised_at) {
        throw badInput('orderId', 'This customer has asked to be erased; no new invoices are made for them.');
      }
      // P16, GDPR 18: a restricted customer's data is kept, not processed further.
      refuseNewForRestricted(customer, 'invoices');
      const live = await liveInvoiceOfOrder(tx, order.id);
      if (live) throw oneLiveInvoice(order, live);
      const id = await insertInvoice(tx, {
        order_id: order.id,
        customer_id: order.customerId,
        issued_at: issuedAt,
        due_at: dueAt,
        amount_cents: order.grossCents,
      });
      // Another sale invoiced the order between the check and the insert: the database's index decided.
      if (!id) throw oneLiveInvoice(order, await liveInvoiceOfOrder(tx, order.id));
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

  /** The order to invoice, locked until `tx` ends (unless `lock` is false): one the actor cannot find is bad input naming `orderId`. */
  private async invoicedOrder(actor: Actor, orderId: string, tx: Db, lock = true): Promise<Order> {
    try {
      return await (lock ? this.orders.getForShare(actor, orderId, tx) : this.orders.get(actor, orderId, tx));
    } catch (error) {
      if (isAppError(error, 'NOT_FOUND')) throw badInput('orderId', 'No such order.');
      throw error;
    }
  }

  /**
   * P1: an invoice of an archived order is read-only, like the order. P16: a restricted customer's
   * invoice changes only by someone who may change a restricted customer, with a `reason`.
   */
  async update(actor: Actor, id: string, version: number, input: InvoiceChanges, reason?: string | null): Promise<Invoice> {
    requireRight(actor, 'update', 'Invoice', 'You may not change invoices.');
    const current = await this.get(actor, id);
    const fields = INVOICE_UPDATABLE_FIELDS.filter((f) => input[f] !== undefined);
    assertWritable(actor, 'update', 'Invoice', { ...current }, fields);
    // Archival only ever comes with time after an order closed, and a closed order does not reopen: no lock needed.
    const order = await this.orders.get(actor, current.orderId);
    if (order.archived) throw forbidden(archivedMessage(order));
    if (fields.length === 0) throw badInput('input', 'Nothing to change.');

    const status = input.status ?? current.status;
    if (input.status === null) throw badInput('status', 'status must not be empty.');
    if (status !== current.status && !NEXT[current.status].includes(status)) {
      throw badInput('status', `An invoice that is ${current.status} cannot become ${status}.`);
    }
    const paidAt = status === InvoiceStatus.PAID ? (input.paidAt ?? current.paidAt ?? this.clock.now()) : null;
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
      // Read under a share lock: a restriction decided meanwhile waits for this change, or this change sees it.
      const customer = await lockInvoicedCustomer(tx, current.customerId);
      // P6: a merge that committed since the invoice was read moved it to the kept customer: reload it there.
      await lockLiveCustomer(tx, actor, customer.id, 'SHARE');
      const recordedReason = reasonForEdit(actor, restrictionOfRow(customer), reason);
      const changed = await updateInvoiceAt(tx, id, version, {
        status,
        paid_at: status === InvoiceStatus.CREDITED ? current.paidAt : paidAt,
        collection_agency: agency,
        due_at: dueAt,
      });
      if (changed === 0) {
        const currentVersion = await invoiceVersion(tx, id);
        throw conflict('Someone else changed this invoice after you opened it. Reload to see their changes.', { currentVersion });
      }
      const after = await this.get(actor, id, tx);
      const changedFields = (['status', 'dueAt', 'paidAt', 'collectionAgency'] as const).filter((f) => JSON.stringify(current[f]) !== JSON.stringify(after[f]));
      await recordAuditEvents(tx, [
        {
          action: 'INVOICE_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: current.customerId,
          fields: changedFields,
          changes: Object.fromEntries(changedFields.map((f) => [f, { before: current[f], after: after[f] }])),
          detail: {
            invoiceId: id,
            invoiceNumber: current.invoiceNumber,
            ...(recordedReason ? { reason: recordedReason, restricted: customer.restricted } : {}),
          },
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
