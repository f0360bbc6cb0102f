import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { allows, requireRight } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../../db/paging';
import { badInput, requireId } from '../../errors';
import type { Deadlines } from './deadlines';
import type { PrivacyRequest, PrivacyRequestEvent, PrivacyRequestFilter, PrivacyRequestPage, RequestAgeBucket, StaffMember } from './request.model';
import { visibleRequests } from './request-visibility';
import {
  activePrivacyOfficers,
  countRequests,
  eventsOf,
  openRequestDates,
  queuePage,
  requestsByIds,
  staffByIds,
  type StaffRow,
  UNANSWERED,
} from './requests.repository';
import type { RequestsService } from './requests.service';

const staffMember = (r: StaffRow): StaffMember => ({ id: r.id, username: r.username, displayName: r.display_name });

/**
 * The queue as privacy officers, service staff and admins read it: pages sorted by days left, the
 * age chart, who can take a request, and the timelines. Reads only; the steps are RequestsService's.
 * Every list, its count and the chart show only the requests the reader may see (`visibleRequests`).
 */
export class RequestQueue {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    private readonly requests: RequestsService,
  ) {}

  /** Several requests by id (DataLoader); null where the actor may not see one. */
  async getMany(actor: Actor, ids: readonly string[]): Promise<Array<PrivacyRequest | null>> {
    if (!allows(actor, 'read', 'PrivacyRequest')) return ids.map(() => null);
    const rows = await requestsByIds(this.db, ids, visibleRequests(actor));
    return ids.map((id) => {
      const row = rows.find((r) => r.id === id);
      return row ? this.requests.toRequest(row) : null;
    });
  }

  /** The queue: open requests by days left (overdue first), then closed ones, newest first. */
  async list(actor: Actor, filter: PrivacyRequestFilter | null | undefined, first: number, after?: string | null): Promise<PrivacyRequestPage> {
    requireRight(actor, 'read', 'PrivacyRequest', 'You may not read data-subject requests.');
    if (first < 1 || first > MAX_PAGE_SIZE) throw badInput('first', `Ask for 1 to ${MAX_PAGE_SIZE} requests.`);
    const offset = after ? Number(decodeCursor(after)) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw badInput('after', 'This cursor is not valid.');
    const where = visibleRequests(actor);
    if (filter?.status?.length) where.and(`r.status = ANY(${where.bind(filter.status)})`);
    if (filter?.type?.length) where.and(`r.type = ANY(${where.bind(filter.type)})`);
    // A request is open until its answer has gone (the outbox), whatever its status says.
    if (filter?.open === true) where.and(UNANSWERED);
    if (filter?.open === false) where.and(`NOT ${UNANSWERED}`);
    if (filter?.overdue) where.and(`${UNANSWERED} AND r.due_at < ${where.bind(this.clock.now())}`);
    if (filter?.assigneeId) where.and(`r.assignee_id = ${where.bind(requireId(filter.assigneeId, 'filter.assigneeId', 'user'))}`);
    if (filter?.unassigned) where.and(`r.assignee_id IS NULL`);
    if (filter?.customerId) where.and(`r.customer_id = ${where.bind(requireId(filter.customerId, 'filter.customerId', 'customer'))}`);
    // The count under the same condition as the page: it never counts what the list hides.
    const totalCount = await countRequests(this.db, where);
    const rows = await queuePage(this.db, where, first + 1, offset);
    const hasNextPage = rows.length > first;
    const edges = rows.slice(0, first).map((row, i) => ({ cursor: encodeCursor(String(offset + i + 1)), node: this.requests.toRequest(row) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }

  /** Open requests the reader may see, by days since receipt, for the queue's chart. */
  async openByAge(actor: Actor): Promise<RequestAgeBucket[]> {
    requireRight(actor, 'read', 'PrivacyRequest', 'You may not read data-subject requests.');
    const now = this.clock.now();
    const rows = await openRequestDates(this.db, visibleRequests(actor));
    const buckets: Array<RequestAgeBucket & { max: number }> = [
      { label: '0-7', max: 7, count: 0, overdue: 0 },
      { label: '8-14', max: 14, count: 0, overdue: 0 },
      { label: '15-30', max: 30, count: 0, overdue: 0 },
      { label: '31-60', max: 60, count: 0, overdue: 0 },
      { label: '61+', max: Number.POSITIVE_INFINITY, count: 0, overdue: 0 },
    ];
    for (const row of rows) {
      const age = -this.deadlines.daysLeft(row.received_at, now);
      const bucket = buckets.find((b) => age <= b.max) ?? buckets[buckets.length - 1];
      bucket.count += 1;
      if (now.getTime() > new Date(row.due_at).getTime()) bucket.overdue += 1;
    }
    return buckets.map(({ label, count, overdue }) => ({ label, count, overdue }));
  }

  async privacyOfficers(actor: Actor): Promise<StaffMember[]> {
    requireRight(actor, 'work', 'PrivacyRequest', 'You may not assign requests.');
    return (await activePrivacyOfficers(this.db)).map(staffMember);
  }

  /** Staff by id (DataLoader for `assignee`; the field guard decides who sees it). */
  async staff(ids: readonly string[]): Promise<Array<StaffMember | null>> {
    const rows = await staffByIds(this.db, ids);
    return ids.map((id) => {
      const row = rows.find((r) => r.id === id);
      return row ? staffMember(row) : null;
    });
  }

  /** The timelines of several requests, in one statement (DataLoader; the field guard decides who sees `events`). */
  async eventsFor(requestIds: readonly string[]): Promise<PrivacyRequestEvent[][]> {
    const rows = await eventsOf(this.db, requestIds);
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
    return requestIds.map((id) => byRequest.get(id) ?? []);
  }
}
