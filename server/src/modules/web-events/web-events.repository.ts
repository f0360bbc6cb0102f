import { affected, execute, many, maybeOne, one, type Db } from '../../db/sql';

export interface ConsentRow {
  visitor_id: string;
  categories: string[];
  notice_version: string;
  given_at: Date;
  withdrawn_at: Date | null;
  customer_id: string | null;
  linked_at: Date | null;
}

export interface EventRow {
  id: string;
  visitor_id: string;
  occurred_at: Date;
  page: string;
  duration_ms: number;
  ip_address: string | null;
  user_agent: string | null;
}

export interface FormRow {
  id: string;
  form: string;
  message: string | null;
  submitted_at: Date;
  matched: boolean;
}

export interface NewEvent {
  page: string;
  durationMs: number;
}

/** The visitor's consent, locked for the caller's transaction (a withdrawal and an intake take turns). */
export function consentForUpdate(db: Db, visitorId: string): Promise<ConsentRow | undefined> {
  return maybeOne<ConsentRow>(db, `SELECT * FROM web_consents WHERE visitor_id = $1 FOR UPDATE`, [visitorId]);
}

/** Gives (or renews) the visitor's consent with these categories. */
export async function upsertConsent(db: Db, visitorId: string, categories: string[], noticeVersion: string, at: Date): Promise<void> {
  await execute(
    db,
    `INSERT INTO web_consents (visitor_id, categories, notice_version, given_at) VALUES ($1, $2::text[], $3, $4)
     ON CONFLICT (visitor_id) DO UPDATE SET categories = EXCLUDED.categories, notice_version = EXCLUDED.notice_version,
       given_at = EXCLUDED.given_at, withdrawn_at = NULL`,
    [visitorId, categories, noticeVersion, at],
  );
}

/** The consent is withdrawn: kept as the record that it was (and when), without categories. */
export async function withdrawConsent(db: Db, visitorId: string, noticeVersion: string, at: Date): Promise<void> {
  await execute(db, `UPDATE web_consents SET categories = '{}', withdrawn_at = $2, notice_version = $3 WHERE visitor_id = $1`, [visitorId, at, noticeVersion]);
}

export function deleteEventsOfVisitor(db: Db, visitorId: string): Promise<number> {
  return affected(db, `DELETE FROM web_events WHERE visitor_id = $1`, [visitorId]);
}

/** Stores page views of a visitor whose consent is in force, in one statement. */
export function insertEvents(db: Db, visitorId: string, events: NewEvent[], at: Date, ip: string | null, userAgent: string | null): Promise<number> {
  return affected(
    db,
    `INSERT INTO web_events (visitor_id, occurred_at, page, duration_ms, ip_address, user_agent)
     SELECT $1, $2, e.page, e.duration_ms, $5::inet, $6
       FROM unnest($3::text[], $4::int[]) AS e(page, duration_ms)`,
    [visitorId, at, events.map((e) => e.page), events.map((e) => e.durationMs), ip, userAgent],
  );
}

/** P13: the visitor's events are the customer's from now on (the consent links them). */
export async function linkVisitor(db: Db, visitorId: string, customerId: string, at: Date): Promise<boolean> {
  return (await affected(db, `UPDATE web_consents SET customer_id = $2, linked_at = $3 WHERE visitor_id = $1`, [visitorId, customerId, at])) > 0;
}

export async function insertFormSubmission(
  db: Db,
  row: { customerId: string; visitorId: string | null; form: string; message: string | null; at: Date; matched: boolean },
): Promise<string> {
  const inserted = await one<{ id: string }>(
    db,
    `INSERT INTO web_form_submissions (customer_id, visitor_id, form, message, submitted_at, matched) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [row.customerId, row.visitorId, row.form, row.message, row.at, row.matched],
  );
  return inserted.id;
}

export function consentsOfCustomer(db: Db, customerId: string): Promise<ConsentRow[]> {
  return many<ConsentRow>(db, `SELECT * FROM web_consents WHERE customer_id = $1 ORDER BY linked_at, visitor_id`, [customerId]);
}

export function eventsOfCustomer(db: Db, customerId: string, limit: number): Promise<EventRow[]> {
  return many<EventRow>(
    db,
    `SELECT e.id::text AS id, e.visitor_id, e.occurred_at, e.page, e.duration_ms, host(e.ip_address) AS ip_address, e.user_agent
       FROM web_events e JOIN web_consents wc ON wc.visitor_id = e.visitor_id
      WHERE wc.customer_id = $1
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT $2`,
    [customerId, limit],
  );
}

export function formsOfCustomer(db: Db, customerId: string): Promise<FormRow[]> {
  return many<FormRow>(db, `SELECT id, form, message, submitted_at, matched FROM web_form_submissions WHERE customer_id = $1 ORDER BY submitted_at`, [
    customerId,
  ]);
}

/** How many rows of each table erasure would delete for the customer. */
export function webActivityCountsOf(db: Db, customerId: string): Promise<{ events: number; consents: number; forms: number }> {
  return one(
    db,
    `SELECT (SELECT count(*)::int FROM web_events e JOIN web_consents wc ON wc.visitor_id = e.visitor_id WHERE wc.customer_id = $1) AS events,
            (SELECT count(*)::int FROM web_consents WHERE customer_id = $1) AS consents,
            (SELECT count(*)::int FROM web_form_submissions WHERE customer_id = $1) AS forms`,
    [customerId],
  );
}

export async function eraseWebEventsOf(db: Db, customerId: string): Promise<void> {
  await execute(db, `DELETE FROM web_events WHERE visitor_id IN (SELECT visitor_id FROM web_consents WHERE customer_id = $1)`, [customerId]);
}

/** The consents linked to the customer go (their events first); the visitor ids are forgotten with them. */
export async function eraseWebConsentsOf(db: Db, customerId: string): Promise<void> {
  await eraseWebEventsOf(db, customerId);
  await execute(db, `DELETE FROM web_consents WHERE customer_id = $1`, [customerId]);
}

export async function eraseWebFormsOf(db: Db, customerId: string): Promise<void> {
  await execute(db, `DELETE FROM web_form_submissions WHERE customer_id = $1`, [customerId]);
}

/** P13: events older than the retention period are deleted. */
export function purgeEventsBefore(db: Db, before: Date): Promise<number> {
  return affected(db, `DELETE FROM web_events WHERE occurred_at < $1`, [before]);
}

export interface PageRow {
  label: string;
  people: number;
  views: number;
  total_ms: string;
}

/** Page views since a time, per page, of visitors who consented to analytics. */
export function pageGroups(db: Db, since: Date): Promise<PageRow[]> {
  return many<PageRow>(
    db,
    `SELECT e.page AS label, count(DISTINCT e.visitor_id)::int AS people, count(*)::int AS views, sum(e.duration_ms)::text AS total_ms
       FROM web_events e JOIN web_consents wc ON wc.visitor_id = e.visitor_id
      WHERE e.occurred_at >= $1 AND 'ANALYTICS' = ANY(wc.categories)
      GROUP BY e.page ORDER BY e.page`,
    [since],
  );
}

/** The distinct visitors of some pages (they overlap: one visitor views many pages). */
export async function visitorsOfPages(db: Db, since: Date, pages: string[]): Promise<number> {
  const row = await one<{ people: number }>(
    db,
    `SELECT count(DISTINCT e.visitor_id)::int AS people
       FROM web_events e JOIN web_consents wc ON wc.visitor_id = e.visitor_id
      WHERE e.occurred_at >= $1 AND 'ANALYTICS' = ANY(wc.categories) AND e.page = ANY($2::text[])`,
    [since, pages],
  );
  return row.people;
}

/** The version of the privacy notice published last (P18), which the site's consent refers to; null before the first. */
export async function publishedNoticeVersion(db: Db): Promise<string | null> {
  const row = await one<{ version: number | null }>(db, `SELECT max(version) AS version FROM privacy_notice_versions`);
  return row.version === null ? null : String(row.version);
}
