import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { K_ANONYMITY } from '../../auth/authorize';
import { buildCustomer, buildOrder } from '../../test/factories';
import { codes, startTestServer, type TestServer } from '../../test/harness';
import { foldSmallGroups, OTHER, overlappingPeople } from './k-anonymous-groups';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const COUNT = `{ count fewerThan }`;
const STATISTICS = `{ statistics { minimumGroupSize customers ${COUNT} customersBySource { label count ${COUNT} } customersByCity { label count ${COUNT} }
  newCustomersPerMonth { month count ${COUNT} } ordersPerMonth { label orders revenueCents } ordersPerChannel { label orders revenueCents }
  ordersPerMonthAndChannel { month channel orders revenueCents } } }`;

const statistics = async (username = 'sales') => {
  const result = await (await server.as(username)).gql(STATISTICS);
  expect(result.errors).toBeUndefined();
  return result.data.statistics;
};
const sumOf = (buckets: Array<{ count: { count: number | null } }>) => buckets.reduce((n, b) => n + (b.count.count ?? 0), 0);
const sumBy = <T>(rows: T[], value: (row: T) => number) => rows.reduce((n, r) => n + value(r), 0);

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
    for (const list of [s.customersBySource, s.customersByCity, s.newCustomersPerMonth]) {
      for (const bucket of list) expect(bucket.count.count === null ? bucket.count.fewerThan : bucket.count.count).toBeGreaterThanOrEqual(K_ANONYMITY);
    }
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
    const s = await statistics();
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

  it('[P4] partners may not read statistics', async () => {
    const result = await (await server.as('partner')).gql(STATISTICS);
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});
