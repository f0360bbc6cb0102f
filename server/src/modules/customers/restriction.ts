import type { Actor } from '../../auth/actor';
import { allows } from '../../auth/authorize';
import { appError, badInput } from '../../errors';

/**
 * GDPR 18, restriction of processing (P16: while the accuracy of the data is contested, or the
 * customer asks for it instead of erasure). The data stays stored and readable; nothing new is
 * processed: no new order, no new invoice, no edit of the customer, their orders or their invoices.
 * The one exception is an edit by someone the permission table lets change a restricted customer's
 * record (a privacy officer) who records why it is lawful (art. 18(2): consent, a legal claim, ...);
 * the reason goes into the audit trail with the change. The requests module sets and lifts the restriction.
 */

/** What the rule needs to know of the customer: the permission table's columns of a customer row. */
export interface RestrictionState {
  id: string;
  partnerId: string | null;
  restricted: boolean;
  anonymised: boolean;
}

/** A customers row (as a module's repository reads it under a lock) as the rule reads it. */
export function restrictionOfRow(row: { id: string; partner_id: string | null; restricted: boolean; anonymised_at: Date | null }): RestrictionState {
  return { id: row.id, partnerId: row.partner_id, restricted: row.restricted, anonymised: row.anonymised_at !== null };
}

const RESTRICTED = 'Processing of this customer is restricted (GDPR 18): their data is kept and can be read, but';
const REASON_MAX_LENGTH = 1000;

/** A new order or invoice for a restricted customer: refused for everyone, nothing is stored. */
export function refuseNewForRestricted(customer: Pick<RestrictionState, 'restricted'>, what: 'orders' | 'invoices'): void {
  if (customer.restricted) throw appError('RESTRICTED', `${RESTRICTED} no new ${what} are made for them until the restriction is lifted.`);
}

/**
 * The reason to record with an edit of the customer, or of their order or invoice: the one given,
 * trimmed (null if none). A restricted customer's data is edited only by someone who may change a
 * restricted customer (the table says who: a privacy officer), and only with a reason; anyone else
 * gets RESTRICTED and nothing changes.
 */
export function reasonForEdit(actor: Actor, customer: RestrictionState, reason: string | null | undefined): string | null {
  const given = reason?.trim() || null;
  if (given && given.length > REASON_MAX_LENGTH) throw badInput('reason', `The reason is too long (at most ${REASON_MAX_LENGTH} characters).`);
  if (!customer.restricted) return given;
  const record = { id: customer.id, partnerId: customer.partnerId, restricted: true, anonymised: customer.anonymised };
  if (!allows(actor, 'update', 'Customer', record)) {
    throw appError('RESTRICTED', `${RESTRICTED} not changed. A privacy officer can make a change that is needed, recording why.`);
  }
  if (!given) throw badInput('reason', `${RESTRICTED} changed only for a reason: say why this change is needed. It is recorded in the audit trail.`);
  return given;
}
