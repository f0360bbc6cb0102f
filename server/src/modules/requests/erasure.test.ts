import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../clock';
import { actorWithRules, buildUser } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { ERASURE_HOLDS_QUEUE } from './erasure';

const START = new Date('2026-03-02T09:00:00Z');
const clock = new ManualClock(START);
let server: TestServer;
let privacy: TestClient;
let sales: TestClient;
beforeAll(async () => {
  server = await startTestServer({}, { clock });
  [privacy, sales] = await Promise.all([server.as('privacy'), server.as('sales')]);
});
beforeEach(() => clock.set(START));
afterAll(() => server?.close());

const PLAN = `mutation ($id: UUID!) { planErasure(id: $id) { items { table action reason until rowCount state } request { status } } }`;
const EXECUTE = `mutation ($id: UUID!) { executeErasure(id: $id) { items { table action reason until rowCount state } request { status documents { kind } } } }`;

let seq = 0;
/** A customer of our own with an order from January 2026, its invoice in the given state, and a prohibition. */
async function customerWithOrder(invoiceStatus: 'OPEN' | 'PAID' | 'IN_COLLECTION' = 'PAID') {
  const n = ++seq;
  const [{ id }] = await server.db.query(
    `INSERT INTO customers (first_name, last_name, email, phone, street, postal_code, city)
     VALUES ('Poisto', $1, $2, $3, 'Katu 1', '00100', 'Helsinki') RETURNING id`,
    [`Henkilö${n}`, `poisto${n}@example.fi`, `+3584011100${String(n).padStart(2, '0')}`],
  );
  const [order] = await server.db.query(
    `INSERT INTO orders (customer_id, channel, channel_detail, ordered_at, status, closed_at, gross_cents)
     VALUES ($1, 'STORE', 'Myymälä Kamppi', '2026-01-05T10:00:00Z', 'DELIVERED', '2026-01-05T10:00:00Z', 5000) RETURNING id`,
    [id],
  );
  await server.db.query(
    `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
     VALUES ($1, 1, 'X', 'Tuote', 1, 3984, 2550, 3984, 1016, 5000)`,
    [order.id],
  );
  const [invoice] = await server.db.query(
    `INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents, status, paid_at, collection_agency)
     VALUES ($1, $2, '2026-01-06', '2026-01-20', 5000, $3, $4, $5) RETURNING id, version`,
    [order.id, id, invoiceStatus, invoiceStatus === 'PAID' ? '2026-01-15' : null, invoiceStatus === 'IN_COLLECTION' ? 'Perintä Oy' : null],
  );
  await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source) VALUES ($1, 'email', 'WEB_FORM')`, [id]);
  await server.db.query(`INSERT INTO prohibition_events (customer_id, kind, action, via) VALUES ($1, 'DIRECT_MARKETING', 'SET', 'EMAIL')`, [id]);
  return { id, orderId: order.id as string, invoice: invoice as { id: string; version: number }, email: `poisto${n}@example.fi`, lastName: `Henkilö${n}` };
}

async function verifiedRequest(type: 'ERASURE' | 'ANONYMISATION' | 'ACCESS', customerId: string): Promise<string> {
  const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type, customerId, requesterName: 'Poisto Henkilö', receivedVia: 'WEB_FORM', language: 'FI', signed: false },
  });
  const id = created.data.createPrivacyRequest.id;
  await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: STRONG_ELECTRONIC_IDENTIFICATION }) { status } }`, { id });
  return id;
}

/** Waits until the job queue has done its part: polls `read` until `done` holds (vitest's own poll, no fixed sleep). */
const eventually = <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> =>
  vi.waitFor(
    async () => {
      const value = await read();
      if (!done(value)) throw new Error('not yet');
      return value;
    },
    { timeout: 15_000, interval: 25 },
  );

const customerRow = async (id: string) =>
  (await server.db.query(`SELECT first_name, last_name, email, phone, street, pending_erasure, anonymised_at FROM customers WHERE id = $1`, [id]))[0];

describe('erasure (P10)', () => {
  it('[P10] plans per table: identity anonymised, ledgers erased, vouchers held until the Accounting Act lets them go', async () => {
    const c = await customerWithOrder('PAID');
    const id = await verifiedRequest('ERASURE', c.id);
    const plan = (await privacy.gql(PLAN, { id })).data.planErasure;
    expect(plan.request.status).toBe('AWAITING_DECISION');
    const byTable = Object.fromEntries(plan.items.map((i: { table: string }) => [i.table, i]));
    expect(byTable.customers).toMatchObject({ action: 'ANONYMISE', rowCount: 1, state: 'PLANNED' });
    expect(byTable.customer_provenance).toMatchObject({ action: 'ERASE', rowCount: 1 });
    expect(byTable.prohibition_events).toMatchObject({ action: 'ERASE', rowCount: 1 });
    // Ordered in 2026: the financial year ends 31.12.2026, kept six years from the end of that year.
    expect(byTable.orders).toMatchObject({ action: 'HOLD', reason: 'ACCOUNTING_RETENTION', until: '2032-12-31', rowCount: 1 });
    expect(byTable.invoices).toMatchObject({ action: 'HOLD', reason: 'ACCOUNTING_RETENTION', until: '2032-12-31', rowCount: 1 });
    expect(byTable.privacy_requests).toMatchObject({ action: 'HOLD', reason: 'LEGAL_OBLIGATION' });
    // Planning changes nothing.
    expect((await customerRow(c.id)).email).toBe(c.email);
  });

  it('[P10] carries out the plan in one transaction, keeps the "no" as a hash, and leaves evidence with no personal data', async () => {
    const c = await customerWithOrder('PAID');
    await server.db.query(`INSERT INTO audit_events (action, customer_id, fields, changes) VALUES ('CUSTOMER_UPDATED', $1, '{email}', $2)`, [
      c.id,
      JSON.stringify({ email: { before: 'vanha@example.fi', after: c.email } }),
    ]);
    const id = await verifiedRequest('ERASURE', c.id);
    await privacy.gql(PLAN, { id });
    const result = (await privacy.gql(EXECUTE, { id })).data.executeErasure;
    expect(result.request.status).toBe('PARTIALLY_COMPLETED'); // vouchers are kept until 2032
    expect(result.request.documents).toEqual([{ kind: 'ERASURE_REPLY' }]);
    const customer = await customerRow(c.id);
    expect(customer).toMatchObject({ first_name: 'Anonymised', last_name: 'Anonymised', email: null, phone: null, street: null, pending_erasure: false });
    expect(customer.anonymised_at).not.toBeNull();
    expect(await server.db.query(`SELECT 1 FROM customer_provenance WHERE customer_id = $1`, [c.id])).toEqual([]);
    expect(await server.db.query(`SELECT 1 FROM prohibition_events WHERE customer_id = $1`, [c.id])).toEqual([]);
    const [audit] = await server.db.query(`SELECT changes FROM audit_events WHERE customer_id = $1 AND action = 'CUSTOMER_UPDATED'`, [c.id]);
    expect(audit.changes).toEqual({ email: '[erased]' });
    // The vouchers stay, without the identity.
    expect(await server.db.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [c.id])).toEqual([{ n: 1 }]);
    // Evidence: tables, fields, row counts; no name, email or phone anywhere in it.
    const events = await server.db.query(`SELECT detail FROM privacy_request_events WHERE request_id = $1 AND kind = 'EXECUTED'`, [id]);
    const evidence = JSON.stringify(events);
    expect(evidence).toContain('customer_provenance');
    expect(evidence).not.toContain(c.email);
    expect(evidence).not.toContain(c.lastName);
    // P15, P17: the same email in a new record brings the prohibition back.
    const created = await (await server.as('service')).gql(
      `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id prohibitions { kind via } } }`,
      { input: { firstName: 'Uusi', lastName: 'Asiakas', email: c.email } },
    );
    expect(created.data.createCustomer.prohibitions).toEqual([{ kind: 'DIRECT_MARKETING', via: 'EARLIER_PROHIBITION' }]);
    // The reply names what was kept and until when, with the Ombudsman route.
    const [reply] = await server.db.query(`SELECT convert_from(content, 'UTF8') AS html FROM privacy_documents WHERE request_id = $1`, [id]);
    expect(reply.html).toContain('31.12.2032');
    expect(reply.html).toContain('tietosuojavaltuutetun');
  });

  it('[P10] holds erasure while an invoice is open, and completes by itself after payment and when retention is over (clock moved)', async () => {
    const c = await customerWithOrder('OPEN');
    const id = await verifiedRequest('ERASURE', c.id);
    const plan = (await privacy.gql(PLAN, { id })).data.planErasure.items;
    expect(plan.filter((i: { action: string }) => i.action === 'HOLD').map((i: { table: string; reason: string }) => [i.table, i.reason])).toEqual([
      ['customers', 'OPEN_INVOICE'],
      ['invoices', 'OPEN_INVOICE'],
      ['orders', 'OPEN_INVOICE'],
      ['privacy_requests', 'LEGAL_OBLIGATION'],
    ]);
    const executed = (await privacy.gql(EXECUTE, { id })).data.executeErasure;
    expect(executed.request.status).toBe('PARTIALLY_COMPLETED');
    // The invoice still needs who owes it (and only that); meanwhile the customer is pending erasure and out of marketing.
    const held = await customerRow(c.id);
    expect(held).toMatchObject({ last_name: c.lastName, street: 'Katu 1', email: null, phone: null, pending_erasure: true, anonymised_at: null });
    expect(await server.db.query(`SELECT 1 FROM customer_provenance WHERE customer_id = $1`, [c.id])).toEqual([]);

    // Paid: the identity goes by itself (the job queue finishes the hold).
    clock.set('2026-03-20T09:00:00Z');
    const paid = await sales.gql(
      `mutation ($id: UUID!, $v: Int!) { updateInvoice(id: $id, version: $v, input: { status: PAID, paidAt: "2026-03-19T10:00:00Z" }) { status } }`,
      { id: c.invoice.id, v: c.invoice.version },
    );
    expect(paid.data.updateInvoice.status).toBe('PAID');
    const anonymised = await eventually(
      () => customerRow(c.id),
      (row) => row.anonymised_at !== null,
    );
    expect(anonymised).toMatchObject({ first_name: 'Anonymised', email: null, pending_erasure: false });
    const afterPayment = (
      await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { status erasurePlan { table reason until state } events { kind } } }`, { id })
    ).data.privacyRequest;
    expect(afterPayment.events.map((e: { kind: string }) => e.kind)).toContain('HOLD_LAPSED');
    expect(afterPayment.erasurePlan).toEqual(
      expect.arrayContaining([
        { table: 'customers', reason: 'OPEN_INVOICE', until: null, state: 'DONE' },
        { table: 'invoices', reason: 'ACCOUNTING_RETENTION', until: '2032-12-31', state: 'HELD' },
        { table: 'orders', reason: 'ACCOUNTING_RETENTION', until: '2032-12-31', state: 'HELD' },
      ]),
    );
    expect(afterPayment.status).toBe('PARTIALLY_COMPLETED');

    // The retention period ends with 2032; on the first night of 2033 the vouchers go and the request is done.
    clock.set('2033-01-01T01:00:00Z');
    await server.services.queue.send(ERASURE_HOLDS_QUEUE, {});
    const done = await eventually(
      async () => (await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { status } }`, { id })).data.privacyRequest.status,
      (status) => status === 'COMPLETED',
    );
    expect(done).toBe('COMPLETED');
    expect(await server.db.query(`SELECT 1 FROM orders WHERE customer_id = $1 UNION ALL SELECT 1 FROM invoices WHERE customer_id = $1`, [c.id])).toEqual([]);
  });

  it('[P10] a debt in collection holds the identity too, and a retention date is not reached a day early', async () => {
    const c = await customerWithOrder('IN_COLLECTION');
    const id = await verifiedRequest('ERASURE', c.id);
    const plan = (await privacy.gql(PLAN, { id })).data.planErasure.items;
    expect(plan.find((i: { table: string }) => i.table === 'customers')).toMatchObject({ action: 'HOLD', reason: 'IN_COLLECTION' });
    await privacy.gql(EXECUTE, { id });
    const states = async () =>
      Object.fromEntries(
        (await server.db.query(`SELECT table_name, state FROM erasure_items WHERE request_id = $1 AND action = 'HOLD'`, [id])).map(
          (r: { table_name: string; state: string }) => [r.table_name, r.state],
        ),
      );
    clock.set('2032-12-31T21:00:00Z'); // 23:00 on 31.12.2032 in Finland: the last day the voucher is kept
    await server.services.erasures.finishHolds(c.id);
    expect(await states()).toMatchObject({ customers: 'HELD', invoices: 'HELD', orders: 'HELD', privacy_requests: 'DONE' });
    clock.set('2032-12-31T22:30:00Z'); // 00:30 on 1.1.2033: retention over, but the debt is still in collection
    await server.services.erasures.finishHolds(c.id);
    expect(await states()).toMatchObject({ customers: 'HELD', invoices: 'HELD', orders: 'HELD' });
    expect((await customerRow(c.id)).pending_erasure).toBe(true);
  });

  it('[P10] refuses to execute a plan the data has outgrown', async () => {
    const c = await customerWithOrder('PAID');
    const id = await verifiedRequest('ERASURE', c.id);
    await privacy.gql(PLAN, { id });
    await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source) VALUES ($1, 'phone', 'STAFF_ENTRY')`, [c.id]);
    const stale = await privacy.gql(EXECUTE, { id });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await customerRow(c.id)).email).toBe(c.email);
  });

  it('[P10] only a privacy officer plans or executes an erasure', async () => {
    const c = await customerWithOrder('PAID');
    const id = await verifiedRequest('ERASURE', c.id);
    for (const user of ['admin', 'service', 'sales']) {
      const client = await server.as(user);
      expect(codes(await client.gql(PLAN, { id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(EXECUTE, { id }))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('erasure goes through the gate', () => {
  it('[P10] working the queue is not enough to erase: carrying out a plan takes the erase right', async () => {
    const c = await customerWithOrder('PAID');
    const id = await verifiedRequest('ERASURE', c.id);
    // Works requests and reads customers, but was never given `erase`: a rule set no role has today.
    const clerk = actorWithRules(await buildUser(server.db), [
      { action: 'read', subject: 'PrivacyRequest' },
      { action: 'work', subject: 'PrivacyRequest' },
      { action: 'read', subject: 'Customer' },
    ]);
    expect((await server.services.erasures.plan(clerk, id)).items.length).toBeGreaterThan(0);
    await expect(server.services.erasures.execute(clerk, id)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await customerRow(c.id)).toMatchObject({ email: c.email, anonymised_at: null });
    expect(await server.db.query(`SELECT DISTINCT state FROM erasure_items WHERE request_id = $1`, [id])).toEqual([{ state: 'PLANNED' }]);
  });
});

describe('anonymisation (P17)', () => {
  it('[P17] replaces identifiers irreversibly and keeps non-identifying order data for statistics', async () => {
    const c = await customerWithOrder('PAID');
    const id = await verifiedRequest('ANONYMISATION', c.id);
    const plan = (await privacy.gql(PLAN, { id })).data.planErasure.items;
    expect(plan.find((i: { table: string }) => i.table === 'orders')).toMatchObject({ action: 'ANONYMISE' });
    const result = (await privacy.gql(EXECUTE, { id })).data.executeErasure;
    expect(result.request.status).toBe('COMPLETED');
    expect(await customerRow(c.id)).toMatchObject({ first_name: 'Anonymised', email: null, phone: null });
    const [order] = await server.db.query(`SELECT gross_cents, channel, channel_detail, ordered_at FROM orders WHERE id = $1`, [c.orderId]);
    expect(order).toMatchObject({ gross_cents: '5000', channel: 'STORE', channel_detail: null });
    expect(await server.db.query(`SELECT count(*)::int AS n FROM order_lines WHERE order_id = $1`, [c.orderId])).toEqual([{ n: 1 }]);
  });
});

describe('erasure over time', () => {
  it('[P10] a plan made one day is carried out on another', async () => {
    const c = await customerWithOrder('PAID');
    const id = await verifiedRequest('ERASURE', c.id);
    await privacy.gql(PLAN, { id });
    clock.set('2026-03-04T09:00:00Z');
    const result = await privacy.gql(EXECUTE, { id });
    expect(result.errors).toBeUndefined();
    expect((await customerRow(c.id)).anonymised_at).not.toBeNull();
  });

  it('[P10] an open invoice that goes to collection keeps holding the identity', async () => {
    const c = await customerWithOrder('OPEN');
    const id = await verifiedRequest('ERASURE', c.id);
    await privacy.gql(PLAN, { id });
    await privacy.gql(EXECUTE, { id });
    const moved = await sales.gql(
      `mutation ($id: UUID!, $v: Int!) { updateInvoice(id: $id, version: $v, input: { status: IN_COLLECTION, collectionAgency: "Perintä Oy" }) { status } }`,
      { id: c.invoice.id, v: c.invoice.version },
    );
    expect(moved.data.updateInvoice.status).toBe('IN_COLLECTION');
    await server.services.erasures.finishHolds(c.id);
    expect(await customerRow(c.id)).toMatchObject({ last_name: c.lastName, street: 'Katu 1', pending_erasure: true, anonymised_at: null });
    // No new business meanwhile.
    const order = await sales.gql(`mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`, {
      input: { customerId: c.id, channel: 'STORE', lines: [{ sku: 'X', name: 'X', quantity: 1, unitPriceCents: 100, vatRateBasisPoints: 2550 }] },
    });
    expect(order.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customerId' });
  });

  it('[P14] [P10] stored access packages are copies of the person: erased with them', async () => {
    const c = await customerWithOrder('PAID');
    const access = await verifiedRequest('ACCESS', c.id);
    await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { jsonDocument { id } } }`, { id: access });
    expect((await server.db.query(`SELECT count(*)::int AS n FROM privacy_documents WHERE request_id = $1`, [access]))[0].n).toBe(2);
    const id = await verifiedRequest('ERASURE', c.id);
    const plan = (await privacy.gql(PLAN, { id })).data.planErasure.items;
    expect(plan.find((i: { table: string }) => i.table === 'privacy_documents')).toMatchObject({ action: 'ERASE', rowCount: 2 });
    await privacy.gql(EXECUTE, { id });
    expect((await server.db.query(`SELECT count(*)::int AS n FROM privacy_documents WHERE request_id = $1`, [access]))[0].n).toBe(0);
  });
});

describe('erasure of address-update data', () => {
  it("[P10] erases the rows of update files that matched the person and their update prohibition's history", async () => {
    const { id: customerId } = await customerWithOrder();
    const [{ id: userId }] = await server.db.query(`SELECT id FROM users WHERE username = 'service'`);
    const [{ id: importId }] = await server.db.query(
      `INSERT INTO address_update_imports (file_name, file_date, status, created_by) VALUES ('posti.csv', '2026-02-01', 'APPLIED', $1) RETURNING id`,
      [userId],
    );
    await server.db.query(
      `INSERT INTO address_update_rows (import_id, line, first_name, last_name, new_street, new_postal_code, new_city, outcome, customer_id)
       VALUES ($1, 2, 'Poisto', 'Henkilö', 'Uusi katu 2', '00200', 'Helsinki', 'UPDATE', $2), ($1, 3, 'Muu', 'Ihminen', 'Toinen 3', '00300', 'Helsinki', 'NOT_FOUND', NULL)`,
      [importId, customerId],
    );
    await server.db.query(`INSERT INTO update_prohibition_events (customer_id, action, source, via) VALUES ($1, 'SET', 'CUSTOMER_NOTICE', 'EMAIL')`, [
      customerId,
    ]);
    const id = await verifiedRequest('ERASURE', customerId);
    const planned = (await privacy.gql(PLAN, { id })).data.planErasure.items as Array<{ table: string; action: string; rowCount: number }>;
    expect(planned).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'address_update_rows', action: 'ERASE', rowCount: 1 }),
        expect.objectContaining({ table: 'update_prohibition_events', action: 'ERASE', rowCount: 1 }),
      ]),
    );
    expect((await privacy.gql(EXECUTE, { id })).errors).toBeUndefined();
    const [left] = await server.db.query(
      `SELECT (SELECT count(*)::int FROM address_update_rows WHERE customer_id = $1 OR (import_id = $2 AND last_name = 'Henkilö')) AS rows,
              (SELECT count(*)::int FROM update_prohibition_events WHERE customer_id = $1) AS events,
              (SELECT count(*)::int FROM address_update_rows WHERE import_id = $2) AS others`,
      [customerId, importId],
    );
    expect(left).toEqual({ rows: 0, events: 0, others: 1 });
  });
});

describe('erasure of customer-list data', () => {
  it('[P10] erases the rows of store and reseller lists that matched or made the person, and no one else’s', async () => {
    const { id: customerId } = await customerWithOrder();
    const [{ id: userId }] = await server.db.query(`SELECT id FROM users WHERE username = 'service'`);
    const [{ id: importId }] = await server.db.query(
      `INSERT INTO customer_imports (file_name, source_kind, source_name, status, created_by) VALUES ('kamppi.csv', 'STORE_PURCHASE', 'Kamppi', 'APPLIED', $1) RETURNING id`,
      [userId],
    );
    await server.db.query(
      `INSERT INTO customer_import_rows (import_id, line, "values", outcome, customer_id)
       VALUES ($1, 2, '{"firstName": "Poisto", "lastName": "Listalta"}', 'NEW', $2), ($1, 3, '{"firstName": "Muu"}', 'REFUSED', NULL)`,
      [importId, customerId],
    );
    const id = await verifiedRequest('ERASURE', customerId);
    const planned = (await privacy.gql(PLAN, { id })).data.planErasure.items as Array<{ table: string; action: string; rowCount: number }>;
    expect(planned).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'customer_import_rows', action: 'ERASE', rowCount: 1 })]));
    expect((await privacy.gql(EXECUTE, { id })).errors).toBeUndefined();
    const rows = await server.db.query(`SELECT line FROM customer_import_rows WHERE import_id = $1`, [importId]);
    expect(rows).toEqual([{ line: 3 }]);
  });
});
