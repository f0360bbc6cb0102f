import type { Db } from '../db/sql';
import { type AuditEventRecord, insertAuditEvents } from './audit.repository';

export type { AuditAction, AuditEventInput } from './audit-event';

/**
 * Writes audit events in one INSERT. Pass the transaction's manager so an event is written
 * together with the change it describes, or not at all.
 */
export async function recordAuditEvents(db: Db, events: AuditEventRecord[]): Promise<void> {
  if (events.length === 0) return;
  await insertAuditEvents(db, events);
}

/**
 * The consultation log of one request (CJEU C-579/21): which customer's personal fields the
 * user was shown. The field guard notes each read; it is written once, when the response goes out,
 * as one row per set of fields shown (one row for a page of a list): the customers in `customer_ids`,
 * and in `customer_id` too when the row is about one customer.
 */
export class ReadLog {
  private readonly reads = new Map<string, Set<string>>();

  note(customerId: string, field: string): void {
    let fields = this.reads.get(customerId);
    if (!fields) {
      fields = new Set<string>();
      this.reads.set(customerId, fields);
    }
    fields.add(field);
  }

  get size(): number {
    return this.reads.size;
  }

  toEvents(actor: { id: string; username: string }, purpose: string | null): AuditEventRecord[] {
    const byFields = new Map<string, { fields: string[]; customerIds: string[] }>();
    for (const [customerId, set] of this.reads) {
      const fields = [...set].sort();
      const key = fields.join(',');
      const group = byFields.get(key) ?? { fields, customerIds: [] };
      group.customerIds.push(customerId);
      byFields.set(key, group);
    }
    return [...byFields.values()].map(({ fields, customerIds }) => ({
      action: 'CUSTOMER_READ' as const,
      actorId: actor.id,
      actorUsername: actor.username,
      customerId: customerIds.length === 1 ? customerIds[0] : null,
      customerIds,
      fields,
      purpose,
    }));
  }
}
