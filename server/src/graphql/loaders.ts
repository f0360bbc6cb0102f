import DataLoader from 'dataloader';
import type { Actor } from '../auth/actor';
import type { InvoicePageKey } from '../modules/invoices/invoices.service';
import type { Customer } from '../modules/customers/customer.type';
import type { Invoice, InvoiceConnection } from '../modules/invoices/invoice.type';
import type { OrderPageKey } from '../modules/orders/orders.service';
import type { OrderConnection } from '../modules/orders/order.type';
import type { FieldProvenance } from '../modules/provenance/provenance.type';
import type { Prohibition } from '../modules/prohibitions/prohibition.type';
import type {
  ErasureItem,
  PrivacyDocument,
  PrivacyRequest,
  PrivacyRequestEvent,
  RectificationItem,
  RectificationNotice,
  StaffMember,
} from '../modules/requests/request.type';
import type { Services } from '../services';

const pageKey = (k: { customerId: string; first: number; after: string | null }) => `${k.customerId}|${k.first}|${k.after ?? ''}`;

/**
 * Per-request batching of children: a page of customers with their orders costs one statement
 * for the customers and one for all of their orders, whatever the page size.
 */
export class RequestLoaders {
  private orders?: DataLoader<OrderPageKey, OrderConnection, string>;
  private invoices?: DataLoader<InvoicePageKey, InvoiceConnection, string>;
  private orderInvoices?: DataLoader<string, Invoice[]>;
  private provenance?: DataLoader<string, FieldProvenance[]>;
  private prohibitions?: DataLoader<string, Prohibition[]>;
  private customers?: DataLoader<string, Customer | null>;
  /** Loaders keyed by id alone, made on first use. */
  private readonly byId = new Map<string, DataLoader<string, unknown>>();

  constructor(
    private readonly services: Services,
    private readonly actor: () => Actor,
  ) {}

  ordersOfCustomer(key: OrderPageKey): Promise<OrderConnection> {
    this.orders ??= new DataLoader((keys) => this.services.orders.pagesForCustomers(this.actor(), keys), { cacheKeyFn: pageKey });
    return this.orders.load(key);
  }

  invoicesOfCustomer(key: InvoicePageKey): Promise<InvoiceConnection> {
    this.invoices ??= new DataLoader((keys) => this.services.invoices.pagesForCustomers(this.actor(), keys), { cacheKeyFn: pageKey });
    return this.invoices.load(key);
  }

  provenanceOf(customerId: string): Promise<FieldProvenance[]> {
    this.provenance ??= new DataLoader((ids) => this.services.provenance.currentFor(ids));
    return this.provenance.load(customerId);
  }

  customer(id: string): Promise<Customer | null> {
    this.customers ??= new DataLoader((ids) => this.services.customers.getMany(this.actor(), ids));
    return this.customers.load(id);
  }

  prohibitionsOf(customerId: string): Promise<Prohibition[]> {
    this.prohibitions ??= new DataLoader((ids) => this.services.prohibitions.currentFor(ids));
    return this.prohibitions.load(customerId);
  }

  invoicesOfOrder(orderId: string): Promise<Invoice[]> {
    this.orderInvoices ??= new DataLoader((ids) => this.services.invoices.forOrders(this.actor(), ids));
    return this.orderInvoices.load(orderId);
  }

  privacyRequest(id: string): Promise<PrivacyRequest | null> {
    return this.load('privacyRequest', (ids) => this.services.requestQueue.getMany(this.actor(), ids), id);
  }

  staffMember(id: string): Promise<StaffMember | null> {
    return this.load('staffMember', (ids) => this.services.requestQueue.staff(ids), id);
  }

  rectificationItems(requestId: string): Promise<RectificationItem[]> {
    return this.load('rectificationItems', (ids) => this.services.rectifications.itemsFor(ids), requestId);
  }

  rectificationNotices(requestId: string): Promise<RectificationNotice[]> {
    return this.load('rectificationNotices', (ids) => this.services.rectifications.noticesFor(ids), requestId);
  }

  erasureItems(requestId: string): Promise<ErasureItem[]> {
    return this.load('erasureItems', (ids) => this.services.erasures.itemsFor(ids), requestId);
  }

  requestEvents(requestId: string): Promise<PrivacyRequestEvent[]> {
    return this.load('requestEvents', (ids) => this.services.requestQueue.eventsFor(ids), requestId);
  }

  privacyDocuments(requestId: string): Promise<PrivacyDocument[]> {
    return this.load('privacyDocuments', (ids) => this.services.privacyDocuments.forRequests(ids), requestId);
  }

  private load<V>(name: string, batch: (ids: readonly string[]) => Promise<V[]>, id: string): Promise<V> {
    let loader = this.byId.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch);
      this.byId.set(name, loader as DataLoader<string, unknown>);
    }
    return loader.load(id);
  }
}
