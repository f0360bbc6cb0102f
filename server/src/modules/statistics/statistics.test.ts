import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { K_ANONYMITY } from '../../auth/authorize';
import { buildCustomer, buildOrder } from '../../test/factories';
import { codes, startTestServer, type TestServer } from '../../test/harness';
import { foldSmallGroups, OTHER, overlappingPeople } from './k-anonymous-groups';
import { monthSeries, orderMonthSeries } from './month-series';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const COUNT = `{ count fewerThan }`;
const STATISTICS = `{ statistics { minimumGroupSize customers ${COUNT} customersBySource { label count ${COUNT} } customersByCity { label count ${COUNT} }
  newCustomersPerMonth { month folded count ${COUNT} } ordersPerMonth { label orders revenueCents } ordersPerChannel { label orders revenueCents }
  ordersPerMonthAndChannel { month channel orders revenueCents } orderMonths { month orders revenueCents folded } } }`;

const statistics = async (username = 'sales') => {
  const result = await (await server.as(username)).gql(STATISTICS);
  expect(result.errors).toBeUndefined();
  return result.data.statistics;
};
const sumOf = (buckets: Array<{ count: { count: number | null } }>) => buckets.reduce((n, b) => n + (b.count.count ?? 0), 0);
const sumBy = <T>(rows: T[], value: (row: T) => number) => rows.reduce((n, r) => n + value(r), 0);

type Told = { month: string; folded: boolean; count: { count: number | null; fewerThan: number | null } };
/**
 * What a reader can work out of the new customers per month against the customer total, as a list of
 * small groups given away (empty when none): the customers before the range (the total less every
 * month), and each folded month, known to hold somebody and at most OTHER less one a folded month.
 */
function nothingWorkedOut(s: { customers: { count: number | null }; newCustomersPerMonth: Told[] }): string[] {
  const months = s.newCustomersPerMonth.filter((m) => m.month !== OTHER);
  const other = s.newCustomersPerMonth.find((m) => m.month === OTHER);
  const folded = months.filter((m) => m.folded);
  const shown = sumBy(months, (m) => m.count.count ?? 0);
  const leaks: string[] = [];
  if (other && !folded.length) leaks.push('OTHER without a folded month');
  if (folded.length && !other) leaks.push('folded months without OTHER');
  if (s.customers.count !== null && other?.count.count != null) {
    const before = s.customers.count - shown - other.count.count;
    if (before > 0 && before < K_ANONYMITY) leaks.push(`${before} before the range`);
  }
  const zerosTold = months.some((m) => !m.folded && m.count.count === 0);
  if (zerosTold && folded.length > 0) {
    // Each folded month holds at least one: OTHER tells that one of them holds at most this many.
    const most = other?.count.count == null ? K_ANONYMITY - 1 - (folded.length - 1) : other.count.count - (folded.length - 1);
    if (most < K_ANONYMITY) leaks.push(`a folded month holds 1 to ${most}`);
  }
  return leaks;
}
/** The months of the series as `months` months back from this one (0: this month), YYYY-MM on the server's calendar. */
const monthAgo = async (server: TestServer, months: number): Promise<string> =>
  (await server.db.query(`SELECT to_char(date_trunc('month', now()) - make_interval(months => $1), 'YYYY-MM') AS m`, [months]))[0].m;

describe('folding small groups', () => {
  it('[P2] folds groups under the threshold into OTHER', async () => {
    const groups = [
      { label: 'A', people: 10 },
      { label: 'B', people: 3 },
      { label: 'C', people: 4 },
      { label: 'D', people: 1 },
    ];
    expect(await foldSmallGroups(groups)).toEqual({ shown: [groups[0]], folded: [groups[2], groups[1], groups[3]], otherPeople: 8 });
  });

  it('[P2] folds the smallest shown group too while OTHER would hold fewer than five, so the total less the shown groups tells nobody', async () => {
    const groups = [
      { label: 'A', people: 10 },
      { label: 'B', people: 6 },
      { label: 'C', people: 2 },
    ];
    const { shown, otherPeople } = await foldSmallGroups(groups);
    expect(shown.map((g) => g.label)).toEqual(['A']);
    expect(otherPeople).toBe(8);
  });

  it('[P2] leaves OTHER under five only when every group is folded (then it is told as "fewer than 5")', async () => {
    expect(
      await foldSmallGroups([
        { label: 'A', people: 2 },
        { label: 'B', people: 1 },
      ]),
    ).toMatchObject({ shown: [], otherPeople: 3 });
  });

  it('[P2] counts the people of folded groups that share people once: one person ordering in five months is one person', async () => {
    const months = ['2099-01', '2099-02', '2099-03', '2099-04', '2099-05'].map((label) => ({ label, people: 1 }));
    const { shown, otherPeople } = await foldSmallGroups(months, { peopleOf: overlappingPeople(async () => 1) });
    expect(shown).toEqual([]);
    expect(otherPeople).toBeLessThan(K_ANONYMITY);
  });

  it('keeps only the largest groups when capped', async () => {
    const groups = Array.from({ length: 25 }, (_, i) => ({ label: `city${i}`, people: 100 - i }));
    const { shown, otherPeople } = await foldSmallGroups(groups, { keep: 20 });
    expect(shown).toHaveLength(20);
    expect(otherPeople).toBe(80 + 79 + 78 + 77 + 76);
  });
});

describe('statistics', () => {
  it('[P2] shows aggregates only: every count exact from five up, the orders of every channel in all', async () => {
    const s = await statistics();
    expect(s.minimumGroupSize).toBe(K_ANONYMITY);
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers`);
    expect(s.customers).toEqual({ count: n, fewerThan: null });
    for (const list of [s.customersBySource, s.customersByCity]) {
      for (const bucket of list) expect(bucket.count.count === null ? bucket.count.fewerThan : bucket.count.count).toBeGreaterThanOrEqual(K_ANONYMITY);
    }
    // A month is exact from five up, zero, or folded (and then told as no number at all).
    for (const m of s.newCustomersPerMonth) {
      if (m.folded) expect(m.count).toEqual({ count: null, fewerThan: null });
      else if (m.count.count !== 0) expect(m.count.count ?? m.count.fewerThan).toBeGreaterThanOrEqual(K_ANONYMITY);
    }
    expect(nothingWorkedOut(s)).toEqual([]);
    expect(s.customersByCity.length).toBeLessThanOrEqual(21);
    const channels = s.ordersPerChannel.map((c: any) => c.label).sort();
    expect(channels).toEqual(['RESELLER', 'STORE', 'WEB_SHOP']);
    const [{ orders, total }] = await server.db.query(
      `SELECT count(*)::int AS orders, sum(gross_cents)::bigint AS total FROM orders
        WHERE status <> 'CANCELLED' AND ordered_at >= date_trunc('month', now()) - interval '23 months'`,
    );
    // Nothing is left out: every list of orders adds up to all of them.
    for (const list of [s.ordersPerMonth, s.ordersPerChannel, s.ordersPerMonthAndChannel]) {
      expect(sumBy(list, (b: any) => b.orders)).toBe(orders);
      expect(sumBy(list, (b: any) => b.revenueCents)).toBe(Number(total));
    }
    // Nothing in the answer names a person.
    const text = JSON.stringify(s);
    const [person] = await server.db.query(`SELECT last_name, email FROM customers LIMIT 1`);
    expect(text).not.toContain(person.email);
  });

  it('[P2] a group of one person never shows on its own', async () => {
    await buildCustomer(server.db, { city: 'Utsjoki' });
    const s = await statistics('marketing');
    expect(s.customersByCity.map((c: any) => c.label)).not.toContain('Utsjoki');
  });

  it('[P2] no small group can be worked out by taking the shown groups from the total', async () => {
    // Two people from a source nobody else has: folded into OTHER, and OTHER still under five.
    for (let i = 0; i < 2; i++) await buildCustomer(server.db, { source: 'SUBCONTRACTOR' });
    const s = await statistics();
    expect(s.customersBySource.map((b: any) => b.label)).not.toContain('SUBCONTRACTOR');
    for (const list of [s.customersBySource, s.customersByCity]) {
      expect(s.customers.count - sumOf(list)).toBe(0);
      const other = list.find((b: any) => b.label === OTHER);
      if (other) expect(other.count.count).toBeGreaterThanOrEqual(K_ANONYMITY);
    }
  });

  it("[P2] a month is broken down by channel only when no channel of it is small, so no cell follows from the month's total", async () => {
    // A month of six people: five bought in a store, one from a reseller.
    const orderedAt = new Date('2099-01-15T12:00:00Z');
    for (let i = 0; i < 5; i++) await buildOrder(server.db, { orderedAt });
    const lone = await buildOrder(server.db, { orderedAt, unitPriceCents: 123_400 });
    await server.db.query(`UPDATE orders SET channel = 'RESELLER' WHERE id = $1`, [lone.id]);
    // Two small months of three people each: folded, so OTHER holds five or more whatever the current month holds, and
    // no shown month (2099-01) has to be folded beside them. (Early in a month, its few orders were folded alone, and
    // 2099-01 with them.)
    const padding: string[] = [];
    for (const day of ['2098-01-15', '2098-02-15'])
      for (let i = 0; i < 3; i++) padding.push((await buildOrder(server.db, { orderedAt: new Date(`${day}T12:00:00Z`) })).id);
    const s = await statistics();
    // The padding goes again: the tests after this one fold the months as they find them.
    await server.db.query(`DELETE FROM order_lines WHERE order_id = ANY($1::uuid[])`, [padding]);
    await server.db.query(`DELETE FROM orders WHERE id = ANY($1::uuid[])`, [padding]);
    const month = s.ordersPerMonth.find((m: any) => m.label === '2099-01');
    expect(month.orders).toBe(6);
    const cells = s.ordersPerMonthAndChannel.filter((c: any) => c.month === '2099-01');
    expect(cells).toEqual([]);
    // Whichever months are broken down add up to their totals.
    for (const m of s.ordersPerMonth.filter((b: any) => b.label !== OTHER)) {
      const shown = s.ordersPerMonthAndChannel.filter((c: any) => c.month === m.label);
      if (shown.length > 0)
        expect(
          sumBy(shown, (c: any) => c.revenueCents),
          m.label,
        ).toBe(m.revenueCents);
    }
  });

  it('[P2] every month of the range is in the series, in order, and a month nobody joined is told as zero', async () => {
    const s = await statistics();
    const months = s.newCustomersPerMonth.filter((m: Told) => m.month !== OTHER).map((m: Told) => m.month);
    expect(months).toHaveLength(24);
    expect(months[0]).toBe(await monthAgo(server, 23));
    expect(months[23]).toBe(await monthAgo(server, 0));
    expect([...months].sort()).toEqual(months);
  });

  it('[P2] orders per month: every month of the range in order, a month without orders as zero, the same numbers as the buckets', async () => {
    // A month of two people: folded, with whichever month must be folded beside it.
    for (let i = 0; i < 2; i++) await buildOrder(server.db, { orderedAt: new Date('2099-06-15T12:00:00Z') });
    const s = await statistics();
    type Month = { month: string; orders: number | null; revenueCents: number | null; folded: boolean };
    const months: Month[] = s.orderMonths.filter((m: Month) => m.month !== OTHER);
    const labels = months.map((m) => m.month);
    expect(labels).toEqual([...labels].sort());
    expect(labels[0]).toBe(await monthAgo(server, 23));
    expect(labels).toContain(await monthAgo(server, 0));
    // Every month of the last 24 has its place, with or without orders.
    for (let back = 0; back < 24; back++) expect(labels).toContain(await monthAgo(server, back));
    // A shown month is told as the buckets tell it; a folded one with no numbers; the rest is zero.
    const buckets = new Map(s.ordersPerMonth.map((b: any) => [b.label, b]));
    for (const m of months) {
      if (m.folded) expect([m.orders, m.revenueCents]).toEqual([null, null]);
      else if (buckets.has(m.month))
        expect({ orders: m.orders, revenueCents: m.revenueCents }).toEqual({
          orders: (buckets.get(m.month) as any).orders,
          revenueCents: (buckets.get(m.month) as any).revenueCents,
        });
      else expect([m.month, m.orders, m.revenueCents]).toEqual([m.month, 0, 0]);
    }
    // A month the series folds is not broken down by channel either: the channels' OTHER less the months the series
    // shows would otherwise tell the folded month's orders on its own.
    const folded = months.filter((m) => m.folded).map((m) => m.month);
    expect(folded).toContain('2099-06');
    const brokenDown = new Set(s.ordersPerMonthAndChannel.map((c: { month: string }) => c.month));
    expect(folded.filter((m) => brokenDown.has(m))).toEqual([]);
    // OTHER is the buckets' OTHER, when they tell one.
    const other = s.orderMonths.find((m: Month) => m.month === OTHER);
    const otherBucket = buckets.get(OTHER) as { orders: number; revenueCents: number } | undefined;
    expect(other && { orders: other.orders, revenueCents: other.revenueCents }).toEqual(
      otherBucket && { orders: otherBucket.orders, revenueCents: otherBucket.revenueCents },
    );
  });

  it('[P4] partners may not read statistics', async () => {
    const result = await (await server.as('partner')).gql(STATISTICS);
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});

describe('new customers per month, with the months nobody joined', () => {
  const months = (...people: number[]) => people.map((n, i) => ({ label: `2099-${String(i + 1).padStart(2, '0')}`, people: n }));
  const told = async (people: number[], total: number) => {
    const newCustomersPerMonth = await monthSeries(months(...people), total);
    return { customers: { count: total >= K_ANONYMITY ? total : null }, newCustomersPerMonth };
  };

  it('[P2] tells an empty month as zero between two shown months, and nothing is folded', async () => {
    const s = await told([6, 0, 7], 13);
    expect(s.newCustomersPerMonth).toEqual([
      { month: '2099-01', count: { count: 6, fewerThan: null }, folded: false },
      { month: '2099-02', count: { count: 0, fewerThan: null }, folded: false },
      { month: '2099-03', count: { count: 7, fewerThan: null }, folded: false },
    ]);
  });

  it('[P2] zeros told beside folded months cannot pin a folded month down: five months of one and OTHER of five would say one each', async () => {
    const s = await told([1, 1, 0, 1, 1, 1, 10, 20], 35);
    expect(nothingWorkedOut(s)).toEqual([]);
    // The smallest shown month joins OTHER, so that any folded month could hold five or more.
    expect(s.newCustomersPerMonth.filter((m) => m.folded).map((m) => m.month)).toEqual(['2099-01', '2099-02', '2099-04', '2099-05', '2099-06', '2099-07']);
    expect(s.newCustomersPerMonth.find((m) => m.month === '2099-03')?.count).toEqual({ count: 0, fewerThan: null });
    expect(s.newCustomersPerMonth.at(-1)).toEqual({ month: OTHER, count: { count: 15, fewerThan: null }, folded: false });
  });

  it('[P2] every folded month is told alike: a small month and the large one hidden beside it are neither "fewer than 5" nor a number', async () => {
    const s = await told([1, 0, 5, 9], 15);
    expect(nothingWorkedOut(s)).toEqual([]);
    const folded = s.newCustomersPerMonth.filter((m) => m.folded);
    expect(folded.length).toBeGreaterThanOrEqual(2);
    for (const m of folded) expect(m.count).toEqual({ count: null, fewerThan: null });
  });

  it('[P2] the customers who joined before the range are folded when few, so the total less the months tells nobody', async () => {
    // 3 joined before the range: 30 - 12 - 15 would give them away.
    const s = await told([12, 0, 15], 30);
    expect(nothingWorkedOut(s)).toEqual([]);
    expect(s.newCustomersPerMonth.find((m) => m.month === '2099-02')?.count.count).toBe(0);
    expect(s.newCustomersPerMonth.filter((m) => m.folded)).toHaveLength(1);
  });

  it('[P2] in a register of a handful of customers the zeros are folded too, and the series tells no more than "fewer than 5"', async () => {
    const s = await told([1, 0, 1, 0, 1], 3);
    expect(s.newCustomersPerMonth.every((m) => m.month === OTHER || m.folded)).toBe(true);
    expect(s.newCustomersPerMonth.at(-1)?.count).toEqual({ count: null, fewerThan: K_ANONYMITY });
    expect(nothingWorkedOut(s)).toEqual([]);
  });

  it('[P2] an empty register is all zeros', async () => {
    const s = await told([0, 0], 0);
    expect(s.newCustomersPerMonth.map((m) => m.count.count)).toEqual([0, 0]);
  });
});

describe('new customers per month in the database', () => {
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startTestServer();
  });
  afterAll(() => fresh?.close());

  it('[P2] a month nobody joined between two months of new customers is in the answer as zero, not left out', async () => {
    // Everybody joined long ago, but six customers three months ago and six a month ago.
    await fresh.db.query(`UPDATE customers SET created_at = now() - interval '30 months'`);
    for (const [months, offset] of [
      [3, 0],
      [1, 6],
    ])
      await fresh.db.query(
        `UPDATE customers SET created_at = date_trunc('month', now()) - make_interval(months => $1) + interval '14 days'
          WHERE id IN (SELECT id FROM customers ORDER BY id OFFSET $2 LIMIT 6)`,
        [months, offset],
      );
    const result = await (await fresh.as('sales')).gql(STATISTICS);
    expect(result.errors).toBeUndefined();
    const s = result.data.statistics;
    const series = s.newCustomersPerMonth;
    const [three, two, one] = [await monthAgo(fresh, 3), await monthAgo(fresh, 2), await monthAgo(fresh, 1)];
    const at = (month: string) => series.find((m: Told) => m.month === month);
    expect(at(three)).toEqual({ month: three, folded: false, count: { count: 6, fewerThan: null } });
    expect(at(two)).toEqual({ month: two, folded: false, count: { count: 0, fewerThan: null } });
    expect(at(one)).toEqual({ month: one, folded: false, count: { count: 6, fewerThan: null } });
    expect(series.filter((m: Told) => m.month !== OTHER)).toHaveLength(24);
    expect(nothingWorkedOut(s)).toEqual([]);
  });
});

describe('orders per month, with the months without orders', () => {
  const month = (label: string, people: number, orders = people) => ({ label, people, orders, revenueCents: orders * 1000 });
  const range = ['2099-01', '2099-02', '2099-03', '2099-04'];

  it('[P2] tells a month without orders as zero between shown months, so the chart does not draw its neighbours together', () => {
    const series = orderMonthSeries(range, { shown: [month('2099-01', 6), month('2099-03', 7)], folded: [], otherPeople: 0 });
    expect(series).toEqual([
      { month: '2099-01', orders: 6, revenueCents: 6000, folded: false },
      { month: '2099-02', orders: 0, revenueCents: 0, folded: false },
      { month: '2099-03', orders: 7, revenueCents: 7000, folded: false },
      { month: '2099-04', orders: 0, revenueCents: 0, folded: false },
    ]);
  });

  it('[P2] folds a month of fewer than five people, and tells its orders with OTHER only when OTHER holds five or more', () => {
    const small = orderMonthSeries(range, { shown: [month('2099-01', 6)], folded: [month('2099-02', 2)], otherPeople: 2 });
    // OTHER of two is not told; and as the zeros would then say which months hold somebody, no month but the shown is told.
    expect(small.map((m) => [m.month, m.folded])).toEqual([
      ['2099-01', false],
      ['2099-02', true],
      ['2099-03', true],
      ['2099-04', true],
    ]);
    expect(small.filter((m) => m.folded).every((m) => m.orders === null && m.revenueCents === null)).toBe(true);
    const roomy = orderMonthSeries(range, { shown: [month('2099-01', 6)], folded: [month('2099-02', 3, 4), month('2099-04', 9)], otherPeople: 12 });
    expect(roomy).toEqual([
      { month: '2099-01', orders: 6, revenueCents: 6000, folded: false },
      { month: '2099-02', orders: null, revenueCents: null, folded: true },
      { month: '2099-03', orders: 0, revenueCents: 0, folded: false },
      { month: '2099-04', orders: null, revenueCents: null, folded: true },
      { month: OTHER, orders: 13, revenueCents: 13000, folded: false },
    ]);
  });

  it('[P2] keeps the months of orders after the range in the series, so every order is counted', () => {
    const series = orderMonthSeries(['2099-01'], { shown: [month('2099-05', 5)], folded: [], otherPeople: 0 });
    expect(series.map((m) => [m.month, m.orders])).toEqual([
      ['2099-01', 0],
      ['2099-05', 5],
    ]);
  });
});
