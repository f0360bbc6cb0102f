import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, type BuiltCustomer } from '../../test/factories';
import { withErrorLog } from '../../test/error-log';
import { codes, startTestServer, type GraphQLResponse, type TestClient, type TestServer } from '../../test/harness';

/**
 * P6: a merged record lives on in the customer it was merged into. Every write aimed at it is refused alike
 * (CONFLICT, reason ALREADY_MERGED, naming the kept customer) and changes nothing; a data-subject request naming it
 * is taken in as the kept customer (customers/merged-record.ts, `lockPersonOf`).
 */

let server: TestServer;
let clients: Record<'service' | 'sales' | 'privacy' | 'admin', TestClient>;
let recipientId: string;
beforeAll(async () => {
  server = await startTestServer();
  const [service, sales, privacy, admin] = await Promise.all(['service', 'sales', 'privacy', 'admin'].map((r) => server.as(r)));
  clients = { service, sales, privacy, admin };
  [{ id: recipientId }] = await server.db.query(
    `INSERT INTO recipients (name, kind, country, bases) VALUES ('Yhdistetty saaja Oy', 'INDEPENDENT_CONTROLLER', 'FI', '{INVOICING}') RETURNING id`,
  );
});
afterAll(() => server?.close());

const MERGE = `mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }`;

/** B merged into A (A the older number, so kept); B had a direct-marketing "no", which the merge carried to A. */
async function merged(): Promise<{ kept: BuiltCustomer; gone: BuiltCustomer }> {
  const kept = await buildCustomer(server.db, { firstName: 'Pysyvä', lastName: 'Kirjoitus' });
  const gone = await buildCustomer(server.db, { firstName: 'Poistuva', lastName: 'Kirjoitus' });
  const prohibited = await clients.service.gql(
    `mutation ($c: UUID!) { recordProhibition(customerId: $c, input: { kind: DIRECT_MARKETING, via: CUSTOMER_SERVICE }) { kind } }`,
    { c: gone.id },
  );
  expect(prohibited.errors).toBeUndefined();
  const [{ version }] = await server.db.query(`SELECT version FROM customers WHERE id = $1`, [gone.id]);
  const result = await clients.service.gql(MERGE, { input: { keepId: kept.id, keepVersion: kept.version, mergeId: gone.id, mergeVersion: version } });
  expect(result.errors).toBeUndefined();
  return { kept, gone };
}

/** Everything a write could leave behind on the merged record: its own row and every table that names it. */
async function footprint(customerId: string) {
  const [row] = await server.db.query(
    `SELECT c.version, c.restricted, c.merged_into,
            (SELECT count(*)::int FROM prohibition_events WHERE customer_id = c.id) AS prohibition_events,
            c.update_prohibited, (SELECT count(*)::int FROM update_prohibition_events WHERE customer_id = c.id) AS update_prohibition_events,
            (SELECT count(*)::int FROM customer_notes WHERE customer_id = c.id) AS notes,
            (SELECT count(*)::int FROM orders WHERE customer_id = c.id) AS orders,
            (SELECT count(*)::int FROM invoices WHERE customer_id = c.id) AS invoices,
            (SELECT count(*)::int FROM disclosures WHERE customer_id = c.id) AS disclosures,
            (SELECT count(*)::int FROM privacy_requests WHERE customer_id = c.id) AS requests,
            (SELECT count(*)::int FROM audit_events WHERE customer_id = c.id) AS audit_events
       FROM customers c WHERE c.id = $1`,
    [customerId],
  );
  return row;
}

type Role = keyof typeof clients;
interface Write {
  kind: string;
  role: Role;
  /** Sets up what the write needs (after the merge) and sends it at the merged record. */
  send(client: TestClient, gone: BuiltCustomer): Promise<GraphQLResponse>;
}

const WRITES: Write[] = [
  {
    kind: 'recording a prohibition',
    role: 'service',
    send: (c, gone) =>
      c.gql(`mutation ($c: UUID!) { recordProhibition(customerId: $c, input: { kind: MARKET_AND_OPINION_RESEARCH, via: CUSTOMER_SERVICE }) { kind } }`, {
        c: gone.id,
      }),
  },
  {
    kind: 'withdrawing a prohibition',
    role: 'service',
    send: (c, gone) =>
      c.gql(`mutation ($c: UUID!) { liftProhibition(customerId: $c, input: { kind: DIRECT_MARKETING, via: CUSTOMER_SERVICE }) { kind } }`, { c: gone.id }),
  },
  {
    kind: 'recording an update prohibition',
    role: 'service',
    send: (c, gone) => c.gql(`mutation ($c: UUID!) { recordUpdateProhibition(customerId: $c, input: { via: CUSTOMER_SERVICE }) { via } }`, { c: gone.id }),
  },
  {
    kind: 'adding a note',
    role: 'service',
    send: (c, gone) =>
      c.gql(`mutation ($input: AddCustomerNoteInput!) { addCustomerNote(input: $input) { id } }`, {
        input: { customerId: gone.id, kind: 'NOTE', text: 'Soitti ja kysyi tilauksestaan.' },
      }),
  },
  {
    kind: 'creating an order',
    role: 'sales',
    send: (c, gone) =>
      c.gql(`mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`, {
        input: { customerId: gone.id, channel: 'STORE', lines: [{ sku: 'MUK-01', name: 'Muki', quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550 }] },
      }),
  },
  {
    // The merge moves the orders; one left on the merged record (a write racing the merge) is not invoiced there.
    kind: 'creating an invoice',
    role: 'sales',
    send: async (c, gone) => {
      const order = await buildOrder(server.db, { customer: gone, status: 'DELIVERED' });
      return c.gql(`mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`, { input: { orderId: order.id } });
    },
  },
  {
    kind: 'an entry to the disclosure ledger',
    role: 'privacy',
    send: (c, gone) =>
      c.gql(`mutation ($input: DiscloseInput!) { discloseCustomerData(input: $input) { data } }`, {
        input: { customerId: gone.id, recipientId, basis: 'INVOICING', fields: ['firstName'] },
      }),
  },
  {
    kind: 'lifting a restriction of processing',
    role: 'privacy',
    send: (c, gone) => c.gql(`mutation ($c: UUID!) { liftRestriction(customerId: $c, note: "Rajoitus päättyy.") }`, { c: gone.id }),
  },
  {
    kind: 'changing the record',
    role: 'service',
    send: async (c, gone) => {
      const [{ version }] = await server.db.query(`SELECT version FROM customers WHERE id = $1`, [gone.id]);
      return c.gql(`mutation ($id: UUID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { city: "Oulu" }) { id } }`, { id: gone.id, v: version });
    },
  },
];

describe('writes aimed at a merged record (P6)', () => {
  it.each(WRITES)('[P6] $kind is refused with CONFLICT (ALREADY_MERGED), naming the kept customer, and changes nothing', async ({ role, send }) => {
    const { kept, gone } = await merged();
    const before = await footprint(gone.id);
    const keptBefore = await footprint(kept.id);
    const answer = await send(clients[role], gone);
    expect(codes(answer)).toEqual(['CONFLICT']);
    expect(answer.errors?.[0].extensions).toMatchObject({ reason: 'ALREADY_MERGED', keptCustomerId: kept.id, keptCustomerNumber: kept.customerNumber });
    // An invoice's order was added above, on purpose; apart from it, nothing on either record moved.
    const after = await footprint(gone.id);
    expect({ ...after, orders: before.orders }).toEqual(before);
    expect(await footprint(kept.id)).toEqual(keptBefore);
  });

  it('[P6] names the live end of a chain of merges (B into A, then A into C)', async () => {
    const { kept: a, gone: b } = await merged();
    const c = await buildCustomer(server.db, { firstName: 'Viimeinen', lastName: 'Kirjoitus' });
    // The older number is kept: C is given one older than A's, so A goes into C.
    await server.db.query(`UPDATE customers SET customer_number = (SELECT min(customer_number) - 1 FROM customers) WHERE id = $1`, [c.id]);
    const [{ number }] = await server.db.query(`SELECT customer_number::text AS number FROM customers WHERE id = $1`, [c.id]);
    const [{ version: av }] = await server.db.query(`SELECT version FROM customers WHERE id = $1`, [a.id]);
    const [{ version: cv }] = await server.db.query(`SELECT version FROM customers WHERE id = $1`, [c.id]);
    const result = await clients.service.gql(MERGE, { input: { keepId: c.id, keepVersion: cv, mergeId: a.id, mergeVersion: av } });
    expect(result.errors).toBeUndefined();
    const answer = await WRITES.find((w) => w.kind === 'adding a note')!.send(clients.service, b);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MERGED', keptCustomerId: c.id, keptCustomerNumber: number });
  });

  it('[P6] writes racing the merge either land before it (and move with it) or answer CONFLICT, never a server error', async () => {
    const kept = await buildCustomer(server.db, { firstName: 'Pysyvä', lastName: 'Kilpa' });
    const gone = await buildCustomer(server.db, { firstName: 'Poistuva', lastName: 'Kilpa' });
    const NOTE = `mutation ($input: AddCustomerNoteInput!) { addCustomerNote(input: $input) { id } }`;
    const PROHIBIT = `mutation ($c: UUID!, $kind: ProhibitionKind!) { recordProhibition(customerId: $c, input: { kind: $kind, via: CUSTOMER_SERVICE }) { kind } }`;
    const errors = await withErrorLog(server, 'service', async (post) => {
      const answers = await Promise.all([
        ...Array.from({ length: 4 }, (_, i) => post(NOTE, { input: { customerId: gone.id, kind: 'NOTE', text: `Kilpaileva muistiinpano ${i}` } })),
        post(MERGE, { input: { keepId: kept.id, keepVersion: kept.version, mergeId: gone.id, mergeVersion: gone.version } }),
        ...['DIRECT_MARKETING', 'DISTANCE_SELLING', 'PROFILING'].map((kind) => post(PROHIBIT, { c: gone.id, kind })),
      ]);
      const [merge, ...writes] = [answers[4], ...answers.slice(0, 4), ...answers.slice(5)];
      // The merge itself may lose to a write that bumped the merged record's version first: then it is the CONFLICT.
      expect(codes(merge).every((c) => c === 'CONFLICT')).toBe(true);
      for (const answer of writes) {
        if (answer.errors) expect(answer.errors.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([['CONFLICT', 'ALREADY_MERGED']]);
      }
    });
    expect(errors).toEqual([]);
    // Nothing written after the merge stayed on the merged record: notes moved with it or were refused.
    expect((await footprint(gone.id)).notes).toBe(0);
  });

  it('[P6] a write to a live customer still goes through', async () => {
    const customer = await buildCustomer(server.db);
    const answer = await WRITES.find((w) => w.kind === 'adding a note')!.send(clients.service, customer);
    expect(answer.errors).toBeUndefined();
    expect((await footprint(customer.id)).notes).toBe(1);
  });
});

describe('a data-subject request naming a merged record (P6, P8)', () => {
  const CREATE = `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id customer { id } } }`;
  const VERIFY = `mutation ($id: UUID!, $c: UUID) { verifyIdentity(id: $id, customerId: $c, input: { method: SIGNED_LETTER }) { status customer { id } } }`;
  const request = (type: string, customerId?: string) => ({
    input: { type, customerId, requesterName: 'Poistuva Kirjoitus', receivedVia: 'LETTER', language: 'FI', signed: true },
  });

  it('[P6] is taken in as the kept customer, and its restriction restricts the kept customer only', async () => {
    const { kept, gone } = await merged();
    const created = await clients.privacy.gql(CREATE, request('RESTRICTION', gone.id));
    expect(created.errors).toBeUndefined();
    expect(created.data.createPrivacyRequest.customer).toEqual({ id: kept.id });
    const [event] = await server.db.query(`SELECT detail FROM privacy_request_events WHERE request_id = $1 AND kind = 'CREATED'`, [
      created.data.createPrivacyRequest.id,
    ]);
    expect(event.detail).toMatchObject({ redirectedFrom: gone.id });
    const verified = await clients.privacy.gql(VERIFY, { id: created.data.createPrivacyRequest.id });
    expect(verified.errors).toBeUndefined();
    expect((await footprint(kept.id)).restricted).toBe(true);
    expect((await footprint(gone.id)).restricted).toBe(false);
  });

  it('[P6] identified as a merged record at verification, the request is about the kept customer', async () => {
    const { kept, gone } = await merged();
    const created = await clients.privacy.gql(CREATE, request('ACCESS'));
    expect(created.errors).toBeUndefined();
    const verified = await clients.privacy.gql(VERIFY, { id: created.data.createPrivacyRequest.id, c: gone.id });
    expect(verified.errors).toBeUndefined();
    expect(verified.data.verifyIdentity.customer).toEqual({ id: kept.id });
    expect((await footprint(gone.id)).requests).toBe(0);
  });
});
