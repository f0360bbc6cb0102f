import type { Actor } from '../../auth/actor';
import { visibleWhere } from '../../auth/authorize';
import { Params, type Db } from '../../db/sql';
import { conflict, type AppError } from '../../errors';
import { liveEndOfMerges, lockedMergeState, type CustomerRowLock } from './customers.repository';

export type { CustomerRowLock } from './customers.repository';

/**
 * P6: a merged record lives on in the customer it was merged into; it stays, emptied, only for the append-only
 * ledgers (customer-merge). Nothing is written to it again: every write aimed at a customer (its update, a
 * prohibition, a restriction, a disclosure, a note, an order or invoice) calls `lockLiveCustomer` inside its
 * transaction, so one check answers them all alike.
 */

/**
 * Locks the customer's row until the caller's transaction ends and refuses a merged record with CONFLICT
 * (`reason: ALREADY_MERGED`), naming the customer it now lives on as the actor may see it. A merge takes its pair
 * `FOR UPDATE`, so a merge racing this write either waits for it or has committed, and then this answers CONFLICT.
 * `lock` is the mode the write locks the customer in anyway (a share lock upgraded later could deadlock).
 * A customer that does not exist is left to the caller (its own NOT_FOUND or bad input).
 */
export async function lockLiveCustomer(db: Db, actor: Actor, customerId: string, lock: CustomerRowLock): Promise<void> {
  const state = await lockedMergeState(db, customerId, lock);
  if (state?.merged_into) throw await alreadyMerged(db, actor, state.merged_into);
}

/**
 * Only the lock of `lockLiveCustomer`, for a step that must take the customer's row before another row whose
 * customer it learns only then (a request: `RequestsService.forWork`), and checks the record after.
 */
export async function lockCustomerRow(db: Db, customerId: string, lock: CustomerRowLock): Promise<void> {
  await lockedMergeState(db, customerId, lock);
}

/**
 * The refusal of a write to a merged record. `keptCustomerId` and `keptCustomerNumber` name the live customer at
 * the end of the merges (B into A, then A into C: C), or are null when the actor may not see it.
 */
export async function alreadyMerged(db: Db, actor: Actor, mergedInto: string): Promise<AppError> {
  const kept = await liveCustomerOf(db, actor, mergedInto);
  const message = kept
    ? `This customer was merged into customer ${kept.customerNumber}: make the change there.`
    : 'This customer was merged into another: make the change on the customer it was merged into.';
  return conflict(message, { reason: 'ALREADY_MERGED', keptCustomerId: kept?.id ?? null, keptCustomerNumber: kept?.customerNumber ?? null });
}

/** The live customer a merged record leads to, if the actor may see it. */
export async function liveCustomerOf(db: Db, actor: Actor, mergedInto: string): Promise<{ id: string; customerNumber: string } | null> {
  const params = new Params();
  const row = await liveEndOfMerges(db, mergedInto, visibleWhere(actor, 'Customer', params, 'k'), params);
  return row ? { id: row.id, customerNumber: row.customer_number } : null;
}

/**
 * P6, P8, P14: a data-subject request is the person's, not one record's. The merge moves a merged record's requests
 * to the customer it was merged into, and that customer's access package, erasure and GDPR 19 notices read every
 * record merged into them (customer-merge/merged-records.ts). So a request that names a merged record is taken in
 * (or identified) as the live customer the merge leads to, not refused: refusing would make the person wait, or
 * staff re-enter it, while the deadline runs from receipt. The customer (or that live one) is locked like
 * `lockLiveCustomer`; `redirectedFrom` is the merged record named, for the request's history. When the actor may
 * not see the live customer, it is refused like any other write (CONFLICT, ALREADY_MERGED).
 */
export async function lockPersonOf(db: Db, actor: Actor, customerId: string, lock: CustomerRowLock): Promise<{ id: string; redirectedFrom: string | null }> {
  const state = await lockedMergeState(db, customerId, lock);
  if (!state?.merged_into) return { id: customerId, redirectedFrom: null };
  const live = await liveCustomerOf(db, actor, state.merged_into);
  if (!live) throw await alreadyMerged(db, actor, state.merged_into);
  // Merged itself meanwhile (before this lock): refused, not followed a second time.
  await lockLiveCustomer(db, actor, live.id, lock);
  return { id: live.id, redirectedFrom: customerId };
}
