import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { badInput } from '../../errors';
import type { Logger } from '../../logger';
import type { Suppression } from '../prohibitions/suppression';
import type { Deadlines } from './deadlines';
import type { ErasureMode, ErasurePlanner, PlannedItem } from './erasure-plan';
import { PrivacyDocumentKind, type Lang, type PrivacyDocuments } from './documents';
import { erasureReply } from './letters';
import {
  ErasureAction,
  ErasureItemState,
  HoldReason,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type ErasureItem,
  type ErasurePlan,
} from './request.type';
import type { RequestRow, RequestsService } from './requests.service';

import type { JobQueue } from '../../jobs/job-queue';
import { maybeOne } from '../../db/sql';

/** The queue that finishes held erasures when their holds lapse (invoice paid, retention over). */
export const ERASURE_HOLDS_QUEUE = 'erasure-holds';

function itemFromRow(r: RequestRow): ErasureItem {
  return {
    id: r.id,
    table: r.table_name,
    action: r.action,
    reason: r.reason,
    until: r.until ?? null, // a SQL date reads as 'YYYY-MM-DD' (db/data-source.ts)
    rowCount: r.row_count,
    fields: r.fields,
    state: r.state,
    doneAt: r.done_at,
  };
}

/**
 * P10 erasure and P17 anonymisation: a plan per table (and group of rows) of what is erased now,
 * anonymised (an accounting record kept without identity) or held with a reason and a date; one
 * transaction to carry it out; and the held part finishing by itself when its hold lapses.
 * Evidence names tables, fields and row counts, never personal data.
 */
export class Erasures {
  constructor(
    private readonly db: DataSource,
    private readonly requests: RequestsService,
    private readonly planner: ErasurePlanner,
    private readonly deadlines: Deadlines,
    private readonly suppression: Suppression,
    private readonly documents: PrivacyDocuments,
    private readonly logger: Logger,
  ) {}

  /**
   * P10: after an invoice of a customer pending erasure changes, queue the check that finishes the
   * held erasure. The invoice change is already committed: a failure here is logged, and the nightly
   * run finishes the hold.
   */
  async queueHeldErasure(queue: Pick<JobQueue, 'send'>, customerId: string): Promise<void> {
    try {
      const held = await maybeOne(this.db, `SELECT 1 FROM customers WHERE id = $1 AND pending_erasure`, [customerId]);
      if (held) await queue.send(ERASURE_HOLDS_QUEUE, { customerId });
    } catch (error) {
      this.logger.error({ err: error, customerId }, 'could not queue the held erasure');
    }
  }

  async itemsFor(requestIds: readonly string[]): Promise<ErasureItem[][]> {
    const rows = await this.db.query(`SELECT * FROM erasure_items WHERE request_id = ANY($1) ORDER BY position`, [requestIds]);
    return requestIds.map((id) => rows.filter((r: RequestRow) => r.request_id === id).map(itemFromRow));
  }

  async plan(actor: Actor, id: string): Promise<ErasurePlan> {
    const request = await this.requests.work(
      actor,
      id,
      { types: [PrivacyRequestType.ERASURE, PrivacyRequestType.ANONYMISATION], needsIdentity: true },
      async (tx, row) => {
        const [executed] = await tx.query(`SELECT 1 FROM erasure_items WHERE request_id = $1 AND state <> 'PLANNED' LIMIT 1`, [id]);
        if (executed) throw badInput('id', 'This erasure has already been carried out.');
        const items = await this.planner.compute(tx, row.customer_id, row.type as ErasureMode);
        await tx.query(`DELETE FROM erasure_items WHERE request_id = $1`, [id]);
        await this.insertItems(tx, id, items, 1);
        await this.requests.transition(tx, actor, row, PrivacyRequestStatus.AWAITING_DECISION, 'PLANNED', null, summary(items));
        await this.requests.audit(tx, actor, 'ERASURE_PLANNED', row, summary(items));
      },
    );
    const [items] = await this.itemsFor([id]);
    return { request, items };
  }

  /** Carries out the plan in one transaction; whatever is held waits for its hold to lapse. */
  async execute(actor: Actor, id: string): Promise<ErasurePlan> {
    const request = await this.requests.work(
      actor,
      id,
      { types: [PrivacyRequestType.ERASURE, PrivacyRequestType.ANONYMISATION], needsIdentity: true },
      async (tx, row) => {
        const planned: RequestRow[] = await tx.query(`SELECT * FROM erasure_items WHERE request_id = $1 ORDER BY position FOR UPDATE`, [id]);
        if (planned.length === 0) throw badInput('id', 'Make the erasure plan first.');
        if (planned.some((p) => p.state !== ErasureItemState.PLANNED)) throw badInput('id', 'This erasure has already been carried out.');
        // The plan must still describe the data: anything new since planning means planning again.
        const fresh = await this.planner.compute(tx, row.customer_id, row.type as ErasureMode);
        if (JSON.stringify(fresh.map(signature)) !== JSON.stringify(planned.map(plannedFromRow).map(signature))) {
          throw badInput('id', 'The data changed after the plan was made. Make the plan again and check it.');
        }
        await this.beginErasing(tx, row.customer_id);
        const now = this.requests.now();
        const held = planned.filter((p) => p.action === ErasureAction.HOLD);
        // Suppression first, while the email and phone are still there (P15, P17).
        await this.suppression.retain(tx, row.customer_id);
        for (const item of planned) {
          if (item.action === ErasureAction.HOLD) {
            await tx.query(`UPDATE erasure_items SET state = 'HELD' WHERE id = $1`, [item.id]);
            continue;
          }
          await this.carryOut(tx, row, item);
          await tx.query(`UPDATE erasure_items SET state = 'DONE', done_at = $2 WHERE id = $1`, [item.id, now]);
        }
        const identityHeld = held.some((h) => h.table_name === 'customers');
        if (identityHeld) {
          await tx.query(`UPDATE customers SET pending_erasure = true, version = version + 1, updated_at = now() WHERE id = $1`, [row.customer_id]);
        }
        const lang = row.language as Lang;
        const after: RequestRow[] = await tx.query(`SELECT * FROM erasure_items WHERE request_id = $1 ORDER BY position`, [id]);
        const document = await this.documents.store(tx, {
          requestId: id,
          kind: PrivacyDocumentKind.ERASURE_REPLY,
          language: lang,
          filename: `request-${row.request_number}-${row.type === 'ERASURE' ? 'erasure' : 'anonymisation'}-reply.html`,
          contentType: 'text/html; charset=utf-8',
          content: erasureReply(lang, row, after, now),
          actorId: actor.user.id,
        });
        const evidence = after.map((p) => ({ table: p.table_name, action: p.action, state: p.state, rows: p.row_count, fields: p.fields, reason: p.reason, until: itemFromRow(p).until }));
        await this.requests.transition(tx, actor, row, statusOf(after), 'EXECUTED', null, { evidence, documentId: document.id });
        await this.requests.audit(tx, actor, 'ERASURE_EXECUTED', row, { evidence });
      },
    );
    const [items] = await this.itemsFor([id]);
    return { request, items };
  }

  /**
   * Finishes what was held once its hold has lapsed: an invoice paid or out of collection, a
   * retention period over. Runs from the job queue (after an invoice changes, and daily).
   */
  async finishHolds(customerId?: string): Promise<number> {
    const requests: RequestRow[] = await this.db.query(
      `SELECT DISTINCT r.id FROM erasure_items i JOIN privacy_requests r ON r.id = i.request_id
        WHERE i.state = 'HELD' ${customerId ? 'AND r.customer_id = $1' : ''}`,
      customerId ? [customerId] : [],
    );
    let finished = 0;
    for (const { id } of requests) {
      try {
        finished += await this.db.transaction((tx) => this.finishRequestHolds(tx, id));
      } catch (error) {
        this.logger.error({ err: error, requestId: id }, 'could not finish held erasure');
      }
    }
    return finished;
  }

  private async finishRequestHolds(tx: EntityManager, id: string): Promise<number> {
    const row = await this.requests.row(tx, id, true);
    // Orders last: an order goes only after its invoices, which may lapse in the same pass.
    const held: RequestRow[] = await tx.query(
      `SELECT * FROM erasure_items WHERE request_id = $1 AND state = 'HELD' ORDER BY table_name = 'orders', position FOR UPDATE`,
      [id],
    );
    if (held.length === 0) return 0;
    await this.beginErasing(tx, row.customer_id);
    const now = this.requests.now();
    const mode = row.type as ErasureMode;
    const lapsed: RequestRow[] = [];
    const follow: PlannedItem[] = [];
    for (const item of held) {
      if (!(await this.holdLapsed(tx, row, item))) continue;
      lapsed.push(item);
      if (item.reason === HoldReason.OPEN_INVOICE || item.reason === HoldReason.IN_COLLECTION) {
        // Paid: the hold for the debt ends; the voucher's own retention (or anonymisation) follows.
        if (item.table_name === 'invoices') follow.push(...(await this.planner.invoiceItems(tx, item.row_ids, mode)));
        if (item.table_name === 'orders') follow.push(...(await this.planner.orderItems(tx, item.row_ids, mode)));
        if (item.table_name !== 'customers') continue;
      }
      if (item.table_name === 'customers') continue; // anonymised below, once no identity hold remains
      if (item.table_name === 'privacy_requests') await this.eraseDocuments(tx, item.row_ids, true);
      await this.carryOut(tx, row, { ...item, action: item.reason === HoldReason.LEGAL_OBLIGATION ? ErasureAction.ANONYMISE : ErasureAction.ERASE });
    }
    if (lapsed.length === 0) return 0;
    for (const item of lapsed) await tx.query(`UPDATE erasure_items SET state = 'DONE', done_at = $2 WHERE id = $1`, [item.id, now]);
    const customerHolds = held.filter((h) => h.table_name === 'customers');
    if (customerHolds.length > 0 && customerHolds.every((h) => lapsed.includes(h))) {
      await this.anonymiseCustomer(tx, row.customer_id);
    }
    if (follow.length > 0) {
      const [{ max }] = await tx.query(`SELECT coalesce(max(position), 0) AS max FROM erasure_items WHERE request_id = $1`, [id]);
      const inserted = await this.insertItems(tx, id, follow, Number(max) + 1);
      for (const item of inserted) {
        if (item.action === ErasureAction.HOLD) await tx.query(`UPDATE erasure_items SET state = 'HELD' WHERE id = $1`, [item.id]);
        else {
          await this.carryOut(tx, row, item);
          await tx.query(`UPDATE erasure_items SET state = 'DONE', done_at = $2 WHERE id = $1`, [item.id, now]);
        }
      }
    }
    const after: RequestRow[] = await tx.query(`SELECT * FROM erasure_items WHERE request_id = $1 ORDER BY position`, [id]);
    const evidence = lapsed.map((p) => ({ table: p.table_name, reason: p.reason, rows: p.row_count }));
    await this.requests.transition(tx, null, row, statusOf(after), 'HOLD_LAPSED', null, { lapsed: evidence });
    await this.requests.audit(tx, null, 'ERASURE_HOLD_LAPSED', row, { lapsed: evidence });
    return lapsed.length;
  }

  private async holdLapsed(tx: EntityManager, row: RequestRow, item: RequestRow): Promise<boolean> {
    const now = this.requests.now();
    switch (item.reason as HoldReason) {
      case HoldReason.OPEN_INVOICE:
      case HoldReason.IN_COLLECTION: {
        // The identity, an invoice or an order is needed while any of its invoices is open or in collection.
        const live = `status IN ('OPEN', 'IN_COLLECTION')`;
        const [still] =
          item.table_name === 'customers'
            ? await tx.query(`SELECT 1 FROM invoices WHERE customer_id = $1 AND ${live} LIMIT 1`, [row.customer_id])
            : item.table_name === 'orders'
              ? await tx.query(`SELECT 1 FROM invoices WHERE order_id = ANY($1::uuid[]) AND ${live} LIMIT 1`, [item.row_ids])
              : await tx.query(`SELECT 1 FROM invoices WHERE id = ANY($1::uuid[]) AND ${live} LIMIT 1`, [item.row_ids]);
        return !still;
      }
      case HoldReason.ACCOUNTING_RETENTION:
      case HoldReason.LEGAL_OBLIGATION: {
        if (!this.deadlines.lapsed(itemFromRow(item).until!, now)) return false;
        if (item.table_name !== 'orders') return true;
        // An order goes only after its invoices.
        const [invoice] = await tx.query(`SELECT 1 FROM invoices WHERE order_id = ANY($1::uuid[]) LIMIT 1`, [item.row_ids]);
        return !invoice;
      }
      default:
        return false;
    }
  }

  /** Lets this transaction remove the customer's rows from the append-only ledgers (and only theirs). */
  private async beginErasing(tx: EntityManager, customerId: string): Promise<void> {
    await tx.query(`SELECT set_config('rekisteri.erasing', $1, true)`, [customerId]);
  }

  private async insertItems(tx: EntityManager, requestId: string, items: PlannedItem[], from: number): Promise<RequestRow[]> {
    const inserted: RequestRow[] = [];
    for (const [i, item] of items.entries()) {
      const [row] = await tx.query(
        `INSERT INTO erasure_items (request_id, position, table_name, action, reason, until, row_ids, row_count, fields)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [requestId, from + i, item.table, item.action, item.reason ?? null, item.until ?? null, item.rowIds, item.rowCount, item.fields],
      );
      inserted.push(row);
    }
    return inserted;
  }

  /** Does what an ERASE or ANONYMISE item says, to the rows it names. */
  private async carryOut(tx: EntityManager, request: RequestRow, item: RequestRow): Promise<void> {
    const table: string = item.table_name;
    const rowIds: string[] = item.row_ids;
    const customerId = request.customer_id;
    switch (table) {
      case 'customers':
        await this.anonymiseCustomer(tx, customerId);
        return;
      case 'customer_provenance':
        await tx.query(`DELETE FROM customer_provenance WHERE customer_id = $1`, [customerId]);
        return;
      case 'prohibition_events':
        await tx.query(`DELETE FROM prohibition_events WHERE customer_id = $1`, [customerId]);
        return;
      case 'target_list_exports':
        await tx.query(
          `DELETE FROM target_list_exports WHERE target_list_id IN (SELECT target_list_id FROM target_list_members WHERE customer_id = $1)`,
          [customerId],
        );
        return;
      case 'target_list_members':
        await tx.query(`DELETE FROM target_list_members WHERE customer_id = $1`, [customerId]);
        return;
      case 'target_list_exclusions':
        await tx.query(`DELETE FROM target_list_exclusions WHERE customer_id = $1`, [customerId]);
        return;
      case 'audit_events':
        // The trail stays (who did what, when); the values it recorded go.
        await tx.query(
          `UPDATE audit_events SET changes = (SELECT jsonb_object_agg(k, '"[erased]"'::jsonb) FROM jsonb_object_keys(changes) AS k)
            WHERE customer_id = $1 AND changes IS NOT NULL`,
          [customerId],
        );
        return;
      case 'disclosures':
        return; // field names, recipients and dates only: without the identity they name nobody
      case 'privacy_documents':
        await this.eraseDocuments(
          tx,
          (await tx.query(`SELECT id FROM privacy_requests WHERE customer_id = $1`, [customerId])).map((r: RequestRow) => r.id),
          false,
        );
        return;
      case 'invoices':
        if (item.action === ErasureAction.ANONYMISE) {
          await tx.query(`UPDATE invoices SET collection_agency = NULL WHERE id = ANY($1::uuid[]) AND status <> 'IN_COLLECTION'`, [rowIds]);
        } else {
          await tx.query(`DELETE FROM invoices WHERE id = ANY($1::uuid[])`, [rowIds]);
        }
        return;
      case 'orders':
        if (item.action === ErasureAction.ANONYMISE) {
          await tx.query(`UPDATE orders SET channel_detail = NULL WHERE id = ANY($1::uuid[])`, [rowIds]);
        } else {
          // Vouchers go with their invoices: an order whose invoice is still kept is never half-erased.
          const [{ kept }] = await tx.query(`SELECT count(*)::int AS kept FROM invoices WHERE order_id = ANY($1::uuid[])`, [rowIds]);
          if (kept > 0) throw new Error('an order is erased only after its invoices');
          await tx.query(`DELETE FROM order_lines WHERE order_id = ANY($1::uuid[])`, [rowIds]);
          await tx.query(`DELETE FROM orders WHERE id = ANY($1::uuid[])`, [rowIds]);
        }
        return;
      case 'privacy_requests':
        await tx.query(
          `UPDATE privacy_requests SET requester_name = 'Anonymised', requester_contact = NULL, paper_original_location = NULL, identity_note = NULL
            WHERE id = ANY($1::uuid[])`,
          [rowIds],
        );
        await tx.query(`UPDATE rectification_items SET current_value = NULL, proposed_value = '[erased]', reason = NULL WHERE request_id = ANY($1::uuid[])`, [rowIds]);
        return;
      default:
        throw new Error(`erasure does not know the table ${table}`);
    }
  }

  /**
   * Access packages are copies of everything about the person: erased with the person. The other
   * answers (replies, certificates, notices) are evidence, kept with the request until its hold lapses.
   */
  private async eraseDocuments(tx: EntityManager, requestIds: string[], all: boolean): Promise<void> {
    await tx.query(
      `DELETE FROM privacy_documents WHERE request_id = ANY($1::uuid[]) ${all ? '' : `AND kind IN ('ACCESS_PACKAGE_JSON', 'ACCESS_PACKAGE_HTML')`}`,
      [requestIds],
    );
  }

  /** P17: identifiers replaced irreversibly; country and language stay for statistics. */
  private async anonymiseCustomer(tx: EntityManager, customerId: string): Promise<void> {
    // Suppression keys were kept when the erasure was carried out, before the prohibitions went.
    await tx.query(
      `UPDATE customers SET first_name = 'Anonymised', last_name = 'Anonymised', organisation_id = NULL, email = NULL, phone = NULL,
              street = NULL, postal_code = NULL, city = NULL, partner_id = NULL, restricted = false, pending_erasure = false,
              anonymised_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1`,
      [customerId],
    );
    await tx.query(`DELETE FROM customer_provenance WHERE customer_id = $1`, [customerId]);
  }
}

/** What a plan line must still say when it is carried out. */
function signature(item: PlannedItem): string {
  // The evidence hold runs from the day of planning: its date is not part of what must still hold.
  const until = item.until && item.reason !== HoldReason.LEGAL_OBLIGATION ? item.until : '';
  return `${item.table}|${item.action}|${item.reason ?? ''}|${until}|${item.rowCount}`;
}

/** A stored plan line, as the planner writes one. */
function plannedFromRow(r: RequestRow): PlannedItem {
  return { table: r.table_name, action: r.action, reason: r.reason ?? undefined, until: r.until ?? undefined, rowIds: r.row_ids, rowCount: r.row_count, fields: r.fields };
}

function summary(items: PlannedItem[]) {
  return { items: items.map((i) => ({ table: i.table, action: i.action, reason: i.reason ?? null, until: i.until ?? null, rows: i.rowCount })) };
}

/** Done when nothing but the request's own evidence is held. */
function statusOf(items: RequestRow[]): PrivacyRequestStatus {
  const held = items.filter((i) => i.state === ErasureItemState.HELD && i.table_name !== 'privacy_requests');
  return held.length > 0 ? PrivacyRequestStatus.PARTIALLY_COMPLETED : PrivacyRequestStatus.COMPLETED;
}
