import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildInvoice, buildOrder, buildUser, type BuiltCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let sales: TestClient;
let service: TestClient;
let privacy: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  [sales, service, privacy] = await Promise.all([server.as('sales'), server.as('service'), server.as('privacy')]);
});
afterAll(() => server?.close());

const LINES = [{ sku: 'MUK-01', name: 'Muki', quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550 }];
const CREATE_ORDER = `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`;
const UPDATE_ORDER = `mutation ($id: UUID!, $v: Int!, $input: UpdateOrderInput!, $reason: String) {
  updateOrder(id: $id, version: $v, input: $input, reason: $reason) { channelDetail version } }`;
const CREATE_INVOICE = `mutation ($o: UUID!) { createInvoice(input: { orderId: $o }) { id } }`;
const UPDATE_INVOICE = `mutation ($id: UUID!, $v: Int!, $input: UpdateInvoiceInput!, $reason: String) {
  updateInvoice(id: $id, version: $v, input: $input, reason: $reason) { status version } }`;
const UPDATE_CUSTOMER = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!, $reason: String) {
  updateCustomer(id: $id, version: $v, input: $input, reason: $reason) { city version restricted } }`;

/** A restricted customer (GDPR 18) with an open order, and a delivered one with an open invoice, from before the restriction. */
async function restrictedCustomer() {
  const customer = await buildCustomer(server.db, { restricted: true });
  const open = await buildOrder(server.db, { customer });
  const delivered = await buildOrder(server.db, { customer, status: 'DELIVERED' });
  const invoice = await buildInvoice(server.db, { order: delivered });
  return { customer, open, delivered, invoice };
}

/** Everything of the customer a write could change, and the audit events about them. */
async function stateOf(customer: BuiltCustomer) {
  const q = (sql: string) => server.db.query(sql, [customer.id]);
  return {
    customer: await q(`SELECT version, city, restricted FROM customers WHERE id = $1`),
    orders: await q(`SELECT id, version, status, channel_detail FROM orders WHERE customer_id = $1 ORDER BY id`),
    invoices: await q(`SELECT id, version, status FROM invoices WHERE customer_id = $1 ORDER BY id`),
    events: await q(`SELECT action FROM audit_events WHERE customer_id = $1 AND action <> 'CUSTOMER_READ' ORDER BY id`),
  };
}

const latestDetail = async (customerId: string, action: string) =>
  (await server.db.query(`SELECT detail FROM audit_events WHERE customer_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1`, [customerId, action]))[0]?.detail;

describe('restriction of processing (GDPR 18)', () => {
  it('[P16] a restricted customer gets no new order, invoice or edit', async () => {
    const { customer, open, delivered, invoice } = await restrictedCustomer();
    const before = await stateOf(customer);
    const refused = [
      await sales.gql(CREATE_ORDER, { input: { customerId: customer.id, channel: 'STORE', lines: LINES } }),
      await sales.gql(CREATE_INVOICE, { o: open.id }),
      // A reason does not open the door to someone who may not change a restricted customer.
      await sales.gql(UPDATE_ORDER, { id: open.id, v: 1, input: { channelDetail: 'Kamppi' }, reason: 'Asiakas pyysi' }),
      await sales.gql(UPDATE_ORDER, { id: open.id, v: 1, input: { status: 'DELIVERED' } }),
      await sales.gql(UPDATE_INVOICE, { id: invoice.id, v: 1, input: { status: 'PAID' } }),
      await service.gql(UPDATE_CUSTOMER, { id: customer.id, v: customer.version, input: { city: 'Vaasa' } }),
      await service.gql(UPDATE_CUSTOMER, { id: customer.id, v: customer.version, input: { city: 'Vaasa' }, reason: 'Muutto' }),
    ];
    for (const result of refused) {
      expect(codes(result)).toEqual(['RESTRICTED']);
      expect(result.errors![0].message).toMatch(/restricted \(GDPR 18\)/);
    }
    expect(await stateOf(customer)).toEqual(before);

    // The data stays, and is read as before.
    const read = await sales.gql(
      `query ($c: UUID!, $o: UUID!, $i: UUID!) {
        customer(id: $c) { restricted lastName orders { edges { node { id } } } invoices { edges { node { id } } } }
        order(id: $o) { id status } invoice(id: $i) { id status } }`,
      { c: customer.id, o: delivered.id, i: invoice.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.customer).toMatchObject({ restricted: true, lastName: customer.lastName });
    expect(read.data.customer.orders.edges).toHaveLength(2);
    expect(read.data.invoice).toEqual({ id: invoice.id, status: 'OPEN' });

    // Once the restriction is lifted, processing goes on.
    await server.db.query(`UPDATE customers SET restricted = false WHERE id = $1`, [customer.id]);
    expect((await sales.gql(CREATE_INVOICE, { o: open.id })).errors).toBeUndefined();
    expect((await sales.gql(UPDATE_INVOICE, { id: invoice.id, v: 1, input: { status: 'PAID' } })).data.updateInvoice.status).toBe('PAID');
  });

  it('[P16] a privacy officer may edit a restricted customer with a recorded reason', async () => {
    const { customer, open, invoice } = await restrictedCustomer();
    const before = await stateOf(customer);
    for (const reason of [undefined, '   ']) {
      const noReason = await privacy.gql(UPDATE_CUSTOMER, { id: customer.id, v: customer.version, input: { city: 'Vaasa' }, reason });
      expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    }
    expect(await stateOf(customer)).toEqual(before);

    const edited = await privacy.gql(UPDATE_CUSTOMER, {
      id: customer.id,
      v: customer.version,
      input: { city: 'Vaasa' },
      reason: '  Oikaisupyyntö 12: asiakas osoitti kirjeellä osoitteensa  ',
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data.updateCustomer).toMatchObject({ city: 'Vaasa', restricted: true });
    expect(await latestDetail(customer.id, 'CUSTOMER_UPDATED')).toMatchObject({
      reason: 'Oikaisupyyntö 12: asiakas osoitti kirjeellä osoitteensa',
      restricted: true,
    });

    // Orders and invoices: someone who may both change them and change a restricted customer, with a reason.
    const officer = await buildUser(server.db, { roles: ['SALES', 'PRIVACY_OFFICER'] });
    const salesOfficer = await server.as(officer.username);
    const noReason = await salesOfficer.gql(UPDATE_ORDER, { id: open.id, v: 1, input: { status: 'DELIVERED' } });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const relabelled = await salesOfficer.gql(UPDATE_ORDER, {
      id: open.id,
      v: 1,
      input: { channelDetail: 'Kamppi' },
      reason: 'Toimitus sovittu ennen rajoitusta',
    });
    expect(relabelled.data.updateOrder).toEqual({ channelDetail: 'Kamppi', version: 2 });
    expect(await latestDetail(customer.id, 'ORDER_UPDATED')).toMatchObject({ reason: 'Toimitus sovittu ennen rajoitusta', restricted: true });
    const paid = await salesOfficer.gql(UPDATE_INVOICE, { id: invoice.id, v: 1, input: { status: 'PAID' }, reason: 'Maksu saapui pankkiin' });
    expect(paid.data.updateInvoice).toEqual({ status: 'PAID', version: 2 });
    expect(await latestDetail(customer.id, 'INVOICE_UPDATED')).toMatchObject({ reason: 'Maksu saapui pankkiin', restricted: true });
    // Nothing new, though, for anyone.
    expect(codes(await salesOfficer.gql(CREATE_ORDER, { input: { customerId: customer.id, channel: 'STORE', lines: LINES } }))).toEqual(['RESTRICTED']);
    expect(codes(await salesOfficer.gql(CREATE_INVOICE, { o: open.id }))).toEqual(['RESTRICTED']);
    expect((await server.db.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [customer.id]))[0].n).toBe(2);
  });
});
