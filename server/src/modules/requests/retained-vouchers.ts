import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertReadable, requireRight } from '../../auth/authorize';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { Deadlines } from './deadlines';
import { PrivacyRequestType, type RetainedVoucher } from './request.model';
import { insertEvent, type CustomerRequestRow } from './requests.repository';
import { insertRetainedVoucher, purgeRetainedVouchers, retainedVouchersOf, voucherBuyersOf } from './retained-vouchers.repository';

/**
 * P10: the Accounting Act (Kirjanpitolaki 2:10) keeps vouchers for years after their buyer asks to
 * be erased, and a sales invoice must say who bought. So when an erasure takes a customer's
 * identity, each invoice still within its retention keeps the buyer's name, organisation and
 * address in a row of its own that names no customer profile; only privacy officers read it
 * (the permission table's `retainedVouchers`). When the retention ends the row goes: with its
 * invoice, or by the purge that runs with the nightly hold check.
 */
export class RetainedVouchers {
  constructor(
    private readonly db: DataSource,
    private readonly deadlines: Deadlines,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Before the identity of an erased customer goes: the buyers of the invoices still kept. Anonymisation keeps none. */
  async retain(tx: EntityManager, request: CustomerRequestRow): Promise<number> {
    if (request.type !== PrivacyRequestType.ERASURE) return 0;
    const now = this.clock.now();
    let kept = 0;
    for (const buyer of await voucherBuyersOf(tx, request.customer_id)) {
      // An invoice dated on a calendar day: read at noon UTC, the same day in any zone within 12 hours of UTC.
      const until = this.deadlines.voucherRetainedUntil(new Date(`${buyer.issued_at}T12:00:00Z`));
      if (this.deadlines.lapsed(until, now)) continue; // erased with its invoice in this same erasure
      await insertRetainedVoucher(tx, request.id, buyer, until);
      kept += 1;
    }
    return kept;
  }

  /** The kept vouchers of an erasure request: privacy officers only (the field guard asks the same of `retainedVouchers`). */
  async forRequest(actor: Actor, request: { id: string; type: string; status: string; customerId: string | null }): Promise<RetainedVoucher[]> {
    const why = 'Only a privacy officer reads the buyers of retained vouchers.';
    requireRight(actor, 'read', 'PrivacyRequest', why);
    assertReadable(actor, 'PrivacyRequest', ['retainedVouchers'], why, request);
    const rows = await retainedVouchersOf(this.db, [request.id]);
    return rows.map((r) => ({
      invoiceId: r.invoice_id,
      invoiceNumber: r.invoice_number,
      issuedAt: r.issued_at,
      amountCents: Number(r.amount_cents),
      buyerName: r.buyer_name,
      organisation: r.organisation,
      street: r.street,
      postalCode: r.postal_code,
      city: r.city,
      country: r.country,
      retainedUntil: r.retained_until,
    }));
  }

  /** Erases the buyers of vouchers whose retention is over (by the injectable clock); noted on each request's timeline. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (tx) => {
        const purged = await purgeRetainedVouchers(tx, this.deadlines.today(now));
        for (const p of purged) {
          await insertEvent(tx, {
            requestId: p.request_id,
            at: now,
            actorId: null,
            kind: 'VOUCHERS_PURGED',
            fromStatus: null,
            toStatus: null,
            note: null,
            detail: { vouchers: p.count },
          });
        }
        return purged.reduce((n, p) => n + p.count, 0);
      });
    } catch (error) {
      this.logger.error({ err: error }, 'could not purge retained vouchers');
      return 0;
    }
  }
}
