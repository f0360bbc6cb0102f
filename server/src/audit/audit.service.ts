import type { Db } from '../db/sql';
import type { AuditEventInput } from './audit-event';
import { insertAuditEvents } from './audit.repository';

export type { AuditAction, AuditEventInput } from './audit-event';

/**
 * Writes audit events in one INSERT. Pass the transaction's manager so an event is written
 * together with the change it describes, or not at all.
 */
export async function recordAuditEvents(db: Db, events: AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await insertAuditEvents(db, events);
}

/**
 * The consultation log of one request (CJEU C-579/21): which customer's personal fields the
 * user was shown. The field guard notes each read; it is written once, when the response goes out.
 */
export class ReadLog {
  private readonly reads = new Map<string, Set<string>>();

  note(customerId: string, field: string): void {
    const fields = this.reads.get(customerId) ?? new Set<string>();
    fields.add(field);
    this.reads.set(customerId, fields);
  }

  get size(): number {
    return this.reads.size;
  }

  toEvents(actor: { id: string; username: string }, purpose: string | null): AuditEventInput[] {
    return [...this.reads].map(([customerId, fields]) => ({
      action: 'CUSTOMER_READ' as const,
      actorId: actor.id,
      actorUsername: actor.username,
      customerId,
      fields: [...fields].sort(),
      purpose,
    }));
  }
}
