import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { buildInvoice, buildOrder, type BuiltOrder } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

/** The server reads the time from this clock; it stands still at the real time unless a test moves it. */
const clock = new ManualClock();
let server: TestServer;
let sales: TestClient;
beforeAll(async () => {
  server = await startTestServer({ TIME_ZONE: 'Europe/Helsinki' }, { clock });
  sales = await server.as('sales');
});
afterEach(() => clock.set(new Date()));
afterAll(() => server?.close());

const CREATE = `mutation ($o: UUID!, $due: LocalDate) { createInvoice(input: { orderId: $o, dueAt: $due }) { id invoiceNumber amountCents status issuedAt dueAt version } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateInvoiceInput!) { updateInvoice(id: $id, version: $v, input: $input) { status paidAt collectionAgency version } }`;
const INVOICE = `query ($id: UUID!) { invoice(id: $id) { id amountCents } }`;
const invoiceCount = async (orderId?: string) =>
  (await server.db.query(`SELECT count(*)::int AS n FROM invoices WHERE $1::uuid IS NULL OR order_id = $1`, [orderId ?? null]))[0].n;
/** An order of 30.00 € + 25.5 % VAT, not yet invoiced (an order is invoiced once). */
const freshOrder = (): Promise<BuiltOrder> => buildOrder(server.db, { unitPriceCents: 3000 });

describe('invoices', () => {
  it("[P1] an invoice carries the order's total and is due in 14 days by default", async () => {
    const result = await sales.gql(CREATE, { o: (await freshOrder()).id });
    expect(result.errors).toBeUndefined();
    const invoice = result.data.createInvoice;
    expect(invoice).toMatchObject({ amountCents: 3765, status: 'OPEN', version: 1 });
    expect((Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)) / 86_400_000).toBe(14);
  });

  it("[P1] the default issue date is today on the company's calendar (TIME_ZONE), read from the server's clock", async () => {
    const order = await freshOrder();
    clock.set('2026-12-31T22:30:00Z'); // already 1 January 2027 in Helsinki
    const result = await sales.gql(CREATE, { o: order.id });
    expect(result.errors).toBeUndefined();
    expect(result.data.createInvoice).toMatchObject({ issuedAt: '2027-01-01', dueAt: '2027-01-15' });
    clock.set('2027-02-20T10:00:00Z');
    const paid = await sales.gql(UPDATE, { id: result.data.createInvoice.id, v: 1, input: { status: 'PAID' } });
    expect(paid.data.updateInvoice).toMatchObject({ status: 'PAID', paidAt: '2027-02-20T10:00:00.000Z' });
  });

  it('[P1] an invoice for more than 2^31 - 1 cents carries the amount exactly', async () => {
    const big = await buildOrder(server.db, { unitPriceCents: 5_000_000_000 });
    expect(big.grossCents).toBe(6_275_000_000);
    const created = await sales.gql(CREATE, { o: big.id });
    expect(created.errors).toBeUndefined();
    expect(created.data.createInvoice.amountCents).toBe(6_275_000_000);
    const read = await sales.gql(INVOICE, { id: created.data.createInvoice.id });
    expect(read.data.invoice.amountCents).toBe(6_275_000_000);
    const list = await sales.gql(`{ customer(id: "${big.customerId}") { invoices(first: 5) { edges { node { amountCents } } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data.customer.invoices.edges).toEqual([{ node: { amountCents: 6_275_000_000 } }]);
    const viaOrder = await sales.gql(`query ($id: UUID!) { order(id: $id) { grossCents invoices { amountCents } } }`, { id: big.id });
    expect(viaOrder.data.order).toEqual({ grossCents: 6_275_000_000, invoices: [{ amountCents: 6_275_000_000 }] });
  });

  it('[P10] statuses are exact: collection needs an agency; paid gets a date; credited is final', async () => {
    const invoice = (await sales.gql(CREATE, { o: (await freshOrder()).id })).data.createInvoice;
    const noAgency = await sales.gql(UPDATE, { id: invoice.id, v: 1, input: { status: 'IN_COLLECTION' } });
    expect(noAgency.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'collectionAgency' });
    const collected = await sales.gql(UPDATE, { id: invoice.id, v: 1, input: { status: 'IN_COLLECTION', collectionAgency: 'Perintä Oy' } });
    expect(collected.data.updateInvoice).toMatchObject({ status: 'IN_COLLECTION', collectionAgency: 'Perintä Oy', paidAt: null, version: 2 });
    const paid = await sales.gql(UPDATE, { id: invoice.id, v: 2, input: { status: 'PAID' } });
    expect(paid.data.updateInvoice.status).toBe('PAID');
    expect(paid.data.updateInvoice.paidAt).toBeTruthy();
    const credited = await sales.gql(UPDATE, { id: invoice.id, v: 3, input: { status: 'CREDITED' } });
    expect(credited.data.updateInvoice.status).toBe('CREDITED');
    const reopen = await sales.gql(UPDATE, { id: invoice.id, v: 4, input: { status: 'OPEN' } });
    expect(reopen.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const stale = await sales.gql(UPDATE, { id: invoice.id, v: 1, input: { dueAt: '2030-01-01' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 4 });
  });

  it("[P1] an archived order's invoices cannot be changed", async () => {
    const closedAt = new Date(Date.now() - 400 * 86_400_000);
    const archived = await buildOrder(server.db, { status: 'DELIVERED', orderedAt: closedAt, closedAt });
    const invoice = await buildInvoice(server.db, { order: archived, status: 'PAID' });
    const before = await server.db.query(`SELECT status, paid_at, due_at, version FROM invoices WHERE id = $1`, [invoice.id]);
    for (const input of [{ status: 'CREDITED' }, { dueAt: '2030-01-01' }, { collectionAgency: 'Toinen Perintä Oy' }]) {
      const result = await sales.gql(UPDATE, { id: invoice.id, v: 1, input });
      expect(codes(result), JSON.stringify(input)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].message).toMatch(/archived/);
    }
    expect(await server.db.query(`SELECT status, paid_at, due_at, version FROM invoices WHERE id = $1`, [invoice.id])).toEqual(before);
    // It stays readable.
    expect((await sales.gql(INVOICE, { id: invoice.id })).data.invoice).toEqual({ id: invoice.id, amountCents: archived.grossCents });

    // Nor is an archived order invoiced, even after its invoice was credited; and an order that becomes archived
    // on the server's clock takes its invoices with it.
    const credited = await buildOrder(server.db, { status: 'DELIVERED', orderedAt: closedAt, closedAt });
    await buildInvoice(server.db, { order: credited, status: 'CREDITED' });
    expect(codes(await sales.gql(CREATE, { o: credited.id }))).toEqual(['FORBIDDEN']);
    expect(await invoiceCount(credited.id)).toBe(1);
    const recent = await buildOrder(server.db, { status: 'DELIVERED' });
    const open = (await sales.gql(CREATE, { o: recent.id })).data.createInvoice;
    expect((await sales.gql(UPDATE, { id: open.id, v: 1, input: { status: 'PAID' } })).data.updateInvoice.status).toBe('PAID');
    clock.set(new Date(Date.now() + 400 * 86_400_000));
    expect(codes(await sales.gql(UPDATE, { id: open.id, v: 2, input: { status: 'CREDITED' } }))).toEqual(['FORBIDDEN']);
    expect((await server.db.query(`SELECT status, version FROM invoices WHERE id = $1`, [open.id]))[0]).toEqual({ status: 'PAID', version: 2 });
  });

  it('[P1] [P10] a debt still owed keeps its order out of the archive until it is settled, then both are read-only', async () => {
    // Closed long ago with its invoice still in collection: the debt can still be paid (else it would hold an
    // erasure forever), and once paid the order and the invoice are archived.
    const closedAt = new Date(Date.now() - 400 * 86_400_000);
    const order = await buildOrder(server.db, { status: 'DELIVERED', orderedAt: closedAt, closedAt });
    const invoice = await buildInvoice(server.db, { order, status: 'IN_COLLECTION' });
    const paid = await sales.gql(UPDATE, { id: invoice.id, v: 1, input: { status: 'PAID' } });
    expect(paid.errors).toBeUndefined();
    expect(paid.data.updateInvoice.status).toBe('PAID');
    const after = await sales.gql(UPDATE, { id: invoice.id, v: 2, input: { status: 'CREDITED' } });
    expect(codes(after)).toEqual(['FORBIDDEN']);
    expect(after.errors![0].message).toMatch(/archived/);
    expect((await server.db.query(`SELECT status, version FROM invoices WHERE id = $1`, [invoice.id]))[0]).toEqual({ status: 'PAID', version: 2 });
  });

  it('[P1] one live invoice per order, also when ten creates race', async () => {
    const order = await freshOrder();
    const results = await Promise.all(Array.from({ length: 10 }, () => sales.gql(CREATE, { o: order.id })));
    const created = results.filter((r) => r.errors === undefined);
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r !== created[0]).map(codes)).toEqual(Array.from({ length: 9 }, () => ['CONFLICT']));
    const invoice = created[0].data.createInvoice;
    expect(results.find((r) => r.errors)!.errors![0].extensions).toMatchObject({ liveInvoiceNumber: invoice.invoiceNumber });
    expect(await invoiceCount(order.id)).toBe(1);

    // A paid invoice is live too (a second would bill the order twice); a credited one is not.
    expect((await sales.gql(UPDATE, { id: invoice.id, v: 1, input: { status: 'PAID' } })).data.updateInvoice.status).toBe('PAID');
    expect(codes(await sales.gql(CREATE, { o: order.id }))).toEqual(['CONFLICT']);
    expect((await sales.gql(UPDATE, { id: invoice.id, v: 2, input: { status: 'CREDITED' } })).data.updateInvoice.status).toBe('CREDITED');
    const again = await sales.gql(CREATE, { o: order.id });
    expect(again.errors).toBeUndefined();
    expect(codes(await sales.gql(CREATE, { o: order.id }))).toEqual(['CONFLICT']);
    expect(await invoiceCount(order.id)).toBe(2);

    // The database keeps the rule for any path that does not go through the service.
    await expect(
      server.db.query(`INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents) VALUES ($1, $2, current_date, current_date, 1)`, [
        order.id,
        order.customerId,
      ]),
    ).rejects.toThrow(/invoices_one_live_per_order/);
    expect(await invoiceCount(order.id)).toBe(2);
  });

  it('refuses a due date before the issue date and creates nothing', async () => {
    const before = await invoiceCount();
    const result = await sales.gql(CREATE, { o: (await freshOrder()).id, due: '2001-01-01' });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt' });
    expect(await invoiceCount()).toBe(before);
  });

  it('malformed invoice and order ids answer BAD_USER_INPUT, never a server error', async () => {
    const malformed = '------------------------------------';
    expect(codes(await sales.gql(`{ invoice(id: "${malformed}") { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await sales.gql(INVOICE, { id: 'not-a-uuid' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await sales.gql(UPDATE, { id: malformed, v: 1, input: { status: 'PAID' } }))).toEqual(['BAD_USER_INPUT']);
    const before = await invoiceCount();
    expect(codes(await sales.gql(CREATE, { o: malformed }))).toEqual(['BAD_USER_INPUT']);
    expect(await invoiceCount()).toBe(before);
    // A well-formed id that names no order is bad input too, naming the field.
    const unknown = await sales.gql(CREATE, { o: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderId' });
  });

  it('a forged page cursor answers BAD_USER_INPUT naming `after`, never a server error', async () => {
    const invoice = await buildInvoice(server.db);
    for (const forged of ['2026-02-30', '2026-1-1', '20260101']) {
      const cursor = Buffer.from(`${forged}|${invoice.id}`).toString('base64url');
      const result = await sales.gql(`{ customer(id: "${invoice.customerId}") { invoices(first: 2, after: "${cursor}") { edges { node { id } } } } }`);
      expect(
        result.errors?.map((e) => e.extensions),
        forged,
      ).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' })]);
    }
  });

  it('[P1] only sales writes invoices; marketing and partners never read them', async () => {
    const invoice = await buildInvoice(server.db);
    for (const username of ['service', 'privacy', 'admin']) {
      const client = await server.as(username);
      expect((await client.gql(`query ($id: UUID!) { invoice(id: $id) { amountCents } }`, { id: invoice.id })).errors).toBeUndefined();
      expect(codes(await client.gql(UPDATE, { id: invoice.id, v: 1, input: { status: 'CREDITED' } }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(CREATE, { o: invoice.orderId }))).toEqual(['FORBIDDEN']);
    }
    for (const username of ['marketing', 'partner']) {
      const client = await server.as(username);
      expect(codes(await client.gql(`query ($id: UUID!) { invoice(id: $id) { amountCents } }`, { id: invoice.id }))).toEqual(['FORBIDDEN']);
    }
    const [row] = await server.db.query(`SELECT status, version FROM invoices WHERE id = $1`, [invoice.id]);
    expect(row).toEqual({ status: 'OPEN', version: 1 });
  });
});
