import type { Db } from '../../db/sql';
import {
  consentsOfCustomer,
  eraseWebConsentsOf,
  eraseWebEventsOf,
  eraseWebFormsOf,
  eventsOfCustomer,
  formsOfCustomer,
  webActivityCountsOf,
} from './web-events.repository';

/**
 * P13, P14, P10: the person's web activity in their access package, and what erasure deletes of it. The
 * requests module reads these for a customer it has already passed through the gate.
 */

/** The tables of web activity erasure deletes, with the fields they hold. */
export const WEB_ACTIVITY_TABLES = [
  { table: 'web_events', fields: ['occurredAt', 'page', 'durationSeconds', 'ipAddress', 'userAgent'] },
  { table: 'web_consents', fields: ['visitorId', 'categories', 'noticeVersion', 'givenAt', 'withdrawnAt'] },
  { table: 'web_form_submissions', fields: ['form', 'message', 'submittedAt'] },
] as const;
export type WebActivityTable = (typeof WEB_ACTIVITY_TABLES)[number]['table'];

export const isWebActivityTable = (table: string): table is WebActivityTable => WEB_ACTIVITY_TABLES.some((t) => t.table === table);

/** The access package's section: every consent, page view and form of the customer, as stored. */
export async function webActivityForPackage(db: Db, customerId: string) {
  // One after another: `db` is the access package's transaction, whose one connection runs one statement at a time
  // (node-postgres queues concurrent ones on a client: deprecated, and refused by pg 9).
  const consents = await consentsOfCustomer(db, customerId);
  const events = await eventsOfCustomer(db, customerId, Number.MAX_SAFE_INTEGER);
  const forms = await formsOfCustomer(db, customerId);
  return {
    consents: consents.map((c) => ({
      visitorId: c.visitor_id,
      categories: c.categories,
      noticeVersion: c.notice_version,
      givenAt: c.given_at,
      withdrawnAt: c.withdrawn_at,
      linkedAt: c.linked_at,
    })),
    events: events.map((e) => ({
      occurredAt: e.occurred_at,
      page: e.page,
      durationSeconds: Math.round(e.duration_ms / 1000),
      ipAddress: e.ip_address,
      userAgent: e.user_agent,
    })),
    forms: forms.map((f) => ({ form: f.form, message: f.message, submittedAt: f.submitted_at })),
  };
}

/** How many rows of each table erasure would delete. */
export async function webActivityCounts(db: Db, customerId: string): Promise<Record<WebActivityTable, number>> {
  const counts = await webActivityCountsOf(db, customerId);
  return { web_events: counts.events, web_consents: counts.consents, web_form_submissions: counts.forms };
}

/** Deletes the customer's rows of one table of web activity (events go with their consent). */
export function eraseWebActivity(db: Db, customerId: string, table: WebActivityTable): Promise<void> {
  if (table === 'web_events') return eraseWebEventsOf(db, customerId);
  if (table === 'web_consents') return eraseWebConsentsOf(db, customerId);
  return eraseWebFormsOf(db, customerId);
}
