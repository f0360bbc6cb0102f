import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { ConfigError, parseConfig } from '../../config';
import { buildCustomer, buildOrder, type BuiltCustomer } from '../../test/factories';
import { codes, startTestServer, type GraphQLResponse, type TestClient, type TestServer } from '../../test/harness';

/** The server reads the time from this clock; it stands still at the real time unless a test moves it. */
const clock = new ManualClock();
let server: TestServer;
let sales: TestClient;
let customer: BuiltCustomer;
beforeAll(async () => {
  server = await startTestServer({}, { clock });
  sales = await server.as('sales');
  customer = await buildCustomer(server.db);
});
afterEach(() => clock.set(new Date()));
afterAll(() => server?.close());

const CREATE = `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
  id orderNumber status channel channelDetail orderedAt netCents vatCents grossCents version archived
  lines { position sku quantity unitPriceCents vatRateBasisPoints netCents vatCents grossCents } } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateOrderInput!) { updateOrder(id: $id, version: $v, input: $input) { status closedAt version grossCents archived } }`;
const ORDER = `query ($id: UUID!) { order(id: $id) { id archived status netCents vatCents grossCents lines { quantity unitPriceCents netCents vatCents grossCents } } }`;
/** The customer's orders, newest first (the customer id is a literal: its argument type belongs to the customers module). */
const ordersOf = (customerId: string, page = 'first: 5') => `{ customer(id: "${customerId}") { orders(${page}) {
  edges { node { id orderedAt netCents vatCents grossCents lines { netCents vatCents grossCents } } } pageInfo { hasNextPage endCursor } } } }`;
/** An edge of a customer's order list, as these tests read it. */
type Edge = { node: { id: string } & Record<string, unknown> };
const TWO_LINES = [
  { sku: 'MUK-01', name: 'Muki', quantity: 2, unitPriceCents: 1000, vatRateBasisPoints: 2550 },
  { sku: 'KHV-500', name: 'Kahvi', quantity: 1, unitPriceCents: 500, vatRateBasisPoints: 1400 },
];
const orderCount = async (customerId?: string) =>
  (await server.db.query(`SELECT count(*)::int AS n FROM orders WHERE $1::uuid IS NULL OR customer_id = $1`, [customerId ?? null]))[0].n;

describe('orders', () => {
  it('[P1] sales creates an order with two lines; the server computes the totals', async () => {
    const result = await sales.gql(CREATE, { input: { customerId: customer.id, channel: 'STORE', channelDetail: 'Helsingin myymälä', lines: TWO_LINES } });
    expect(result.errors).toBeUndefined();
    const order = result.data.createOrder;
    expect(order).toMatchObject({ status: 'OPEN', archived: false, netCents: 2500, vatCents: 580, grossCents: 3080, version: 1 });
    expect(order.lines.map((l: { grossCents: number }) => l.grossCents)).toEqual([2510, 570]);
    const [event] = await server.db.query(`SELECT actor_username, customer_id FROM audit_events WHERE action = 'ORDER_CREATED' ORDER BY id DESC LIMIT 1`);
    expect(event).toEqual({ actor_username: 'sales', customer_id: customer.id });
  });

  it('refuses bad lines naming the field, and creates nothing', async () => {
    const before = await orderCount();
    const cases: Array<[unknown[], string]> = [
      [[{ ...TWO_LINES[0], quantity: 0 }], 'lines.0.quantity'],
      [[{ ...TWO_LINES[0], quantity: 1_000_001 }], 'lines.0.quantity'],
      [[TWO_LINES[0], { ...TWO_LINES[1], unitPriceCents: -5 }], 'lines.1.unitPriceCents'],
      [[{ ...TWO_LINES[0], unitPriceCents: 10_000_000_001 }], 'lines.0.unitPriceCents'],
      [[{ ...TWO_LINES[0], vatRateBasisPoints: 10_001 }], 'lines.0.vatRateBasisPoints'],
      [[{ ...TWO_LINES[0], sku: '  ' }], 'lines.0.sku'],
      [[], 'lines'],
    ];
    for (const [lines, field] of cases) {
      const result = await sales.gql(CREATE, { input: { customerId: customer.id, channel: 'WEB_SHOP', lines } });
      expect(result.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownChannel = await sales.gql(CREATE, { input: { customerId: customer.id, channel: 'PHONE', lines: TWO_LINES } });
    expect(unknownChannel.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await orderCount()).toBe(before);
  });

  it('[P1] a VAT rate not in force is refused at the field', async () => {
    // The rates in force are configured (VAT_RATES, Finland 2026 by default) and offered to the order form.
    expect((await sales.gql(`{ vatRates }`)).data.vatRates).toEqual([2550, 1400, 1350, 1000, 0]);
    const before = await orderCount(customer.id);
    const notInForce = await sales.gql(CREATE, {
      input: { customerId: customer.id, channel: 'STORE', lines: [TWO_LINES[0], { ...TWO_LINES[1], vatRateBasisPoints: 2400 }] },
    });
    expect(notInForce.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.1.vatRateBasisPoints' });
    expect(notInForce.errors?.[0].message).toBe('24 % is not a VAT rate in force. The rates in force are 25.5 %, 14 %, 13.5 %, 10 %, 0 %.');
    expect(await orderCount(customer.id)).toBe(before);

    const food = await sales.gql(CREATE, { input: { customerId: customer.id, channel: 'STORE', lines: [{ ...TWO_LINES[1], vatRateBasisPoints: 1350 }] } });
    expect(food.errors).toBeUndefined();
    expect(food.data.createOrder).toMatchObject({ netCents: 500, vatCents: 68, grossCents: 568 });
    // New lines of an open order too; nothing changes.
    const relined = await sales.gql(UPDATE, { id: food.data.createOrder.id, v: 1, input: { lines: [{ ...TWO_LINES[0], vatRateBasisPoints: 2200 }] } });
    expect(relined.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.vatRateBasisPoints' });
    expect((await sales.gql(ORDER, { id: food.data.createOrder.id })).data.order).toMatchObject({ grossCents: 568 });

    // The list is validated once at start-up: a list that is not one stops the process naming the variable.
    expect(parseConfig({ VAT_RATES: '24,10,0' }).vatRates).toEqual([2400, 1000, 0]);
    for (const bad of ['', '25,5%', '24,24', '120']) {
      expect(() => parseConfig({ VAT_RATES: bad }), bad).toThrow(ConfigError);
      expect(() => parseConfig({ VAT_RATES: bad }), bad).toThrow(/VAT_RATES/);
    }
  });

  it('[P1] an order of 1,000 x 1,000,000.00 € is refused at the line naming its quantity; nothing is stored and the orders still read', async () => {
    const giant = await buildCustomer(server.db);
    await buildOrder(server.db, { customer: giant });
    const lines = [{ sku: 'JÄTTI', name: 'Jättitilaus', quantity: 1000, unitPriceCents: 100_000_000, vatRateBasisPoints: 2550 }];
    const result = await sales.gql(CREATE, { input: { customerId: giant.id, channel: 'STORE', lines } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.quantity' });
    expect(result.data?.createOrder ?? null).toBeNull();
    expect(await orderCount(giant.id)).toBe(1);
    const read = await sales.gql(ordersOf(giant.id));
    expect(read.errors).toBeUndefined();
    expect(read.data.customer.orders.edges).toHaveLength(1);
    // Over the order's maximum with two lines that are each within bounds: the second line is named.
    const two = await sales.gql(CREATE, {
      input: {
        customerId: giant.id,
        channel: 'STORE',
        lines: [
          { ...lines[0], unitPriceCents: 60_000_000 },
          { ...lines[0], unitPriceCents: 30_000_000 },
        ],
      },
    });
    expect(two.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.1.quantity' });
    expect(await orderCount(giant.id)).toBe(1);
  });

  it('[P1] an order whose gross is over 2^31 - 1 cents but within bounds is stored and read back exactly', async () => {
    const rich = await buildCustomer(server.db);
    const lines = [{ sku: 'KONE', name: 'Teollisuuskone', quantity: 100, unitPriceCents: 50_000_000, vatRateBasisPoints: 2550 }];
    const created = await sales.gql(CREATE, { input: { customerId: rich.id, channel: 'RESELLER', lines } });
    expect(created.errors).toBeUndefined();
    const totals = { netCents: 5_000_000_000, vatCents: 1_275_000_000, grossCents: 6_275_000_000 };
    expect(created.data.createOrder).toMatchObject(totals);
    expect(totals.grossCents).toBeGreaterThan(2 ** 31 - 1);

    const byId = await sales.gql(ORDER, { id: created.data.createOrder.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.order).toMatchObject({ ...totals, lines: [{ quantity: 100, unitPriceCents: 50_000_000, ...totals }] });
    const list = await sales.gql(ordersOf(rich.id));
    expect(list.errors).toBeUndefined();
    expect(list.data.customer.orders.edges.map((e: Edge) => e.node)).toEqual([
      { id: created.data.createOrder.id, orderedAt: created.data.createOrder.orderedAt, ...totals, lines: [totals] },
    ]);
    const [row] = await server.db.query(`SELECT gross_cents FROM orders WHERE id = $1`, [created.data.createOrder.id]);
    expect(row.gross_cents).toBe('6275000000');
  });

  it('[P1] delivering closes the order; a delivered order does not reopen; a stale version conflicts', async () => {
    const created = (await sales.gql(CREATE, { input: { customerId: customer.id, channel: 'WEB_SHOP', lines: TWO_LINES } })).data.createOrder;
    const delivered = await sales.gql(UPDATE, { id: created.id, v: 1, input: { status: 'DELIVERED' } });
    expect(delivered.data.updateOrder).toMatchObject({ status: 'DELIVERED', version: 2 });
    expect(delivered.data.updateOrder.closedAt).toBeTruthy();
    const reopen = await sales.gql(UPDATE, { id: created.id, v: 2, input: { status: 'OPEN' } });
    expect(reopen.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const stale = await sales.gql(UPDATE, { id: created.id, v: 1, input: { channelDetail: 'x' } });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('[P1] an order closed more than 12 months ago is archived: readable, never changed again', async () => {
    const closedAt = new Date(Date.now() - 400 * 86_400_000);
    const order = await buildOrder(server.db, { customer, status: 'DELIVERED', orderedAt: closedAt, closedAt });
    const read = await sales.gql(`query ($id: UUID!) { order(id: $id) { archived status grossCents } }`, { id: order.id });
    expect(read.data.order).toEqual({ archived: true, status: 'DELIVERED', grossCents: order.grossCents });
    const update = await sales.gql(UPDATE, { id: order.id, v: 1, input: { channelDetail: 'Muutettu' } });
    expect(codes(update)).toEqual(['FORBIDDEN']);
    expect(update.errors![0].message).toMatch(/archived/);
    const invoice = await sales.gql(`mutation ($o: UUID!) { createInvoice(input: { orderId: $o }) { id } }`, { o: order.id });
    expect(codes(invoice)).toEqual(['FORBIDDEN']);
    const [row] = await server.db.query(`SELECT channel_detail, version FROM orders WHERE id = $1`, [order.id]);
    expect(row).toEqual({ channel_detail: null, version: 1 });
  });

  it("[P1] orders read the server's clock: the default order time, the closing time and the archive cut-off", async () => {
    clock.set('2025-03-01T10:00:00Z');
    const created = await sales.gql(CREATE, { input: { customerId: customer.id, channel: 'STORE', lines: TWO_LINES } });
    expect(created.data.createOrder.orderedAt).toBe('2025-03-01T10:00:00.000Z');
    const future = await sales.gql(CREATE, { input: { customerId: customer.id, channel: 'STORE', orderedAt: '2025-03-01T10:05:00Z', lines: TWO_LINES } });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderedAt' });

    clock.set('2025-03-02T12:00:00Z');
    const delivered = await sales.gql(UPDATE, { id: created.data.createOrder.id, v: 1, input: { status: 'DELIVERED' } });
    expect(delivered.data.updateOrder).toMatchObject({ closedAt: '2025-03-02T12:00:00.000Z', archived: false });

    clock.set('2026-03-01T12:00:00Z'); // 12 months later, less a day: not yet
    expect((await sales.gql(ORDER, { id: created.data.createOrder.id })).data.order.archived).toBe(false);
    clock.set('2026-03-03T12:00:00Z');
    expect((await sales.gql(ORDER, { id: created.data.createOrder.id })).data.order.archived).toBe(true);
    const list = await sales.gql(`{ customer(id: "${customer.id}") { orders(first: 50) { edges { node { id archived } } } } }`);
    expect(list.data.customer.orders.edges.find((e: Edge) => e.node.id === created.data.createOrder.id).node.archived).toBe(true);
    const update = await sales.gql(UPDATE, { id: created.data.createOrder.id, v: 2, input: { channelDetail: 'Myöhässä' } });
    expect(codes(update)).toEqual(['FORBIDDEN']);
  });

  it('[P1] marketing and partners never read orders; only sales writes them', async () => {
    const order = await buildOrder(server.db);
    for (const username of ['marketing', 'partner']) {
      const client = await server.as(username);
      expect(codes(await client.gql(`query ($id: UUID!) { order(id: $id) { id } }`, { id: order.id }))).toEqual(['FORBIDDEN']);
    }
    const marketing = await server.as('marketing');
    const viaCustomer = await marketing.gql(`{ customer(id: "${order.customerId}") { lastName orders { edges { node { id } } } } }`);
    expect(codes(viaCustomer)).toEqual(['FORBIDDEN']);
    expect(viaCustomer.data.customer).toMatchObject({ lastName: expect.any(String), orders: null });
    for (const username of ['service', 'privacy', 'admin']) {
      const client = await server.as(username);
      expect((await client.gql(`query ($id: UUID!) { order(id: $id) { id } }`, { id: order.id })).errors).toBeUndefined();
      expect(codes(await client.gql(CREATE, { input: { customerId: customer.id, channel: 'STORE', lines: TWO_LINES } }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(UPDATE, { id: order.id, v: 1, input: { channelDetail: 'x' } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('malformed order and customer ids answer BAD_USER_INPUT, never a server error', async () => {
    const malformed = '------------------------------------';
    expect(codes(await sales.gql(`{ order(id: "${malformed}") { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await sales.gql(ORDER, { id: 'not-a-uuid' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await sales.gql(UPDATE, { id: malformed, v: 1, input: { channelDetail: 'x' } }))).toEqual(['BAD_USER_INPUT']);
    const before = await orderCount();
    expect(codes(await sales.gql(CREATE, { input: { customerId: malformed, channel: 'STORE', lines: TWO_LINES } }))).toEqual(['BAD_USER_INPUT']);
    expect(await orderCount()).toBe(before);
  });

  it("[P1] lists a customer's orders newest first, page by page", async () => {
    const owner = await buildCustomer(server.db);
    const days = [40, 10, 30, 20];
    const built = [];
    for (const d of days) built.push(await buildOrder(server.db, { customer: owner, orderedAt: new Date(Date.now() - d * 86_400_000) }));
    const first = (await sales.gql(ordersOf(owner.id, 'first: 2'))).data.customer.orders;
    const second = (await sales.gql(ordersOf(owner.id, `first: 2, after: "${first.pageInfo.endCursor}"`))).data.customer.orders;
    const ids = [...first.edges, ...second.edges].map((e: Edge) => e.node.id);
    expect(ids).toEqual([built[1].id, built[3].id, built[2].id, built[0].id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('a forged page cursor answers BAD_USER_INPUT naming `after`, never a server error', async () => {
    const owner = await buildOrder(server.db);
    for (const forged of ['2026-02-30T00:00:00.000Z', 'Tue Dec 01 2026', '2026-01-01T00:00:00.000Z|not-a-uuid']) {
      const cursor = Buffer.from(forged.includes('|') ? forged : `${forged}|${owner.id}`).toString('base64url');
      const result = await sales.gql(ordersOf(owner.customerId, `first: 2, after: "${cursor}"`));
      expect(
        result.errors?.map((e) => e.extensions),
        forged,
      ).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' })]);
    }
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
    let result: GraphQLResponse | undefined;
    try {
      result = await sales.gql(`{ customers(first: 100) { edges { node { id lastName
        orders(first: 5) { edges { node { orderNumber grossCents lines { sku quantity } } } } } } } }`);
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(result?.errors).toBeUndefined();
    const edges: Array<{ node: { orders: { edges: unknown[] } } }> = result?.data.customers.edges;
    const withOrders = edges.filter((e) => e.node.orders.edges.length > 0);
    expect(edges.length).toBe(100);
    expect(withOrders.length).toBeGreaterThan(50);
    // The session lookup authenticates the request; what the page costs is the rest.
    // The job queue polls in the background through the same pool; that is not the page's cost either.
    const data = statements.filter((s) => !/FROM sessions s JOIN users/.test(s) && !/UPDATE sessions SET last_seen_at/.test(s) && !/pgboss/.test(s));
    expect(data.length, data.join('\n---\n')).toBeLessThanOrEqual(3);
    expect(data.some((s) => s.includes('INSERT INTO audit_events'))).toBe(true);
  });
});
