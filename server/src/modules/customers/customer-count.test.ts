import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP } from '../../db/capped-count';
import { one, Where } from '../../db/sql';
import { findCustomersConsulted } from './customers.repository';
import { buildCustomer } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';

/** Issue 13: the list's count is exact up to the cap, then "more than", with the list's own permission filter. */
let server: TestServer;
let sales: TestClient;
let partner: TestClient;
let partnerId: string;

const COUNT = `query ($search: String) { customers(first: 1, search: $search) { totalCount totalCountCapped edges { node { id } } } }`;
/** The same with a personal field: the page is read with its consultation log, and its count by the same statement. */
const COUNT_LOGGED = `query ($search: String, $first: Int!, $after: String, $before: String) {
  customers(first: $first, after: $after, before: $before, search: $search) {
    totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { cursor node { id lastName } } } }`;

interface Counted {
  totalCount: number;
  totalCountCapped: boolean;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string }>;
}

/** The count as both shapes of the list answer it: they must agree. */
async function countBothWays(client: TestClient, search?: string) {
  const plain = await client.gql(COUNT, { search });
  const logged = await client.gql<{ customers: Counted }>(COUNT_LOGGED, { search, first: 1 });
  expect(plain.errors).toBeUndefined();
  expect(logged.errors).toBeUndefined();
  const pick = (c: Counted) => ({ totalCount: c.totalCount, totalCountCapped: c.totalCountCapped });
  expect(pick((logged.data as { customers: Counted }).customers)).toEqual(pick(plain.data.customers));
  return pick(plain.data.customers);
}

/** Customers made by one set-based statement (never thousands of GraphQL calls), all named `lastName`. */
async function insertCustomers(n: number, lastName: string, partner: string | null = null) {
  await server.db.query(
    `INSERT INTO customers (first_name, last_name, street, postal_code, city, partner_id)
     SELECT 'Laskettava', $2, 'Laskukatu ' || g, '00100', 'Helsinki', $3 FROM generate_series(1, $1::int) g`,
    [n, lastName, partner],
  );
}

beforeAll(async () => {
  server = await startTestServer();
  sales = await server.as('sales');
  partner = await server.as('partner');
  [{ partnerId }] = await server.db.query(`SELECT partner_id AS "partnerId" FROM users WHERE username = 'partner'`);
  // The partner's firm serves exactly the cap; another firm and the company's own customers are past it.
  const [{ n: served }] = await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE partner_id = $1`, [partnerId]);
  await insertCustomers(COUNT_CAP - served, 'Kumppaninasiakas', partnerId);
  await insertCustomers(COUNT_CAP + 5, 'Kattoasiakas');
}, 120_000);
afterAll(() => server?.close());

describe('the customer count', () => {
  it('[P1] is exact under the cap', async () => {
    const few = await Promise.all([1, 2, 3].map(() => buildCustomer(server.db, { lastName: 'Harvinainen-Laskettava' })));
    const result = await sales.gql(COUNT, { search: 'Harvinainen-Laskettava' });
    expect(result.errors).toBeUndefined();
    expect(result.data.customers).toMatchObject({ totalCount: few.length, totalCountCapped: false });
  });

  it('[P1] says "more than the cap" past it, and is exact at the cap itself', async () => {
    expect(await countBothWays(sales, 'Kattoasiakas')).toEqual({ totalCount: COUNT_CAP, totalCountCapped: true });
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE last_name = 'Kattoasiakas'`);
    expect(n).toBe(COUNT_CAP + 5);
    expect(await countBothWays(sales)).toEqual({ totalCount: COUNT_CAP, totalCountCapped: true });
  });

  it('[P4] never counts a row the caller may not see: a partner counts only their firm, exactly, with other firms past the cap', async () => {
    const [{ n: all }] = await server.db.query(`SELECT count(*)::int AS n FROM customers`);
    expect(all).toBeGreaterThan(2 * COUNT_CAP);
    expect(await countBothWays(partner)).toEqual({ totalCount: COUNT_CAP, totalCountCapped: false });
    // A search reaching into rows of the company's own does not count them either.
    expect(await countBothWays(partner, 'Kattoasiakas')).toEqual({ totalCount: 0, totalCountCapped: false });
    // One more of the firm's own: now past the cap.
    await buildCustomer(server.db, { partner: { id: partnerId, name: 'x' } });
    expect(await countBothWays(partner)).toEqual({ totalCount: COUNT_CAP, totalCountCapped: true });
  });

  it('[P3] does not count rows found only by a field the caller may not read', async () => {
    const c = await buildCustomer(server.db, { lastName: 'Puhelinhaku' });
    const marketing = await server.as('marketing');
    expect(await countBothWays(marketing, c.phone!.slice(4))).toEqual({ totalCount: 0, totalCountCapped: false });
    expect(await countBothWays(sales, c.phone!.slice(4))).toEqual({ totalCount: 1, totalCountCapped: false });
  });

  it('[P1] is the same on every page: counted with the page, after a cursor, on the last page and past it', async () => {
    const rows = await Promise.all([1, 2, 3].map(() => buildCustomer(server.db, { lastName: 'Sivutettava-Laskettava' })));
    const page = async (first: number, after?: string | null, before?: string) => {
      const result = await sales.gql<{ customers: Counted }>(COUNT_LOGGED, { search: 'Sivutettava-Laskettava', first, after, before });
      expect(result.errors).toBeUndefined();
      return (result.data as { customers: Counted }).customers;
    };
    const exact = { totalCount: rows.length, totalCountCapped: false };
    const first = await page(2);
    expect(first).toMatchObject({ ...exact, pageInfo: { hasNextPage: true } });
    const second = await page(2, first.pageInfo.endCursor);
    expect(second).toMatchObject({ ...exact, pageInfo: { hasNextPage: false } });
    expect(second.edges).toHaveLength(1);
    // Back before the second page's row: the first page again, counted after its cursor.
    expect(await page(2, null, second.edges[0].cursor)).toMatchObject({ ...exact, edges: first.edges });
    // Past the last row: an empty page, counted on its own.
    expect(await page(2, second.pageInfo.endCursor)).toMatchObject({ ...exact, edges: [] });
    // A first page holding every match counts itself.
    expect(await page(10)).toMatchObject({ ...exact, pageInfo: { hasNextPage: false } });
    // Past the cap, page after page.
    const big = await sales.gql<{ customers: Counted }>(COUNT_LOGGED, { search: 'Kattoasiakas', first: 1 });
    const next = await sales.gql<{ customers: Counted }>(COUNT_LOGGED, { search: 'Kattoasiakas', first: 1, after: big.data?.customers.pageInfo.endCursor });
    for (const r of [big, next]) expect(r.data?.customers).toMatchObject({ totalCount: COUNT_CAP, totalCountCapped: true });
  });

  it("[P1] is read by the page's own statement only when the page cannot tell it", async () => {
    const rows = await Promise.all([1, 2, 3].map(() => buildCustomer(server.db, { lastName: 'Suoraan-Laskettava' })));
    const reader = await one<{ id: string; username: string }>(server.db, `SELECT id, username FROM users WHERE username = 'sales'`);
    const consultation = { actorId: reader.id, actorUsername: reader.username, purpose: null, fields: ['lastName'] };
    const read = (limit: number, always: boolean) => {
      const where = new Where();
      where.and(`c.last_name = ${where.bind('Suoraan-Laskettava')}`);
      const count = { filter: where.toString(), always };
      return findCustomersConsulted(server.db, where, { keys: ['c.customer_number'], direction: 'ASC' }, limit + 1, limit, consultation, { count });
    };
    const exact = { count: rows.length, capped: false };
    // A next page exists: the statement counted.
    expect((await read(2, false)).count).toEqual(exact);
    // The page holds every match: it is its own count, and the statement took none.
    const whole = await read(10, false);
    expect(whole.customers).toHaveLength(rows.length);
    expect(whole.count).toBeUndefined();
    // After a cursor the page cannot tell: counted whatever it holds.
    expect((await read(10, true)).count).toEqual(exact);
  });
});
