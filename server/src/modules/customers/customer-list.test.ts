import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { CustomerOrder } from './customer.model';
import { columnsFor } from './customers.repository';

/** Issue 16: the customer list's sort orders, pages both ways, and the header search's name and number. */
let server: TestServer;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  service = await server.as('service');
});
afterAll(() => server?.close());

const LIST = `query ($first: Int, $after: String, $before: String, $orderBy: CustomerOrder, $search: String) {
  customers(first: $first, after: $after, before: $before, orderBy: $orderBy, search: $search) {
    totalCount edges { cursor node { id customerNumber lastName firstName email phone } } pageInfo { hasNextPage endCursor } } }`;

/** The order each sort must give, as PostgreSQL sorts the same keys (its collation, not JavaScript's). */
const EXPECTED_SQL: Record<CustomerOrder, string> = {
  CUSTOMER_NUMBER: 'customer_number',
  CUSTOMER_NUMBER_DESC: 'customer_number DESC',
  NAME: 'lower(last_name), lower(first_name), id',
  NAME_DESC: 'lower(last_name) DESC, lower(first_name) DESC, id DESC',
  NEWEST: 'created_at DESC, id DESC',
  OLDEST: 'created_at, id',
};

describe('sort orders', () => {
  it.each(Object.values(CustomerOrder))('%s pages through every customer once, in its order, forwards and back', async (orderBy) => {
    const expected = (await server.db.query(`SELECT id FROM customers ORDER BY ${EXPECTED_SQL[orderBy]}`)).map((r: { id: string }) => r.id);
    const pages: Array<{ ids: string[]; first: string }> = [];
    let after: string | null = null;
    do {
      const result: { errors?: unknown; data?: any } = await service.gql(LIST, { first: 60, orderBy, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo }: { edges: any[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = result.data.customers;
      pages.push({ ids: edges.map((e: any) => e.node.id), first: edges[0]?.cursor });
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    expect(pages.flatMap((p) => p.ids)).toEqual(expected);
    expect(pages.length).toBeGreaterThan(2);

    // The previous page, from the first row of each page: exactly the page before it.
    for (let i = pages.length - 1; i > 0; i--) {
      const result = await service.gql(LIST, { first: 60, orderBy, before: pages[i].first });
      expect(result.errors).toBeUndefined();
      expect(result.data.customers.edges.map((e: any) => e.node.id)).toEqual(pages[i - 1].ids);
      expect(result.data.customers.pageInfo.hasNextPage).toBe(true);
    }
  });

  it('refuses a sort order that is not one of the enum, and SQL in its place', async () => {
    for (const orderBy of ['city', 'NAME; DROP TABLE customers', 'c.phone', 'name']) {
      const result = await service.gql(LIST, { first: 5, orderBy });
      expect(result.data).toBeUndefined();
      expect(codes(result)[0]).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    }
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers`);
    expect(n).toBeGreaterThan(0);
  });

  it('refuses a crafted cursor, and after together with before, with the field', async () => {
    const crafted = Buffer.from(JSON.stringify(['1 OR 1=1'])).toString('base64url');
    expect((await service.gql(LIST, { first: 5, orderBy: 'CUSTOMER_NUMBER', after: crafted })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect((await service.gql(LIST, { first: 5, orderBy: 'NEWEST', before: crafted })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'before',
    });
    const page = (await service.gql(LIST, { first: 5 })).data.customers;
    expect((await service.gql(LIST, { first: 5, after: page.pageInfo.endCursor, before: page.edges[0].cursor })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'before',
    });
  });
});

describe('search', () => {
  it('finds a customer by name in either order, by part of each name, and by customer number', async () => {
    const tauno = await buildCustomer(server.db, { firstName: 'Tauno', lastName: 'Turunenkoski' });
    await buildCustomer(server.db, { firstName: 'Tauno', lastName: 'Muukkonen' });
    const found = async (search: string) => (await service.gql(LIST, { first: 20, search })).data.customers.edges.map((e: any) => e.node.id);
    expect(await found('Turunenkoski Tauno')).toEqual([tauno.id]);
    expect(await found('Tauno Turunenkoski')).toEqual([tauno.id]);
    expect(await found('  turunenk   TAU ')).toEqual([tauno.id]);
    expect(await found(tauno.customerNumber)).toEqual([tauno.id]);
    expect(await found('Turunenkoski Eino')).toEqual([]);
  });

  it('marketing cannot find a customer by phone, which it may not read; service can', async () => {
    const customer = await buildCustomer(server.db, { phone: '+358409876543', lastName: 'Puhelinhaku' });
    const marketing = await server.as('marketing');
    const search = `query ($search: String) { customers(first: 5, search: $search) { totalCount edges { node { id } } } }`;
    expect((await service.gql(search, { search: '040 987 6543' })).data.customers.edges).toEqual([{ node: { id: customer.id } }]);
    const result = await marketing.gql(search, { search: '040 987 6543' });
    expect(result.errors).toBeUndefined();
    expect(result.data.customers).toEqual({ totalCount: 0, edges: [] });
  });
});

describe('[issue 13] a page reads only the columns its fields need', () => {
  it.each(Object.values(CustomerOrder))(
    '%s pages through every customer when the page asks for ids alone (its cursor reads its own columns)',
    async (orderBy) => {
      const ids = `query ($after: String, $orderBy: CustomerOrder) {
      customers(first: 70, after: $after, orderBy: $orderBy) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
      const expected = (await server.db.query(`SELECT id FROM customers ORDER BY ${EXPECTED_SQL[orderBy]}`)).map((r: { id: string }) => r.id);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const result: { errors?: unknown; data?: any } = await service.gql(ids, { orderBy, after });
        expect(result.errors).toBeUndefined();
        seen.push(...result.data.customers.edges.map((e: any) => e.node.id));
        after = result.data.customers.pageInfo.hasNextPage ? result.data.customers.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expected);
    },
  );

  it('answers every field on a page, each asked alone, as the record shows it', async () => {
    const privacy = await server.as('privacy');
    const customer = await buildCustomer(server.db, { lastName: 'Sarakelukija', organisation: true, partner: true, restricted: true });
    const fields = [
      'customerNumber',
      'firstName lastName',
      'email phone street postalCode city country language',
      'source version restricted pendingErasure anonymised',
      'createdAt updatedAt',
      'organisation { id name businessId }',
      'partner { id name }',
      'mergedInto { id }',
      'provenance { field }',
    ];
    for (const selection of fields) {
      const page = await privacy.gql(`{ customers(first: 5, search: "Sarakelukija") { edges { node { id ${selection} } } } }`);
      const detail = await privacy.gql(`query ($id: UUID!) { customer(id: $id) { id ${selection} } }`, { id: customer.id });
      expect(page.errors).toBeUndefined();
      expect(detail.errors).toBeUndefined();
      expect(page.data.customers.edges).toEqual([{ node: detail.data.customer }]);
    }
    // The values are there, not nulls on both sides.
    const one = await privacy.gql(
      `{ customers(first: 1, search: "Sarakelukija") { edges { node { organisation { id } partner { id } restricted createdAt } } } }`,
    );
    expect(one.data.customers.edges[0].node).toMatchObject({
      organisation: { id: customer.organisationId },
      partner: { id: customer.partnerId },
      restricted: true,
      createdAt: expect.stringMatching(/^\d{4}-/),
    });
  });

  it('reads every column for a field it does not know (one another module resolves from the record)', () => {
    const all = columnsFor(undefined);
    expect(columnsFor(['id', 'orders'])).toBe(all);
    expect(columnsFor(['id', 'firstName'])).not.toContain('created_at');
    expect(columnsFor(['id', 'firstName'], ['times'])).toContain('created_at');
    expect(columnsFor(['id'])).toBe('c.id, c.partner_id, c.merged_into');
  });
});
