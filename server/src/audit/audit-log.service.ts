import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { visibleWhere } from '../auth/authorize';
import { Params } from '../db/sql';
import { badInput, forbidden } from '../errors';
import { decodeCursor, MAX_PAGE_SIZE, toPage } from '../db/paging';
import type { AuditEvent, AuditEventConnection, AuditEventFilter } from './audit.type';

/** Reading the audit trail: newest first, for those the table lets read it. */
export class AuditLogService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, filter: AuditEventFilter | null | undefined, first: number, after?: string | null): Promise<AuditEventConnection> {
    if (!actor.ability.can('read', 'AuditEvent')) throw forbidden('You may not read the audit log.');
    const limit = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const params: unknown[] = [];
    const where = [visibleWhere(actor, 'AuditEvent', new Params(params), 'a')];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter?.action) where.push(`action = ${bind(filter.action)}`);
    if (filter?.actorUsername) where.push(`actor_username = ${bind(filter.actorUsername.trim().toLowerCase())}`);
    if (filter?.customerId) {
      if (!/^[0-9a-f-]{36}$/i.test(filter.customerId)) throw badInput('filter.customerId', 'Not a customer id.');
      where.push(`customer_id = ${bind(filter.customerId)}`);
    }
    if (filter?.from) where.push(`at >= ${bind(filter.from)}`);
    if (filter?.to) where.push(`at < ${bind(filter.to)}`);
    const cursor = decodeCursor(after);
    if (cursor !== null) {
      if (!/^\d+$/.test(cursor)) throw badInput('after', 'The cursor is not valid.');
      where.push(`id < ${bind(cursor)}`);
    }
    const rows = await this.db.query(
      `SELECT id::text, at, action, actor_id, actor_username, customer_id, target_user_id, fields, changes, purpose, detail
         FROM audit_events WHERE ${where.join(' AND ')} ORDER BY audit_events.id DESC LIMIT ${bind(limit + 1)}`,
      params,
    );
    const events: AuditEvent[] = rows.map((r: Record<string, any>) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      customerId: r.customer_id,
      targetUserId: r.target_user_id,
      fields: r.fields,
      changes: r.changes,
      purpose: r.purpose,
      detail: r.detail,
    }));
    return toPage(events, limit, (e) => e.id);
  }
}
