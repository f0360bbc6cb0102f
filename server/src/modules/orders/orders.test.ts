import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let sales: TestClient;
let customerId: string;
beforeAll(async () => {
  server = await startTestServer();
  sales = await server.as('sales');
  [{ id: customerId }] = await server.db.query(`SELECT id FROM customers ORDER BY customer_number LIMIT 1`);
});
afterAll(() => server?.close());

const CREATE = `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
  id orderNumber status channel channelDetail netCents vatCents grossCents version archived
  lines { position sku quantity unitPriceCents vatRateBasisPoints netCents vatCents grossCents } } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateOrderInput!) { updateOrder(id: $id, version: $v, input: $input) { status closedAt version grossCents } }`;
const TWO_LINES = [
  { sku: 'MUK-01', name: 'Muki', quantity: 2, unitPriceCents: 1000, vatRateBasisPoints: 2550 },
  { sku: 'KHV-500', name: 'Kahvi', quantity: 1, unitPriceCents: 500, vatRateBasisPoints: 1400 },
];
const orderCount = async () => (await server.db.query(`SELECT count(*)::int AS n FROM orders`))[0].n;

describe('orders', () => {
  it('[P1] sales creates an order with two lines; the server computes the totals', async () => {
    const result = await sales.gql(CREATE, { input: { customerId, channel: 'STORE', channelDetail: 'Helsingin myymälä', lines: TWO_LINES } });
    expect(result.errors).toBeUndefined();
    const order = result.data.createOrder;
    expect(order).toMatchObject({ status: 'OPEN', archived: false, netCents: 2500, vatCents: 580, grossCents: 3080, version: 1 });
    expect(order.lines.map((l: any) => l.grossCents)).toEqual([2510, 570]);
    const [event] = await server.db.query(`SELECT actor_username, customer_id FROM audit_events WHERE action = 'ORDER_CREATED' ORDER BY id DESC LIMIT 1`);
    expect(event).toEqual({ actor_username: 'sales', customer_id: customerId });
  });

  it('refuses bad lines naming the field, and creates nothing', async () => {
    const before = await orderCount();
    const cases: Array<[unknown[], string]> = [
      [[{ ...TWO_LINES[0], quantity: 0 }], 'lines.0.quantity'],
      [[TWO_LINES[0], { ...TWO_LINES[1], unitPriceCents: -5 }], 'lines.1.unitPriceCents'],
      [[{ ...TWO_LINES[0], sku: '  ' }], 'lines.0.sku'],
      [[], 'lines'],
    ];
    for (const [lines, field] of cases) {
      const result = await sales.gql(CREATE, { input: { customerId, channel: 'WEB_SHOP', lines } });
      expect(result.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownChannel = await sales.gql(CREATE, { input: { customerId, channel: 'PHONE', lines: TWO_LINES } });
    expect(unknownChannel.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await orderCount()).toBe(before);
  });

  it('[P1] delivering closes the order; a delivered order does not reopen; a stale version conflicts', async () => {
    const created = (await sales.gql(CREATE, { input: { customerId, channel: 'WEB_SHOP', lines: TWO_LINES } })).data.createOrder;
    const delivered = await sales.gql(UPDATE, { id: created.id, v: 1, input: { status: 'DELIVERED' } });
    expect(delivered.data.updateOrder).toMatchObject({ status: 'DELIVERED', version: 2 });
    expect(delivered.data.updateOrder.closedAt).toBeTruthy();
    const reopen = await sales.gql(UPDATE, { id: created.id, v: 2, input: { status: 'OPEN' } });
    expect(reopen.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const stale = await sales.gql(UPDATE, { id: created.id, v: 1, input: { channelDetail: 'x' } });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('[P1] an order closed more than 12 months ago is archived: readable, never changed again', async () => {
    const created = (await sales.gql(CREATE, { input: { customerId, channel: 'STORE', lines: TWO_LINES } })).data.createOrder;
    await server.db.query(`UPDATE orders SET status = 'DELIVERED', closed_at = now() - interval '13 months' WHERE id = $1`, [created.id]);
    const read = await sales.gql(`query ($id: ID!) { order(id: $id) { archived status grossCents } }`, { id: created.id });
    expect(read.data.order).toEqual({ archived: true, status: 'DELIVERED', grossCents: 3080 });
    const update = await sales.gql(UPDATE, { id: created.id, v: created.version, input: { channelDetail: 'Muutettu' } });
    expect(codes(update)).toEqual(['FORBIDDEN']);
    expect(update.errors![0].message).toMatch(/archived/);
    const invoice = await sales.gql(`mutation ($o: ID!) { createInvoice(input: { orderId: $o }) { id } }`, { o: created.id });
    expect(codes(invoice)).toEqual(['FORBIDDEN']);
    const [row] = await server.db.query(`SELECT channel_detail, version FROM orders WHERE id = $1`, [created.id]);
    expect(row).toEqual({ channel_detail: null, version: 1 });
  });

  it('[P1] marketing and partners never read orders; only sales writes them', async () => {
    const [order] = await server.db.query(`SELECT id, customer_id FROM orders LIMIT 1`);
    for (const username of ['marketing', 'partner']) {
      const client = await server.as(username);
      expect(codes(await client.gql(`query ($id: ID!) { order(id: $id) { id } }`, { id: order.id }))).toEqual(['FORBIDDEN']);
    }
    const marketing = await server.as('marketing');
    const viaCustomer = await marketing.gql(`query ($id: ID!) { customer(id: $id) { lastName orders { edges { node { id } } } } }`, {
      id: order.customer_id,
    });
    expect(codes(viaCustomer)).toEqual(['FORBIDDEN']);
    expect(viaCustomer.data.customer).toMatchObject({ lastName: expect.any(String), orders: null });
    for (const username of ['service', 'privacy', 'admin']) {
      const client = await server.as(username);
      expect((await client.gql(`query ($id: ID!) { order(id: $id) { id } }`, { id: order.id })).errors).toBeUndefined();
      expect(codes(await client.gql(CREATE, { input: { customerId, channel: 'STORE', lines: TWO_LINES } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('[P1] lists a customer\'s orders newest first, page by page', async () => {
    const [c] = await server.db.query(`SELECT customer_id AS id FROM orders GROUP BY customer_id HAVING count(*) >= 4 LIMIT 1`);
    const query = `query ($id: ID!, $after: String) { customer(id: $id) { orders(first: 2, after: $after) {
      edges { node { id orderedAt } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await sales.gql(query, { id: c.id })).data.customer.orders;
    const second = (await sales.gql(query, { id: c.id, after: first.pageInfo.endCursor })).data.customer.orders;
    const dates = [...first.edges, ...second.edges].map((e: any) => Date.parse(e.node.orderedAt));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(new Set([...first.edges, ...second.edges].map((e: any) => e.node.id)).size).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
  });
});

describe('batching', () => {
  it('[B6] a page of 100 customers with their latest 5 orders costs at most 3 SQL statements', async () => {
    const statements: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
      const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
      if (text) statements.push(text);
      return (original as any).apply(this, args);
    } as typeof original;
    let result;
    try {
      result = await sales.gql(`{ customers(first: 100) { edges { node { id lastName
        orders(first: 5) { edges { node { orderNumber grossCents lines { sku quantity } } } } } } } }`);
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(result.errors).toBeUndefined();
    const withOrders = result.data.customers.edges.filter((e: any) => e.node.orders.edges.length > 0);
    expect(result.data.customers.edges.length).toBe(100);
    expect(withOrders.length).toBeGreaterThan(50);
    // The session lookup authenticates the request; what the page costs is the rest.
    // The job queue polls in the background through the same pool; that is not the page's cost either.
    const data = statements.filter((s) => !/FROM sessions s JOIN users/.test(s) && !/UPDATE sessions SET last_seen_at/.test(s) && !/pgboss/.test(s));
    expect(data.length, data.join('\n---\n')).toBeLessThanOrEqual(3);
    expect(data.some((s) => s.includes('INSERT INTO audit_events'))).toBe(true);
  });
});
