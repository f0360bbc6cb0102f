import { many, one, type Db } from '../../db/sql';

/** How many people one group holds. */
export interface PeopleRow {
  label: string;
  people: number;
}

/** Orders of one month, one channel or one month and channel; the others are null. */
export interface OrderGroupRow {
  month: string | null;
  channel: string | null;
  orders: number;
  /** Gross cents; bigint, read as text and converted by the caller. */
  revenue: string;
  people: number;
}

/** The orders counted: not cancelled, from the start of the month `months - 1` months ago. */
const ORDERS_IN_WINDOW = `FROM orders WHERE status <> 'CANCELLED' AND ordered_at >= date_trunc('month', now()) - make_interval(months => $1)`;
const MONTH = `to_char(date_trunc('month', ordered_at), 'YYYY-MM')`;

export async function customerCount(db: Db): Promise<number> {
  return (await one<{ people: number }>(db, `SELECT count(*)::int AS people FROM customers`)).people;
}

export function customersBySource(db: Db): Promise<PeopleRow[]> {
  return many<PeopleRow>(db, `SELECT source AS label, count(*)::int AS people FROM customers GROUP BY source ORDER BY source`);
}

/** '-' for customers without a city. */
export function customersByCity(db: Db): Promise<PeopleRow[]> {
  return many<PeopleRow>(db, `SELECT coalesce(city, '-') AS label, count(*)::int AS people FROM customers GROUP BY 1 ORDER BY 1`);
}

/** Every month from `months - 1` months ago to this one, oldest first, with 0 for a month nobody joined. */
export function newCustomersPerMonth(db: Db, months: number): Promise<PeopleRow[]> {
  return many<PeopleRow>(
    db,
    `SELECT to_char(m.month, 'YYYY-MM') AS label, count(c.id)::int AS people
       FROM generate_series(date_trunc('month', now()) - make_interval(months => $1), date_trunc('month', now()), interval '1 month') AS m(month)
       LEFT JOIN customers c ON c.created_at >= m.month AND c.created_at < m.month + interval '1 month'
      GROUP BY m.month ORDER BY m.month`,
    [months - 1],
  );
}

/**
 * Orders, revenue and distinct people per month and channel, per month and per channel, in one
 * scan. People are distinct within each group: a customer ordering in two channels counts in both.
 */
export function orderGroups(db: Db, months: number): Promise<OrderGroupRow[]> {
  return many<OrderGroupRow>(
    db,
    `SELECT ${MONTH} AS month, channel, count(*)::int AS orders, sum(gross_cents)::text AS revenue,
            count(DISTINCT customer_id)::int AS people
       ${ORDERS_IN_WINDOW}
      GROUP BY GROUPING SETS ((${MONTH}, channel), (${MONTH}), (channel))
      ORDER BY 1, 2`,
    [months - 1],
  );
}

/** Which orders a set of groups covers: whole months, whole channels, or month|channel cells. */
export type OrderGrouping = 'month' | 'channel' | 'cell';
const GROUP_KEY: Record<OrderGrouping, string> = { month: MONTH, channel: 'channel', cell: `${MONTH} || '|' || channel` };

/** The distinct people who ordered in any of these groups: a person in two of them counts once. */
export async function peopleInOrderGroups(db: Db, months: number, grouping: OrderGrouping, labels: readonly string[]): Promise<number> {
  const row = await one<{ people: number }>(
    db,
    `SELECT count(DISTINCT customer_id)::int AS people ${ORDERS_IN_WINDOW} AND ${GROUP_KEY[grouping]} = ANY($2::text[])`,
    [months - 1, labels],
  );
  return row.people;
}

/** Per channel, the distinct people who ordered in these months. */
export function peoplePerChannelInMonths(db: Db, months: number, labels: readonly string[]): Promise<PeopleRow[]> {
  return many<PeopleRow>(
    db,
    `SELECT channel AS label, count(DISTINCT customer_id)::int AS people ${ORDERS_IN_WINDOW} AND ${MONTH} = ANY($2::text[]) GROUP BY channel`,
    [months - 1, labels],
  );
}
