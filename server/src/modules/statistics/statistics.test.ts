import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from '../../test/harness';
import { foldSmallGroups, MINIMUM_GROUP_SIZE, OTHER } from './statistics.service';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const STATISTICS = `{ statistics { minimumGroupSize customers customersBySource { label count } customersByCity { label count }
  newCustomersPerMonth { month count } ordersPerMonth { label orders revenueCents } ordersPerChannel { label orders revenueCents }
  ordersPerMonthAndChannel { month channel orders revenueCents } } }`;

describe('folding small groups', () => {
  it('[P2] folds groups under the threshold into OTHER and drops OTHER when it is still too small', () => {
    const groups = [
      { label: 'A', people: 10, revenue: 100 },
      { label: 'B', people: 3, revenue: 30 },
      { label: 'C', people: 4, revenue: 40 },
      { label: 'D', people: 1, revenue: 1 },
    ];
    expect(foldSmallGroups(groups, ['revenue'])).toEqual([
      { label: 'A', people: 10, revenue: 100 },
      { label: OTHER, people: 8, revenue: 71 },
    ]);
    expect(foldSmallGroups([{ label: 'A', people: 9 }, { label: 'B', people: 2 }], [])).toEqual([{ label: 'A', people: 9 }]);
  });

  it('keeps only the largest groups when capped', () => {
    const groups = Array.from({ length: 25 }, (_, i) => ({ label: `city${i}`, people: 100 - i }));
    const folded = foldSmallGroups(groups, [], 20);
    expect(folded).toHaveLength(21);
    expect(folded.at(-1)).toEqual({ label: OTHER, people: 80 + 79 + 78 + 77 + 76 });
  });
});

describe('statistics', () => {
  it('[P2] shows aggregates only, with no group of fewer than five people', async () => {
    const sales = await server.as('sales');
    const result = await sales.gql(STATISTICS);
    expect(result.errors).toBeUndefined();
    const s = result.data.statistics;
    expect(s.minimumGroupSize).toBe(MINIMUM_GROUP_SIZE);
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers`);
    expect(s.customers).toBe(n);
    for (const list of [s.customersBySource, s.customersByCity, s.newCustomersPerMonth]) {
      for (const bucket of list) expect(bucket.count).toBeGreaterThanOrEqual(MINIMUM_GROUP_SIZE);
    }
    expect(s.customersByCity.length).toBeLessThanOrEqual(21);
    const sourceTotal = s.customersBySource.reduce((a: number, b: any) => a + b.count, 0);
    expect(sourceTotal).toBeLessThanOrEqual(n);
    expect(sourceTotal).toBeGreaterThan(n - 5 * 9);
    const channels = s.ordersPerChannel.map((c: any) => c.label).sort();
    expect(channels).toEqual(['RESELLER', 'STORE', 'WEB_SHOP']);
    const revenue = s.ordersPerChannel.reduce((a: number, c: any) => a + c.revenueCents, 0);
    const [{ total }] = await server.db.query(
      `SELECT sum(gross_cents)::bigint AS total FROM orders WHERE status <> 'CANCELLED' AND ordered_at >= date_trunc('month', now()) - interval '23 months'`,
    );
    expect(revenue).toBe(Number(total));
    // Nothing in the answer names a person.
    const text = JSON.stringify(s);
    const [person] = await server.db.query(`SELECT last_name, email FROM customers LIMIT 1`);
    expect(text).not.toContain(person.email);
  });

  it('[P2] a group of one person never shows on its own', async () => {
    await server.db.query(`INSERT INTO customers (first_name, last_name, city) VALUES ('Yksi', 'Ainoa', 'Utsjoki')`);
    const result = await (await server.as('marketing')).gql(STATISTICS);
    expect(result.data.statistics.customersByCity.map((c: any) => c.label)).not.toContain('Utsjoki');
  });

  it('[P4] partners may not read statistics', async () => {
    const result = await (await server.as('partner')).gql(STATISTICS);
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});
