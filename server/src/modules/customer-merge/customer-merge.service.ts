import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { allows, assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import { Params } from '../../db/sql';
import { appError, badInput, conflict, isUuid, notFound } from '../../errors';
import type { Customer } from '../customers/customer.model';
import type { CustomersService } from '../customers/customers.service';
import {
  carryProhibitions,
  combineProvenance,
  keptCustomer,
  ledgerRowsOf,
  lockPair,
  MERGE_COLUMNS,
  mergesOf,
  recordMerge,
  repoint,
  writeMerge,
  type MergeField,
  type MergeRecordRow,
  type MergeSide,
} from './customer-merge.repository';

export interface MergeCustomersInput {
  keepId: string;
  keepVersion: number;
  mergeId: string;
  mergeVersion: number;
  /** The fields whose value comes from the record that goes; every other field keeps the kept record's value. */
  takeFields?: readonly string[] | null;
}

const REFUSED = 'You may not merge customers.';

/**
 * P6: two records of one person made one. The older customer number is kept; the newer record's
 * orders, invoices, requests, provenance, web consents and forms, update-prohibition history and
 * import rows move to it, its prohibitions in force are appended to the kept record's, and each
 * field keeps the kept record's value unless the caller takes the other's. The append-only ledgers
 * (audit trail, disclosures, prohibition events) cannot be re-pointed: their rows stay with the merged
 * record, which stays (emptied of contact data) with `merged_into` naming the kept one, and
 * `customer_merges` records the merge so reads follow it. One transaction; a stale version of either
 * record is a CONFLICT; a restricted or erased record is never merged. Audited on both records.
 */
export class CustomerMergeService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  async merge(actor: Actor, input: MergeCustomersInput): Promise<Customer> {
    requireRight(actor, 'merge', 'Customer', REFUSED);
    if (!isUuid(input.keepId)) throw badInput('keepId', 'No such customer.');
    if (!isUuid(input.mergeId)) throw badInput('mergeId', 'No such customer.');
    if (input.keepId === input.mergeId) throw badInput('mergeId', 'A customer is not merged with itself.');
    const taken = [...new Set(input.takeFields ?? [])];
    const unknown = taken.find((f) => !(f in MERGE_COLUMNS));
    if (unknown) throw badInput('takeFields', `${unknown} is not a field a merge can take.`);
    return this.db.transaction(async (tx) => {
      // Both must be visible to the actor: a record they may not see does not exist for them.
      await this.customers.get(actor, input.keepId, tx);
      await this.customers.get(actor, input.mergeId, tx);
      const pair = await lockPair(tx, [input.keepId, input.mergeId]);
      const keep = pair.find((c) => c.id === input.keepId);
      const merge = pair.find((c) => c.id === input.mergeId);
      if (!keep || !merge) throw notFound('Customer');
      for (const [side, field] of [
        [keep, 'keepId'],
        [merge, 'mergeId'],
      ] as const) {
        refuseUnmergeable(side, field);
        if (!allows(actor, 'merge', 'Customer', gateRecord(side))) throw appError('FORBIDDEN', REFUSED, { field });
      }
      if (BigInt(keep.customer_number) > BigInt(merge.customer_number)) {
        throw badInput('keepId', `The older customer number is kept: keep ${merge.customer_number} and merge ${keep.customer_number} into it.`);
      }
      for (const [side, version] of [
        [keep, input.keepVersion],
        [merge, input.mergeVersion],
      ] as const) {
        if (side.version !== version) {
          throw conflict(`Someone else changed customer ${side.customer_number} after you compared them. Reload to see their changes.`, {
            customerId: side.id,
            currentVersion: side.version,
          });
        }
      }
      assertWritable(actor, 'update', 'Customer', gateRecord(keep), taken);
      const fields = taken as MergeField[];
      await writeMerge(tx, keep, merge, fields);
      await combineProvenance(tx, keep.id, merge.id, fields);
      const moved = await repoint(tx, keep.id, merge.id);
      moved.prohibitions_carried = await carryProhibitions(tx, keep.id, merge.id, merge.customer_number, actor.user.id);
      const followed = await ledgerRowsOf(tx, merge.id);
      await recordMerge(tx, {
        keepId: keep.id,
        mergeId: merge.id,
        keptNumber: keep.customer_number,
        mergedNumber: merge.customer_number,
        fields,
        moved,
        by: actor.user.id,
      });
      const changes = Object.fromEntries(fields.map((f) => [f, { before: keep[MERGE_COLUMNS[f]], after: merge[MERGE_COLUMNS[f]] }]));
      const detail = { keptNumber: keep.customer_number, mergedNumber: merge.customer_number, keptId: keep.id, mergedId: merge.id, moved, followed };
      await recordAuditEvents(tx, [
        { action: 'CUSTOMER_MERGED', actorId: actor.user.id, actorUsername: actor.user.username, customerId: keep.id, fields, changes, detail },
        { action: 'CUSTOMER_MERGED_INTO', actorId: actor.user.id, actorUsername: actor.user.username, customerId: merge.id, detail },
      ]);
      return this.customers.get(actor, keep.id, tx);
    });
  }

  /** The merges a customer took part in (the record they were merged into, or those merged into them). */
  async mergesOf(actor: Actor, customerId: string): Promise<MergeRecordRow[]> {
    requireRight(actor, 'read', 'Customer', 'You may not read customers.');
    await this.customers.get(actor, customerId);
    return mergesOf(this.db, customerId);
  }

  /**
   * P6: the customer a merged record now lives on, so whoever opens the merged one is led there: its id and
   * number, when the reader may see it (the field itself is guarded with the merged record's other fields).
   */
  async mergedInto(actor: Actor, customer: Pick<Customer, 'mergedIntoId'>): Promise<{ id: string; customerNumber: string } | null> {
    if (!customer.mergedIntoId) return null;
    const params = new Params();
    const kept = await keptCustomer(this.db, customer.mergedIntoId, visibleWhere(actor, 'Customer', params, 'k'), params);
    return kept ? { id: kept.id, customerNumber: kept.customer_number } : null;
  }
}

/** GDPR 18 and erasure (P10, P17): a restricted, erased or to-be-erased record is never merged; a merged one is gone. */
function refuseUnmergeable(side: MergeSide, field: string): void {
  if (side.merged_into) throw conflict(`Customer ${side.customer_number} has been merged into another already.`, { reason: 'ALREADY_MERGED', field });
  if (side.restricted) {
    throw appError('RESTRICTED', `Processing of customer ${side.customer_number} is restricted (GDPR 18): their record is not merged.`, { field });
  }
  if (side.anonymised || side.pending_erasure) {
    throw appError('RESTRICTED', `Customer ${side.customer_number} is erased or being erased: their record is not merged.`, { field, reason: 'ERASED' });
  }
}

const gateRecord = (c: MergeSide) => ({ id: c.id, partnerId: c.partner_id, restricted: c.restricted, anonymised: c.anonymised });
