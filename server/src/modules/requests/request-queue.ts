import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import type { Clock } from '../../clock';
import { badInput, forbidden, requireId } from '../../errors';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../../db/paging';
import type { Deadlines } from './deadlines';
import type {
  PrivacyRequest,
  PrivacyRequestConnection,
  PrivacyRequestEvent,
  PrivacyRequestFilter,
  RequestAgeBucket,
  StaffMember,
} from './request.type';
import { OPEN, type RequestRow, type RequestsService } from './requests.service';

/**
 * The queue as privacy officers, service staff and admins read it: pages sorted by days left, the
 * age chart, who can take a request, and the timelines. Reads only; the steps are RequestsService's.
 */
export class RequestQueue {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    private readonly requests: RequestsService,
  ) {}

  async getMany(actor: Actor, ids: readonly string[]): Promise<Array<PrivacyRequest | null>> {
    if (!actor.ability.can('read', 'PrivacyRequest')) return ids.map(() => null);
    const rows: RequestRow[] = await this.db.query(`SELECT * FROM privacy_requests WHERE id = ANY($1)`, [ids]);
    return ids.map((id) => {
      const row = rows.find((r) => r.id === id);
      return row ? this.requests.toRequest(row) : null;
    });
  }

  /** The queue: open requests by days left (overdue first), then closed ones, newest first. */
  async list(actor: Actor, filter: PrivacyRequestFilter | null | undefined, first: number, after?: string | null): Promise<PrivacyRequestConnection> {
    if (!actor.ability.can('read', 'PrivacyRequest')) throw forbidden('You may not read data-subject requests.');
    if (first < 1 || first > MAX_PAGE_SIZE) throw badInput('first', `Ask for 1 to ${MAX_PAGE_SIZE} requests.`);
    const offset = after ? Number(decodeCursor(after)) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw badInput('after', 'This cursor is not valid.');
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter?.status?.length) where.push(`status = ANY(${bind(filter.status)})`);
    if (filter?.type?.length) where.push(`type = ANY(${bind(filter.type)})`);
    if (filter?.open === true) where.push(OPEN);
    if (filter?.open === false) where.push(`closed_at IS NOT NULL`);
    if (filter?.overdue) where.push(`${OPEN} AND due_at < ${bind(this.clock.now())}`);
    if (filter?.assigneeId) where.push(`assignee_id = ${bind(requireId(filter.assigneeId, 'filter.assigneeId', 'user'))}`);
    if (filter?.unassigned) where.push(`assignee_id IS NULL`);
    if (filter?.customerId) where.push(`customer_id = ${bind(requireId(filter.customerId, 'filter.customerId', 'customer'))}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM privacy_requests ${whereSql}`, params);
    const rows: RequestRow[] = await this.db.query(
      `SELECT * FROM privacy_requests ${whereSql}
        ORDER BY (closed_at IS NOT NULL), CASE WHEN closed_at IS NULL THEN due_at END, closed_at DESC, id
        LIMIT ${bind(first + 1)} OFFSET ${bind(offset)}`,
      params,
    );
    const hasNextPage = rows.length > first;
    const edges = rows.slice(0, first).map((row, i) => ({ cursor: encodeCursor(String(offset + i + 1)), node: this.requests.toRequest(row) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: count };
  }

  /** Open requests by days since receipt, for the queue's chart. */
  async openByAge(actor: Actor): Promise<RequestAgeBucket[]> {
    if (!actor.ability.can('read', 'PrivacyRequest')) throw forbidden('You may not read data-subject requests.');
    const now = this.clock.now();
    const rows: Array<{ received_at: Date; due_at: Date }> = await this.db.query(
      `SELECT received_at, due_at FROM privacy_requests WHERE ${OPEN}`,
    );
    const buckets: Array<RequestAgeBucket & { max: number }> = [
      { label: '0-7', max: 7, count: 0, overdue: 0 },
      { label: '8-14', max: 14, count: 0, overdue: 0 },
      { label: '15-30', max: 30, count: 0, overdue: 0 },
      { label: '31-60', max: 60, count: 0, overdue: 0 },
      { label: '61+', max: Infinity, count: 0, overdue: 0 },
    ];
    for (const row of rows) {
      const age = -this.deadlines.daysLeft(row.received_at, now);
      const bucket = buckets.find((b) => age <= b.max)!;
      bucket.count += 1;
      if (now.getTime() > new Date(row.due_at).getTime()) bucket.overdue += 1;
    }
    return buckets.map(({ label, count, overdue }) => ({ label, count, overdue }));
  }

  async privacyOfficers(actor: Actor): Promise<StaffMember[]> {
    if (!actor.ability.can('work', 'PrivacyRequest')) throw forbidden('You may not assign requests.');
    const rows = await this.db.query(
      `SELECT id, username, display_name FROM users WHERE active AND 'PRIVACY_OFFICER' = ANY(roles) ORDER BY display_name`,
    );
    return rows.map((r: RequestRow) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }

  async staff(ids: readonly string[]): Promise<Array<StaffMember | null>> {
    const rows: RequestRow[] = await this.db.query(`SELECT id, username, display_name FROM users WHERE id = ANY($1)`, [ids]);
    return ids.map((id) => {
      const r = rows.find((row) => row.id === id);
      return r ? { id: r.id, username: r.username, displayName: r.display_name } : null;
    });
  }

  /** The timelines of several requests, in one statement (DataLoader). */
  async eventsFor(requestIds: readonly string[]): Promise<PrivacyRequestEvent[][]> {
    const rows: RequestRow[] = await this.db.query(
      `SELECT e.request_id, e.at, e.kind, e.from_status, e.to_status, e.note, e.detail, u.display_name AS actor
         FROM privacy_request_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.request_id = ANY($1) ORDER BY e.id`,
      [requestIds],
    );
    const byRequest = new Map<string, PrivacyRequestEvent[]>(requestIds.map((id) => [id, []]));
    for (const r of rows) {
      byRequest.get(r.request_id)?.push({
        at: r.at,
        kind: r.kind,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        actor: r.actor,
        note: r.note,
        detail: r.detail,
      });
    }
    return requestIds.map((id) => byRequest.get(id)!);
  }
}
