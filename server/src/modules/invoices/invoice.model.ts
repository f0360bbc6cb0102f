/**
 * An invoice as the service knows it: plain data, no GraphQL (`invoice.type.ts` gives it its GraphQL shape).
 * Dates without a time (issue, due) are calendar dates, YYYY-MM-DD, on the company's calendar.
 */

/** Exact statuses: OPEN and IN_COLLECTION later hold back erasure (P10). */
export enum InvoiceStatus {
  OPEN = 'OPEN',
  PAID = 'PAID',
  IN_COLLECTION = 'IN_COLLECTION',
  CREDITED = 'CREDITED',
}

export interface Invoice {
  id: string;
  invoiceNumber: string;
  orderId: string;
  customerId: string;
  issuedAt: string;
  dueAt: string;
  /** The order's gross total: integer cents, bounded with the order. */
  amountCents: number;
  status: InvoiceStatus;
  paidAt: Date | null;
  collectionAgency: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewInvoice {
  orderId: string;
  /** Defaults to today on the company's calendar. */
  issuedAt?: string | null;
  /** Defaults to 14 days after issue. */
  dueAt?: string | null;
}

/** Field names are the permission table's (INVOICE_UPDATABLE_FIELDS). */
export interface InvoiceChanges {
  status?: InvoiceStatus | null;
  dueAt?: string | null;
  paidAt?: Date | null;
  collectionAgency?: string | null;
}
