import { execute, many, type Db } from '../../db/sql';

/**
 * P10: the SQL of vouchers kept for the Accounting Act after their buyer's profile is erased: the
 * buyer as invoiced, in a row that names no customer, until the voucher's retention ends.
 */

/** A kept invoice of a customer about to be anonymised, with the buyer as the register knows them now. */
export interface VoucherBuyerRow {
  invoice_id: string;
  /** A SQL date: 'YYYY-MM-DD'. */
  issued_at: string;
  buyer_name: string;
  organisation: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
}

/** The customer's invoices not yet kept as vouchers, each with its buyer (the customer's name, organisation and address). */
export function voucherBuyersOf(db: Db, customerId: string): Promise<VoucherBuyerRow[]> {
  return many<VoucherBuyerRow>(
    db,
    `SELECT i.id AS invoice_id, to_char(i.issued_at, 'YYYY-MM-DD') AS issued_at, c.first_name || ' ' || c.last_name AS buyer_name,
            o.name AS organisation, c.street, c.postal_code, c.city, c.country
       FROM invoices i JOIN customers c ON c.id = i.customer_id LEFT JOIN organisations o ON o.id = c.organisation_id
      WHERE i.customer_id = $1 AND NOT EXISTS (SELECT 1 FROM retained_vouchers v WHERE v.invoice_id = i.id)
      ORDER BY i.issued_at, i.id`,
    [customerId],
  );
}

export function insertRetainedVoucher(db: Db, requestId: string, v: VoucherBuyerRow, retainedUntil: string): Promise<void> {
  return execute(
    db,
    `INSERT INTO retained_vouchers (invoice_id, request_id, buyer_name, organisation, street, postal_code, city, country, retained_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [v.invoice_id, requestId, v.buyer_name, v.organisation, v.street, v.postal_code, v.city, v.country, retainedUntil],
  );
}

/** A kept voucher as a privacy officer reads it: the invoice and its buyer as invoiced. */
export interface RetainedVoucherRow {
  request_id: string;
  invoice_id: string;
  invoice_number: string;
  issued_at: string;
  amount_cents: string;
  buyer_name: string;
  organisation: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  retained_until: string;
}

export function retainedVouchersOf(db: Db, requestIds: readonly string[]): Promise<RetainedVoucherRow[]> {
  return many<RetainedVoucherRow>(
    db,
    `SELECT v.request_id, v.invoice_id, i.invoice_number::text, to_char(i.issued_at, 'YYYY-MM-DD') AS issued_at, i.amount_cents::text,
            v.buyer_name, v.organisation, v.street, v.postal_code, v.city, v.country, to_char(v.retained_until, 'YYYY-MM-DD') AS retained_until
       FROM retained_vouchers v JOIN invoices i ON i.id = v.invoice_id
      WHERE v.request_id = ANY($1::uuid[]) ORDER BY i.issued_at, i.invoice_number`,
    [requestIds],
  );
}

/** Vouchers whose retention ended before `today` (YYYY-MM-DD): their buyers go. Answers how many per request. */
export function purgeRetainedVouchers(db: Db, today: string): Promise<Array<{ request_id: string; count: number }>> {
  return many(
    db,
    `WITH gone AS (DELETE FROM retained_vouchers WHERE retained_until < $1::date RETURNING request_id)
     SELECT request_id, count(*)::int AS count FROM gone GROUP BY request_id ORDER BY request_id`,
    [today],
  );
}
