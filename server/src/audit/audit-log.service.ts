import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { requireRight, visibleWhere } from '../auth/authorize';
import { decodeCursor, pageLimit, toPage, type Page } from '../db/paging';
import { Where } from '../db/sql';
import { badInput, requireId } from '../errors';
import type { AuditEntry, AuditFilter } from './audit-event';
import { customerIdsMatching, listAuditEvents, type AuditEventRow } from './audit.repository';

/** What a reader of the trail may search by, beyond the exact filters: a username's beginning, a customer by number or name. */
export interface AuditSearch extends AuditFilter {
  /** The start of the acting user's username (`ad` finds `admin` and `ada`). */
  actorUsernamePrefix?: string | null;
  /** A customer number, or a name (every word the start of the first or last name, in any order: `Turunen Tauno`). */
  customer?: string | null;
}

/** An entry as listed: a page's consultation log says how many customers it showed. */
export type AuditListEntry = AuditEntry & { customerCount: number | null };

/** At most this many customers match a name search of the trail; a longer list needs a more exact name. */
const MAX_MATCHED_CUSTOMERS = 200;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const entryOf = (r: AuditEventRow, customerId: string | null): AuditListEntry => ({
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
  customerCount: r.customer_count,
});

/** Reading the audit trail: newest first, for those the table lets read it. */
export class AuditLogService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, filter: AuditSearch | null | undefined, first: number, after?: string | null): Promise<Page<AuditListEntry>> {
    requireRight(actor, 'read', 'AuditEvent', 'You may not read the audit log.');
    const limit = pageLimit(first);
    const where = new Where();
    where.and(visibleWhere(actor, 'AuditEvent', where, 'a'));
    if (filter?.action) where.and(`a.action = ${where.bind(filter.action)}`);
    if (filter?.actorUsername) where.and(`a.actor_username = ${where.bind(filter.actorUsername.trim().toLowerCase())}`);
    const prefix = filter?.actorUsernamePrefix?.trim().toLowerCase();
    if (prefix) where.and(`a.actor_username LIKE ${where.bind(`${escapeLike(prefix)}%`)}`);
    const customerText = filter?.customer?.trim();
    let matchedOne: string | null = null;
    if (customerText) {
      // Only customers the reader may see are found; their events are those naming them, alone or on a page.
      const ids = await this.customersMatching(actor, customerText);
      if (ids.length === 1) matchedOne = ids[0];
      const bound = where.bind(ids);
      where.and(`(a.customer_id = ANY(${bound}::uuid[]) OR a.customer_ids && ${bound}::uuid[])`);
    }
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
    if (filter?.from && filter?.to && filter.from > filter.to) throw badInput('filter.to', 'The end of the period is before its start.');
    const rows = await listAuditEvents(this.db, where, limit + 1);
    // Filtered by a customer, an event about many is shown as about that one.
    return toPage(
      rows.map((r) => entryOf(r, customerId ?? matchedOne)),
      limit,
      (e) => e.id,
    );
  }

  private async customersMatching(actor: Actor, text: string): Promise<string[]> {
    const where = new Where();
    where.and(visibleWhere(actor, 'Customer', where, 'c'));
    if (/^\d{1,18}$/.test(text)) where.and(`c.customer_number = ${where.bind(text)}::bigint`);
    else {
      const words = text.split(/\s+/).filter(Boolean).slice(0, 4);
      if (words.some((w) => w.length > 100)) throw badInput('filter.customer', 'The name is too long.');
      for (const word of words) {
        const start = where.bind(`${escapeLike(word)}%`);
        where.and(`(c.first_name ILIKE ${start} OR c.last_name ILIKE ${start})`);
      }
    }
    return customerIdsMatching(this.db, where, MAX_MATCHED_CUSTOMERS);
  }
}
