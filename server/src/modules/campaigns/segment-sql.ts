import { WEB_BEHAVIOUR_CONSENT } from '@rekisteri/schema';
import { Params } from '../../db/sql';
import { badInput } from '../../errors';
import type { SegmentCriteria } from './campaign.model';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** When a segment is judged: the clock's instant, and the company's zone for calendar days. */
export interface SegmentTime {
  now: Date;
  timeZone: string;
}

/**
 * Compiles a segment into a SQL condition on customers `c`, binding every value into `params`.
 * Set-based: order history is read with EXISTS and aggregates, never row by row in Node. Days
 * count back from the clock's `now` (never the database's), and a "customer since" date is a
 * calendar day in the company's time zone.
 */
export function segmentCondition(segment: SegmentCriteria, params: Params, at: SegmentTime): string {
  const bind = (value: unknown) => params.bind(value);
  let boundNow: string | undefined;
  const now = () => (boundNow ??= `${bind(at.now.toISOString())}::timestamptz`);
  const parts: string[] = [];
  const clean = (values: string[] | null | undefined, field: string, max = 100) => {
    const list = (values ?? []).map((v) => v.trim()).filter(Boolean);
    if (list.length > 200) throw badInput(`segment.${field}`, `At most 200 values of ${field}.`);
    if (list.some((v) => v.length > max)) throw badInput(`segment.${field}`, `A value of ${field} is too long.`);
    return list;
  };
  const cities = clean(segment.cities, 'cities');
  if (cities.length) parts.push(`lower(c.city) = ANY(${bind(cities.map((v) => v.toLowerCase()))})`);
  const prefixes = clean(segment.postalCodePrefixes, 'postalCodePrefixes', 10);
  if (prefixes.some((p) => !/^[0-9A-Za-z]+$/.test(p))) throw badInput('segment.postalCodePrefixes', 'A postal code prefix has only digits or letters.');
  if (prefixes.length) parts.push(`c.postal_code LIKE ANY(${bind(prefixes.map((p) => `${p.toUpperCase()}%`))})`);
  if (segment.languages?.length) parts.push(`c.language = ANY(${bind(segment.languages)})`);
  if (segment.hasOrganisation === true) parts.push(`c.organisation_id IS NOT NULL`);
  if (segment.hasOrganisation === false) parts.push(`c.organisation_id IS NULL`);
  if (segment.sources?.length) parts.push(`c.source = ANY(${bind(segment.sources)})`);
  for (const [field, op] of [
    ['customerSinceFrom', '>='],
    ['customerSinceTo', '<'],
  ] as const) {
    const value = segment[field];
    if (!value) continue;
    if (!DATE.test(value)) throw badInput(`segment.${field}`, 'Give a date as YYYY-MM-DD.');
    // The day starts at midnight in the company's zone, whatever the database session's zone is.
    parts.push(`c.created_at ${op} ((${bind(value)}::date${op === '<' ? ' + 1' : ''})::timestamp AT TIME ZONE ${bind(at.timeZone)})`);
  }
  if (segment.customerSinceFrom && segment.customerSinceTo && segment.customerSinceTo < segment.customerSinceFrom) {
    throw badInput('segment.customerSinceTo', 'The end is before the start.');
  }
  const limits = {
    orderedWithinDays: [1, 36_500],
    noOrderForDays: [1, 36_500],
    minTotalSpendCents: [0, 2_000_000_000],
    visitedWithinDays: [1, 3650],
  } as const;
  for (const [field, [min, max]] of Object.entries(limits) as Array<[keyof typeof limits, readonly [number, number]]>) {
    const value = segment[field];
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw badInput(`segment.${field}`, `${field} must be between ${min} and ${max}.`);
    }
  }
  if (segment.orderedSku && segment.orderedSku.trim().length > 64) throw badInput('segment.orderedSku', 'A SKU is at most 64 characters.');
  const within = segment.orderedWithinDays ? ` AND o.ordered_at >= ${now()} - make_interval(days => ${bind(segment.orderedWithinDays)})` : '';
  const sku = segment.orderedSku?.trim();
  if (sku) {
    parts.push(`EXISTS (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id
                         WHERE o.customer_id = c.id AND o.status <> 'CANCELLED' AND l.sku = ${bind(sku)}${within})`);
  } else if (within) {
    parts.push(`EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status <> 'CANCELLED'${within})`);
  }
  if (segment.minTotalSpendCents) {
    parts.push(
      `(SELECT coalesce(sum(o.gross_cents), 0) FROM orders o WHERE o.customer_id = c.id AND o.status <> 'CANCELLED') >= ${bind(segment.minTotalSpendCents)}`,
    );
  }
  if (segment.noOrderForDays) {
    parts.push(
      `NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.ordered_at >= ${now()} - make_interval(days => ${bind(segment.noOrderForDays)}))`,
    );
  }
  const page = segment.visitedPage?.trim();
  if (segment.visitedWithinDays && !page) throw badInput('segment.visitedWithinDays', 'Give the page too (visitedPage).');
  if (page) {
    if (!/^\/[^\s?#]{0,511}$/.test(page)) throw badInput('segment.visitedPage', 'A page is a path such as /products, without a query string.');
    const since = segment.visitedWithinDays ? ` AND we.occurred_at >= ${now()} - make_interval(days => ${bind(segment.visitedWithinDays)})` : '';
    // P13, P17: web behaviour only with marketing consent and never against a PROFILING prohibition (any channel): fails closed.
    parts.push(`EXISTS (SELECT 1 FROM web_events we JOIN web_consents wc ON wc.visitor_id = we.visitor_id
                         WHERE wc.customer_id = c.id AND ${bind(WEB_BEHAVIOUR_CONSENT)} = ANY(wc.categories) AND we.page = ${bind(page)}${since})
                AND NOT EXISTS (SELECT 1 FROM current_prohibitions cp WHERE cp.customer_id = c.id AND cp.kind = 'PROFILING')`);
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** Refuses a segment with a bad value, naming its field as `segment.<field>`: the same checks as compiling it. */
export function validateSegment(segment: SegmentCriteria): void {
  segmentCondition(segment, new Params(), { now: new Date(0), timeZone: 'UTC' });
}

/** The segment as stored: only the fields given. */
export function storedSegment(segment: SegmentCriteria | null | undefined): SegmentCriteria {
  return Object.fromEntries(Object.entries(segment ?? {}).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}
