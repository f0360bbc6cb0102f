import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  service = await server.as('service');
});
afterAll(() => server?.close());

const LIST = `query ($first: Int, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder, $search: String) {
  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy, search: $search) {
    totalCount edges { node { id lastName firstName city postalCode language createdAt } } pageInfo { hasNextPage endCursor } } }`;

describe('filters', () => {
  it('filter by city, postal code prefix, language and source, and count exactly what they match', async () => {
    const expectCount = async (filter: Record<string, string>, sql: string, params: unknown[]) => {
      const result = await service.gql(LIST, { first: 200, filter });
      expect(result.errors).toBeUndefined();
      const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE ${sql}`, params);
      expect(result.data.customers.totalCount, JSON.stringify(filter)).toBe(n);
      expect(n).toBeGreaterThan(0);
    };
    await expectCount({ city: 'tampere' }, `lower(city) = 'tampere'`, []);
    await expectCount({ postalCodePrefix: '00' }, `postal_code LIKE '00%'`, []);
    await expectCount({ language: 'sv' }, `language = 'sv'`, []);
    await expectCount({ source: 'WEB_SHOP' }, `source = 'WEB_SHOP'`, []);
    await expectCount({ city: 'Helsinki', postalCodePrefix: '005' }, `city = 'Helsinki' AND postal_code LIKE '005%'`, []);
  });

  it('[P7] a filter on a field the user may not read is refused', async () => {
    const marketing = await server.as('marketing');
    const result = await marketing.gql(LIST, { first: 5, filter: { source: 'WEB_SHOP' } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.source' });
  });
});

describe('orderings', () => {
  it('sorts by name and pages stably while customers are added', async () => {
    const first = (await service.gql(LIST, { first: 30, orderBy: 'NAME' })).data.customers;
    // Someone adds a customer who sorts before the cursor and one who sorts after it.
    await server.db.query(`INSERT INTO customers (first_name, last_name) VALUES ('Aaro', 'Aaaltonen'), ('Zeta', 'Zzyzx')`);
    const seen = first.edges.map((e: any) => e.node);
    let after = first.pageInfo.endCursor;
    while (after) {
      const page = (await service.gql(LIST, { first: 50, orderBy: 'NAME', after })).data.customers;
      seen.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    const ids = seen.map((c: any) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = seen.map((c: any) => `${c.lastName.toLowerCase()}\u0000${c.firstName.toLowerCase()}`);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(seen.at(-1).lastName).toBe('Zzyzx');
    expect(seen.some((c: any) => c.lastName === 'Aaaltonen')).toBe(false);
  });

  it('sorts newest first', async () => {
    const page = (await service.gql(LIST, { first: 20, orderBy: 'NEWEST' })).data.customers;
    const times = page.edges.map((e: any) => Date.parse(e.node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const next = (await service.gql(LIST, { first: 20, orderBy: 'NEWEST', after: page.pageInfo.endCursor })).data.customers;
    expect(Date.parse(next.edges[0].node.createdAt)).toBeLessThanOrEqual(times.at(-1));
  });

  it('refuses a cursor of another ordering', async () => {
    const page = (await service.gql(LIST, { first: 5, orderBy: 'NAME' })).data.customers;
    const result = await service.gql(LIST, { first: 5, orderBy: 'NEWEST', after: page.pageInfo.endCursor });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(codes(await service.gql(LIST, { first: 5, after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
  });
});
