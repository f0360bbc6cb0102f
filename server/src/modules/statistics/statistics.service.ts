import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { K_ANONYMITY, kAnonymous, requireRight } from '../../auth/authorize';
import { readReplica } from '../../db/replicas';
import type { Db } from '../../db/sql';
import { foldSmallGroups, OTHER, overlappingPeople, type Group } from './k-anonymous-groups';
import { monthSeries, orderMonthSeries } from './month-series';
import {
  customerCount,
  customersByCity,
  customersBySource,
  newCustomersPerMonth,
  orderGroups,
  peopleInOrderGroups,
  peoplePerChannelInMonths,
  type OrderGroupRow,
  type OrderGrouping,
  type PeopleRow,
} from './statistics.repository';
import type { CountBucket, MonthChannelBucket, OrderBucket, Statistics } from './statistics.model';

export { OTHER } from './k-anonymous-groups';

/** How many months of new customers and orders the statistics cover. */
const MONTHS = 24;
/** How many cities show by name. */
const CITIES = 20;

interface OrderGroup extends Group {
  orders: number;
  revenueCents: number;
}

interface Cell extends OrderGroup {
  month: string;
  channel: string;
}

const orderGroup = (label: string, row: OrderGroupRow): OrderGroup => ({
  label,
  people: row.people,
  orders: row.orders,
  revenueCents: Number(row.revenue),
});

/**
 * P2: aggregates only, and k-anonymous: every count is either exact and at least K, or only
 * "fewer than K"; no group of fewer than K people shows, and none can be worked out by taking
 * the shown groups from a total (OTHER holds nobody or at least K people).
 */
export class StatisticsService {
  constructor(private readonly db: DataSource) {}

  async statistics(actor: Actor): Promise<Statistics> {
    requireRight(actor, 'read', 'Statistics', 'You may not read statistics.');
    // Every statement of one answer on the same server: a replica when one is usable (db/replicas.ts).
    return readReplica(this.db, (db) => this.compute(db));
  }

  private async compute(db: Db): Promise<Statistics> {
    const [customers, bySource, byCity, perMonth, groups] = await Promise.all([
      customerCount(db),
      customersBySource(db),
      customersByCity(db),
      newCustomersPerMonth(db, MONTHS),
      orderGroups(db, MONTHS),
    ]);
    const cells: Cell[] = groups
      .filter((g) => g.month !== null && g.channel !== null)
      .map((g) => ({ ...orderGroup(`${g.month}|${g.channel}`, g), month: g.month as string, channel: g.channel as string }));
    const months = groups.filter((g) => g.month !== null && g.channel === null).map((g) => orderGroup(g.month as string, g));
    const channels = groups.filter((g) => g.month === null && g.channel !== null).map((g) => orderGroup(g.channel as string, g));
    // The months' orders folded once, as the months are told as a series too (zeros included): ordersPerMonth and
    // orderMonths tell the same folding, so neither can be worked out against the other.
    const orderMonthsFolded = await this.foldOrderGroups(db, months, 'month', { eachHoldsSomeone: true });
    return {
      minimumGroupSize: K_ANONYMITY,
      customers: kAnonymous(customers),
      customersBySource: await this.peopleBuckets(bySource),
      customersByCity: await this.peopleBuckets(byCity, CITIES),
      newCustomersPerMonth: await monthSeries(perMonth, customers),
      ordersPerMonth: orderBuckets(orderMonthsFolded),
      orderMonths: orderMonthSeries(
        perMonth.map((m) => m.label),
        orderMonthsFolded,
      ),
      ordersPerChannel: orderBuckets(await this.foldOrderGroups(db, channels, 'channel')),
      ordersPerMonthAndChannel: await this.monthChannelBuckets(
        db,
        cells,
        orderMonthsFolded.folded.map((g) => g.label),
      ),
    };
  }

  /** Groups of customers (each in one group): the small ones folded into OTHER, told as "fewer than K" if it is small. */
  private async peopleBuckets(rows: PeopleRow[], keep?: number): Promise<CountBucket[]> {
    const { shown, folded, otherPeople } = await foldSmallGroups(rows, { keep });
    const buckets: CountBucket[] = shown.map((g) => ({ label: g.label, count: kAnonymous(g.people) }));
    if (folded.length > 0) buckets.push({ label: OTHER, count: kAnonymous(otherPeople) });
    return buckets;
  }

  /**
   * Orders per month or per channel, the small groups folded. A person may order in several groups, so OTHER's people
   * are counted distinct.
   */
  private foldOrderGroups(db: Db, groups: OrderGroup[], grouping: OrderGrouping, options: { eachHoldsSomeone?: boolean } = {}) {
    const peopleOf = overlappingPeople<OrderGroup>((folded) =>
      peopleInOrderGroups(
        db,
        MONTHS,
        grouping,
        folded.map((g) => g.label),
      ),
    );
    return foldSmallGroups(groups, { peopleOf, ...options });
  }

  /**
   * Orders per month and channel. The months and the channels are told on their own too, so a
   * hidden cell could be worked out from its month's total less the shown cells of that month:
   * a month is therefore broken down only when every cell of it has K people or more, and
   * otherwise goes whole into OTHER. Likewise for a channel: while the hidden months hold fewer
   * than K people of some channel (or fewer than K in all), the smallest shown month that would
   * mend it is hidden too.
   */
  private async monthChannelBuckets(db: Db, cells: Cell[], foldedMonths: readonly string[]): Promise<MonthChannelBucket[]> {
    const byMonth = new Map<string, Cell[]>();
    for (const cell of cells) byMonth.set(cell.month, [...(byMonth.get(cell.month) ?? []), cell]);
    // The months the month series folds stay hidden here too: otherwise this OTHER less the months the series shows
    // would tell a folded month's orders (fewer than K people) on its own.
    const hidden = new Set([
      ...[...byMonth].filter(([, row]) => row.some((c) => c.people < K_ANONYMITY)).map(([month]) => month),
      ...foldedMonths.filter((m) => byMonth.has(m)),
    ]);
    const peopleOfRow = (month: string) => Math.max(...(byMonth.get(month) ?? []).map((c) => c.people));
    let hiddenPeople = 0;
    for (;;) {
      if (hidden.size === 0) break;
      const labels = [...hidden];
      const [all, perChannel] = await Promise.all([peopleInOrderGroups(db, MONTHS, 'month', labels), peoplePerChannelInMonths(db, MONTHS, labels)]);
      hiddenPeople = all;
      const short = perChannel.find((c) => c.people < K_ANONYMITY)?.label;
      const candidates = [...byMonth.keys()]
        .filter((m) => !hidden.has(m))
        .filter((m) => (short ? byMonth.get(m)?.some((c) => c.channel === short) : all < K_ANONYMITY))
        .sort((a, b) => peopleOfRow(a) - peopleOfRow(b));
      if ((!short && all >= K_ANONYMITY) || candidates.length === 0) break;
      hidden.add(candidates[0]);
    }
    const buckets: MonthChannelBucket[] = cells
      .filter((c) => !hidden.has(c.month))
      .map(({ month, channel, orders, revenueCents }) => ({ month, channel, orders, revenueCents }));
    const folded = cells.filter((c) => hidden.has(c.month));
    if (folded.length > 0 && hiddenPeople >= K_ANONYMITY) buckets.push({ month: OTHER, channel: OTHER, ...totals(folded) });
    return buckets;
  }
}

/** The shown groups, then OTHER when it holds K people or more: a bucket of fewer would describe them by its orders. */
function orderBuckets({ shown, folded, otherPeople }: { shown: OrderGroup[]; folded: OrderGroup[]; otherPeople: number }): OrderBucket[] {
  const buckets: OrderBucket[] = shown.map(({ label, orders, revenueCents }) => ({ label, orders, revenueCents }));
  if (folded.length > 0 && otherPeople >= K_ANONYMITY) buckets.push({ label: OTHER, ...totals(folded) });
  return buckets;
}

function totals(groups: OrderGroup[]): { orders: number; revenueCents: number } {
  return {
    orders: groups.reduce((n, g) => n + g.orders, 0),
    revenueCents: groups.reduce((n, g) => n + g.revenueCents, 0),
  };
}
