import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { requireRight, visibleWhere } from '../auth/authorize';
import { decodeCursor, pageLimit, toPage, type Page } from '../db/paging';
import { Where } from '../db/sql';
import { badInput, requireId } from '../errors';
import type { AuditEntry, AuditFilter } from './audit-event';
import { listAuditEvents, type AuditEventRow } from './audit.repository';

const entryOf = (r: AuditEventRow, customerId: string | null): AuditEntry => ({
  id: r.id,
  at: r.at,
  action: r.action,
  actorId: r.actor_id,
  actorUsername: r.actor_username,
  customerId: r.customer_id ?? customerId,
  targetUserId: r.target_user_id,
  fields: r.fields,
  changes: r.changes,
  purpose: r.purpose,
  detail: r.detail,
});

/** Reading the audit trail: newest first, for those the table lets read it. */
export class AuditLogService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, filter: AuditFilter | null | undefined, first: number, after?: string | null): Promise<Page<AuditEntry>> {
    requireRight(actor, 'read', 'AuditEvent', 'You may not read the audit log.');
    const limit = pageLimit(first);
    const where = new Where();
    where.and(visibleWhere(actor, 'AuditEvent', where, 'a'));
    if (filter?.action) where.and(`a.action = ${where.bind(filter.action)}`);
    if (filter?.actorUsername) where.and(`a.actor_username = ${where.bind(filter.actorUsername.trim().toLowerCase())}`);
    const customerId = filter?.customerId ? requireId(filter.customerId, 'filter.customerId', 'customer') : null;
    if (customerId) {
      // An event about one customer names it in customer_id; a page's consultation log names all of them in customer_ids.
      const id = where.bind(customerId);
      where.and(`(a.customer_id = ${id} OR a.customer_ids @> ARRAY[${id}]::uuid[])`);
    }
    if (filter?.from) where.and(`a.at >= ${where.bind(filter.from)}`);
    if (filter?.to) where.and(`a.at < ${where.bind(filter.to)}`);
    const cursor = decodeCursor(after);
    if (cursor !== null) {
      if (!/^\d+$/.test(cursor)) throw badInput('after', 'The cursor is not valid.');
      where.and(`a.id < ${where.bind(cursor)}`);
    }
    const rows = await listAuditEvents(this.db, where, limit + 1);
    // Filtered by a customer, an event about many is shown as about that one.
    return toPage(
      rows.map((r) => entryOf(r, customerId)),
      limit,
      (e) => e.id,
    );
  }
}
