import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { forbidden } from '../../errors';
import type { Statistics } from './statistics.type';

/** P2: no group smaller than this shows on its own, so no individual shows through. */
export const MINIMUM_GROUP_SIZE = 5;
export const OTHER = 'OTHER';

interface Group {
  label: string;
  people: number;
  [measure: string]: string | number;
}

/**
 * Folds groups of fewer than MINIMUM_GROUP_SIZE people into OTHER (measures summed); OTHER itself
 * is left out when it is still too small. `keep` caps how many groups show by size.
 */
export function foldSmallGroups<T extends Group>(groups: T[], measures: string[], keep = Infinity): T[] {
  const sorted = keep === Infinity ? groups : [...groups].sort((a, b) => b.people - a.people);
  const shown: T[] = [];
  const other = { label: OTHER, people: 0 } as T;
  for (const m of measures) (other as Group)[m] = 0;
  for (const group of sorted) {
    if (group.people >= MINIMUM_GROUP_SIZE && shown.length < keep) {
      shown.push(group);
    } else {
      (other as Group).people += group.people;
      for (const m of measures) (other as Group)[m] = Number(other[m]) + Number(group[m]);
    }
  }
  if (other.people >= MINIMUM_GROUP_SIZE) shown.push(other);
  return shown;
}

const MONTHS = 24;

export class StatisticsService {
  constructor(private readonly db: DataSource) {}

  async statistics(actor: Actor): Promise<Statistics> {
    if (!actor.ability.can('read', 'Statistics')) throw forbidden('You may not read statistics.');
    const q = (sql: string, params: unknown[] = []) => this.db.query(sql, params) as Promise<Array<Record<string, any>>>;
    const [[{ customers }], bySource, byCity, perMonth, orders] = await Promise.all([
      q(`SELECT count(*)::int AS customers FROM customers`),
      q(`SELECT source AS label, count(*)::int AS people FROM customers GROUP BY source ORDER BY source`),
      q(`SELECT coalesce(city, '-') AS label, count(*)::int AS people FROM customers GROUP BY 1`),
      q(
        `SELECT to_char(date_trunc('month', created_at), 'YYYY-MM') AS label, count(*)::int AS people
           FROM customers WHERE created_at >= date_trunc('month', now()) - make_interval(months => $1)
          GROUP BY 1 ORDER BY 1`,
        [MONTHS - 1],
      ),
      q(
        `SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS month, channel,
                count(*)::int AS orders, sum(gross_cents)::bigint AS revenue, count(DISTINCT customer_id)::int AS people
           FROM orders WHERE status <> 'CANCELLED' AND ordered_at >= date_trunc('month', now()) - make_interval(months => $1)
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [MONTHS - 1],
      ),
    ]);
    const monthTotals = new Map<string, Group>();
    const channelTotals = new Map<string, Group>();
    // People are counted per group; a customer ordering in two channels counts in both.
    const [perMonthPeople, perChannelPeople] = await Promise.all([
      q(
        `SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS label, count(DISTINCT customer_id)::int AS people
           FROM orders WHERE status <> 'CANCELLED' AND ordered_at >= date_trunc('month', now()) - make_interval(months => $1) GROUP BY 1`,
        [MONTHS - 1],
      ),
      q(
        `SELECT channel AS label, count(DISTINCT customer_id)::int AS people
           FROM orders WHERE status <> 'CANCELLED' AND ordered_at >= date_trunc('month', now()) - make_interval(months => $1) GROUP BY 1`,
        [MONTHS - 1],
      ),
    ]);
    for (const row of orders) {
      const m = monthTotals.get(row.month) ?? { label: row.month, people: 0, orders: 0, revenueCents: 0 };
      m.orders = Number(m.orders) + row.orders;
      m.revenueCents = Number(m.revenueCents) + Number(row.revenue);
      monthTotals.set(row.month, m);
      const c = channelTotals.get(row.channel) ?? { label: row.channel, people: 0, orders: 0, revenueCents: 0 };
      c.orders = Number(c.orders) + row.orders;
      c.revenueCents = Number(c.revenueCents) + Number(row.revenue);
      channelTotals.set(row.channel, c);
    }
    for (const row of perMonthPeople) monthTotals.get(row.label)!.people = row.people;
    for (const row of perChannelPeople) channelTotals.get(row.label)!.people = row.people;

    const orderBucket = (g: Group) => ({ label: g.label, orders: Number(g.orders), revenueCents: Number(g.revenueCents) });
    const monthChannel = orders.map((r) => ({ label: `${r.month}|${r.channel}`, people: r.people, orders: r.orders, revenueCents: Number(r.revenue) }));
    return {
      minimumGroupSize: MINIMUM_GROUP_SIZE,
      customers: customers >= MINIMUM_GROUP_SIZE ? customers : 0,
      customersBySource: foldSmallGroups(bySource as Group[], []).map((g) => ({ label: g.label, count: g.people })),
      customersByCity: foldSmallGroups(byCity as Group[], [], 20).map((g) => ({ label: g.label, count: g.people })),
      newCustomersPerMonth: foldSmallGroups(perMonth as Group[], []).map((g) => ({ month: g.label, count: g.people })),
      ordersPerMonth: foldSmallGroups([...monthTotals.values()], ['orders', 'revenueCents']).map(orderBucket),
      ordersPerChannel: foldSmallGroups([...channelTotals.values()], ['orders', 'revenueCents']).map(orderBucket),
      ordersPerMonthAndChannel: foldSmallGroups(monthChannel, ['orders', 'revenueCents']).map((g) => {
        const [month, channel] = g.label === OTHER ? [OTHER, OTHER] : g.label.split('|');
        return { month, channel, orders: Number(g.orders), revenueCents: Number(g.revenueCents) };
      }),
    };
  }
}
