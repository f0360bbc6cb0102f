/**
 * An order as the service knows it: plain data, no GraphQL. `order.type.ts` gives it its GraphQL
 * shape; the service, the repository and other modules use this file.
 */
export enum OrderChannel {
  STORE = 'STORE',
  WEB_SHOP = 'WEB_SHOP',
  RESELLER = 'RESELLER',
}

export enum OrderStatus {
  OPEN = 'OPEN',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}

/** Money is integer cents (bounded by ORDER_LIMITS, so always a safe integer); VAT rates are basis points. */
export interface OrderLine {
  position: number;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
}

export interface Order {
  id: string;
  orderNumber: string;
  customerId: string;
  channel: OrderChannel;
  channelDetail: string | null;
  orderedAt: Date;
  status: OrderStatus;
  closedAt: Date | null;
  /** Closed long enough ago to be archived: read-only (P1). */
  archived: boolean;
  lines: OrderLine[];
  netCents: number;
  vatCents: number;
  grossCents: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A line as a sale enters it; the server prices it. */
export interface OrderLineEntry {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
}

export interface NewOrder {
  customerId: string;
  channel: OrderChannel;
  channelDetail?: string | null;
  /** Defaults to now, on the server's clock. */
  orderedAt?: Date | null;
  lines: OrderLineEntry[];
}

/** Field names are the permission table's (ORDER_UPDATABLE_FIELDS). */
export interface OrderChanges {
  status?: OrderStatus | null;
  channelDetail?: string | null;
  lines?: OrderLineEntry[] | null;
}
