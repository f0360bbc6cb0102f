import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let sales: TestClient;
let orderId: string;
beforeAll(async () => {
  server = await startTestServer();
  sales = await server.as('sales');
  const [customer] = await server.db.query(`SELECT id FROM customers ORDER BY customer_number LIMIT 1`);
  const created = await sales.gql(
    `mutation ($c: ID!) { createOrder(input: { customerId: $c, channel: WEB_SHOP, lines: [{ sku: "A", name: "A", quantity: 3, unitPriceCents: 1000, vatRateBasisPoints: 2550 }] }) { id grossCents } }`,
    { c: customer.id },
  );
  orderId = created.data.createOrder.id;
});
afterAll(() => server?.close());

const CREATE = `mutation ($o: ID!, $due: LocalDate) { createInvoice(input: { orderId: $o, dueAt: $due }) { id invoiceNumber amountCents status issuedAt dueAt version } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateInvoiceInput!) { updateInvoice(id: $id, version: $v, input: $input) { status paidAt collectionAgency version } }`;

describe('invoices', () => {
  it("[P1] an invoice carries the order's total and is due in 14 days by default", async () => {
    const result = await sales.gql(CREATE, { o: orderId });
    expect(result.errors).toBeUndefined();
    const invoice = result.data.createInvoice;
    expect(invoice).toMatchObject({ amountCents: 3765, status: 'OPEN', version: 1 });
    expect((Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)) / 86_400_000).toBe(14);
  });

  it('[P10] statuses are exact: collection needs an agency; paid gets a date; credited is final', async () => {
    const invoice = (await sales.gql(CREATE, { o: orderId })).data.createInvoice;
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
  });

  it('refuses a due date before the issue date and creates nothing', async () => {
    const [{ n: before }] = await server.db.query(`SELECT count(*)::int AS n FROM invoices`);
    const result = await sales.gql(CREATE, { o: orderId, due: '2001-01-01' });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt' });
    const [{ n: after }] = await server.db.query(`SELECT count(*)::int AS n FROM invoices`);
    expect(after).toBe(before);
  });

  it('[P1] only sales writes invoices; marketing and partners never read them', async () => {
    const [invoice] = await server.db.query(`SELECT id, version FROM invoices LIMIT 1`);
    for (const username of ['service', 'privacy', 'admin']) {
      const client = await server.as(username);
      expect((await client.gql(`query ($id: ID!) { invoice(id: $id) { amountCents } }`, { id: invoice.id })).errors).toBeUndefined();
      expect(codes(await client.gql(UPDATE, { id: invoice.id, v: invoice.version, input: { status: 'CREDITED' } }))).toEqual(['FORBIDDEN']);
    }
    for (const username of ['marketing', 'partner']) {
      const client = await server.as(username);
      expect(codes(await client.gql(`query ($id: ID!) { invoice(id: $id) { amountCents } }`, { id: invoice.id }))).toEqual(['FORBIDDEN']);
    }
  });
});
