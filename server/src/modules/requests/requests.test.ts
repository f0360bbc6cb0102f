import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { actorWithRules, buildCustomer, buildPartner, buildUser } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
let server: TestServer;
let privacy: TestClient;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer({}, { clock });
  [privacy, service] = await Promise.all([server.as('privacy'), server.as('service')]);
});
afterAll(() => server?.close());

export const CREATE = `mutation ($input: CreatePrivacyRequestInput!) {
  createPrivacyRequest(input: $input) { id status dueAt daysLeft overdue identityVerified duplicateOf { id } }
}`;
const VERIFY = `mutation ($id: UUID!, $input: VerifyIdentityInput!) { verifyIdentity(id: $id, input: $input) { status identityVerified } }`;
const EXTEND = `mutation ($id: UUID!, $input: ExtendPrivacyRequestInput!) { extendPrivacyRequest(id: $id, input: $input) { dueAt extended documents { kind } events { kind note detail } } }`;
const REQUEST = `query ($id: UUID!) { privacyRequest(id: $id) { status paperOriginalLocation events { kind fromStatus toStatus actor } } }`;

/** A customer of this test's own, made by the factory (no demo row is shared between tests). */
const newCustomer = async () => (await buildCustomer(server.db)).id;

async function intake(client: TestClient, input: Record<string, unknown>) {
  const result = await client.gql(CREATE, {
    input: { requesterName: 'Aino Asiakas', receivedVia: 'EMAIL', language: 'FI', signed: false, ...input },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.createPrivacyRequest;
}
const verify = (id: string) => privacy.gql(VERIFY, { id, input: { method: 'STRONG_ELECTRONIC_IDENTIFICATION', note: 'Suomi.fi' } });

describe('intake and the queue', () => {
  it('[P14] a request is due one calendar month after receipt, and the queue marks what is overdue', async () => {
    const request = await intake(service, { type: 'ACCESS', customerId: await newCustomer(), receivedAt: '2026-01-31T10:00:00Z' });
    expect(request).toMatchObject({ status: 'RECEIVED', dueAt: '2026-02-28T21:59:59.999Z', overdue: true, daysLeft: -2 });
    const fresh = await intake(service, { type: 'ACCESS', customerId: await newCustomer() });
    expect(fresh).toMatchObject({ overdue: false, daysLeft: 31 });
    const queue = await privacy.gql(`{ privacyRequests(filter: { open: true }) { totalCount edges { node { id daysLeft } } } }`);
    const ids = queue.data.privacyRequests.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids.indexOf(request.id)).toBeLessThan(ids.indexOf(fresh.id));
    const days = queue.data.privacyRequests.edges.map((e: { node: { daysLeft: number } }) => e.node.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const overdue = await privacy.gql(`{ privacyRequests(filter: { overdue: true }) { edges { node { id } } } }`);
    expect(overdue.data.privacyRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(request.id);
    expect(overdue.data.privacyRequests.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(fresh.id);
  });

  it('refuses bad intake with the field, and changes nothing', async () => {
    const before = await server.db.query(`SELECT count(*)::int AS n FROM privacy_requests`);
    const noName = await service.gql(CREATE, { input: { type: 'ACCESS', requesterName: ' ', receivedVia: 'EMAIL', language: 'FI' } });
    expect(noName.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'requesterName' });
    const future = await service.gql(CREATE, {
      input: { type: 'ACCESS', requesterName: 'A', receivedVia: 'EMAIL', language: 'FI', receivedAt: '2027-01-01T00:00:00Z' },
    });
    expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt' });
    const noItems = await service.gql(CREATE, { input: { type: 'RECTIFICATION', requesterName: 'A', receivedVia: 'EMAIL', language: 'FI' } });
    expect(noItems.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
    const badField = await service.gql(CREATE, {
      input: { type: 'RECTIFICATION', requesterName: 'A', receivedVia: 'EMAIL', language: 'FI', items: [{ field: 'customerNumber', proposedValue: '1' }] },
    });
    expect(badField.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.0.field' });
    expect(await server.db.query(`SELECT count(*)::int AS n FROM privacy_requests`)).toEqual(before);
  });

  it('[P11] where a signed paper original is kept is shown to privacy officers only', async () => {
    const request = await intake(service, {
      type: 'ACCESS',
      customerId: await newCustomer(),
      signed: true,
      receivedVia: 'LETTER',
      paperOriginalLocation: 'Kassakaappi 2, mappi 7',
    });
    expect((await privacy.gql(REQUEST, { id: request.id })).data.privacyRequest.paperOriginalLocation).toBe('Kassakaappi 2, mappi 7');
    for (const user of ['service', 'admin']) {
      const result = await (await server.as(user)).gql(`query ($id: UUID!) { privacyRequest(id: $id) { status paperOriginalLocation } }`, { id: request.id });
      expect(result.data.privacyRequest).toEqual({ status: 'RECEIVED', paperOriginalLocation: null });
      expect(result.errors![0]).toMatchObject({ path: ['privacyRequest', 'paperOriginalLocation'], extensions: { code: 'FORBIDDEN' } });
    }
  });

  it('[P14] service staff take requests in and see their status; they do not work them; others see nothing', async () => {
    const request = await intake(service, { type: 'ACCESS', customerId: await newCustomer() });
    expect(codes(await service.gql(VERIFY, { id: request.id, input: { method: 'ID_DOCUMENT' } }))).toEqual(['FORBIDDEN']);
    const serviceView = await service.gql(`query ($id: UUID!) { privacyRequest(id: $id) { status events { kind } } }`, { id: request.id });
    expect(serviceView.data.privacyRequest.status).toBe('RECEIVED');
    expect(codes(serviceView)).toEqual(['FORBIDDEN']); // the timeline is the privacy officers'
    const admin = await server.as('admin');
    expect(codes(await admin.gql(VERIFY, { id: request.id, input: { method: 'ID_DOCUMENT' } }))).toEqual(['FORBIDDEN']);
    for (const user of ['sales', 'marketing', 'partner']) {
      const client = await server.as(user);
      expect(codes(await client.gql(`{ privacyRequests { totalCount } }`))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(REQUEST, { id: request.id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(CREATE, { input: { type: 'ACCESS', requesterName: 'A', receivedVia: 'EMAIL', language: 'FI' } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('[P14] a second open request of the same type is flagged as a duplicate and never inherits the identity check', async () => {
    const customerId = await newCustomer();
    const first = await intake(service, { type: 'ACCESS', customerId });
    expect((await verify(first.id)).data.verifyIdentity).toEqual({ status: 'IN_PROGRESS', identityVerified: true });
    const second = await intake(service, { type: 'ACCESS', customerId });
    expect(second).toMatchObject({ duplicateOf: { id: first.id }, identityVerified: false, status: 'RECEIVED' });
    const fulfil = await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json } }`, { id: second.id });
    expect(codes(fulfil)).toEqual(['IDENTITY_NOT_VERIFIED']);
    const other = await intake(service, { type: 'RECTIFICATION', customerId, items: [{ field: 'city', proposedValue: 'Turku' }] });
    expect(other.duplicateOf).toBeNull();
  });

  it('assigns to privacy officers only, and every change is on the timeline with who', async () => {
    const request = await intake(service, { type: 'ACCESS', customerId: await newCustomer() });
    const officers = (await privacy.gql(`{ privacyOfficers { id username } }`)).data.privacyOfficers;
    const officer = officers.find((o: { username: string }) => o.username === 'privacy');
    const ASSIGN = `mutation ($id: UUID!, $u: UUID!) { assignPrivacyRequest(id: $id, userId: $u) { status assignee { username } } }`;
    const [{ id: salesId }] = await server.db.query(`SELECT id FROM users WHERE username = 'sales'`);
    const toSales = await privacy.gql(ASSIGN, { id: request.id, u: salesId });
    expect(toSales.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    expect((await privacy.gql(ASSIGN, { id: request.id, u: officer.id })).data.assignPrivacyRequest).toEqual({
      status: 'IDENTITY_PENDING',
      assignee: { username: 'privacy' },
    });
    await verify(request.id);
    const { events } = (await privacy.gql(REQUEST, { id: request.id })).data.privacyRequest;
    expect(events.map((e: { kind: string; toStatus: string }) => [e.kind, e.toStatus])).toEqual([
      ['CREATED', 'RECEIVED'],
      ['ASSIGNED', 'IDENTITY_PENDING'],
      ['IDENTITY_VERIFIED', 'IN_PROGRESS'],
    ]);
    expect(events[0].actor).not.toBeNull();
    expect(events[2].actor).toBe(events[1].actor);
  });
});

describe('deadline extension (GDPR 12(3))', () => {
  it('[P14] moves the deadline at most two further months while the first month runs, and tells the requester why', async () => {
    const request = await intake(service, { type: 'ERASURE', customerId: await newCustomer(), receivedAt: '2026-02-20T10:00:00Z' });
    const tooFar = await privacy.gql(EXTEND, { id: request.id, input: { until: '2026-05-21', reason: 'Laaja aineisto' } });
    expect(tooFar.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    const noReason = await privacy.gql(EXTEND, { id: request.id, input: { until: '2026-05-20', reason: ' ' } });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const ok = await privacy.gql(EXTEND, { id: request.id, input: { until: '2026-05-20', reason: 'Laaja aineisto' } });
    expect(ok.data.extendPrivacyRequest).toMatchObject({ dueAt: '2026-05-20T20:59:59.999Z', extended: true, documents: [{ kind: 'EXTENSION_NOTICE' }] });
    expect(ok.data.extendPrivacyRequest.events.at(-1)).toMatchObject({ kind: 'EXTENDED', note: 'Laaja aineisto', detail: { requesterInformed: true } });
  });

  it('[P14] refuses an extension after the first month', async () => {
    const request = await intake(service, { type: 'ACCESS', customerId: await newCustomer(), receivedAt: '2026-01-20T10:00:00Z' });
    // The first month ended on 20 February; the clock reads 2 March.
    const late = await privacy.gql(EXTEND, { id: request.id, input: { until: '2026-04-01', reason: 'Ruuhka' } });
    expect(late.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    const [row] = await server.db.query(`SELECT due_at = first_due_at AS unchanged FROM privacy_requests WHERE id = $1`, [request.id]);
    expect(row.unchanged).toBe(true);
  });
});

describe('identity first', () => {
  it('[P14] no action discloses or changes anything before identity is verified', async () => {
    const customerId = await newCustomer();
    const [{ city }] = await server.db.query(`SELECT city FROM customers WHERE id = $1`, [customerId]);
    const access = await intake(service, { type: 'ACCESS', customerId });
    const rect = await intake(service, { type: 'RECTIFICATION', customerId, items: [{ field: 'city', proposedValue: 'Ylikiiminki' }] });
    const erasure = await intake(service, { type: 'ERASURE', customerId });
    const [{ id: itemId }] = await server.db.query(`SELECT id FROM rectification_items WHERE request_id = $1`, [rect.id]);
    const attempts = [
      privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json } }`, { id: access.id }),
      privacy.gql(`mutation ($id: UUID!, $d: [RectificationDecisionInput!]!) { decideRectification(id: $id, decisions: $d) { status } }`, {
        id: rect.id,
        d: [{ itemId, approve: true }],
      }),
      privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table } } }`, { id: erasure.id }),
      privacy.gql(`mutation ($id: UUID!) { executeErasure(id: $id) { items { table } } }`, { id: erasure.id }),
    ];
    for (const result of await Promise.all(attempts)) expect(codes(result)).toEqual(['IDENTITY_NOT_VERIFIED']);
    expect(await server.db.query(`SELECT 1 FROM privacy_documents WHERE request_id = ANY($1)`, [[access.id, rect.id, erasure.id]])).toEqual([]);
    expect(await server.db.query(`SELECT 1 FROM erasure_items WHERE request_id = $1`, [erasure.id])).toEqual([]);
    const [customer] = await server.db.query(`SELECT city, pending_erasure FROM customers WHERE id = $1`, [customerId]);
    expect(customer).toEqual({ city, pending_erasure: false });
  });
});

describe('objection and restriction', () => {
  it('[P15] an objection records the prohibitions asked for through the ledger, at once after identity', async () => {
    const customerId = await newCustomer();
    const request = await intake(service, { type: 'OBJECTION', customerId, prohibitions: [{ kind: 'DIRECT_MARKETING' }, { kind: 'PROFILING' }] });
    expect(await server.db.query(`SELECT 1 FROM current_prohibitions WHERE customer_id = $1`, [customerId])).toEqual([]);
    expect((await verify(request.id)).data.verifyIdentity.status).toBe('COMPLETED');
    const inForce = await server.db.query(`SELECT kind, via FROM current_prohibitions WHERE customer_id = $1 ORDER BY kind`, [customerId]);
    expect(inForce).toEqual([
      { kind: 'DIRECT_MARKETING', via: 'EMAIL' },
      { kind: 'PROFILING', via: 'EMAIL' },
    ]);
  });

  it('[P17] a restriction keeps the record but stops edits by anyone but a privacy officer, until lifted', async () => {
    const customerId = await newCustomer();
    const request = await intake(service, { type: 'RESTRICTION', customerId });
    expect((await verify(request.id)).data.verifyIdentity.status).toBe('COMPLETED');
    const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { city version } }`;
    const read = async () => (await privacy.gql(`query ($id: UUID!) { customer(id: $id) { version restricted } }`, { id: customerId })).data.customer;
    const before = await read();
    expect(before.restricted).toBe(true);
    // GDPR 18: the record is refused to anyone but a privacy officer with the code of a restriction.
    expect(codes(await service.gql(UPDATE, { id: customerId, v: before.version, input: { city: 'Vaasa' } }))).toEqual(['RESTRICTED']);
    const byOfficer = await privacy.gql(
      `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input, reason: "Asiakkaan oma pyyntö") { city version } }`,
      { id: customerId, v: before.version, input: { city: 'Vaasa' } },
    );
    expect(byOfficer.data.updateCustomer.city).toBe('Vaasa');
    const noNote = await privacy.gql(`mutation ($c: UUID!) { liftRestriction(customerId: $c, note: "") }`, { c: customerId });
    expect(noNote.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    await privacy.gql(`mutation ($c: UUID!) { liftRestriction(customerId: $c, note: "Oikeudenkäynti päättyi") }`, { c: customerId });
    const after = await read();
    expect(after.restricted).toBe(false);
    expect((await service.gql(UPDATE, { id: customerId, v: after.version, input: { city: 'Kotka' } })).data.updateCustomer.city).toBe('Kotka');
  });
});

describe('requests taken in before the customer is known', () => {
  it('[P16] the customer named at the identity check gets the duplicate check and the value snapshot then', async () => {
    const customerId = await newCustomer();
    const [{ city }] = await server.db.query(`SELECT city FROM customers WHERE id = $1`, [customerId]);
    const request = await intake(service, { type: 'RECTIFICATION', items: [{ field: 'city', proposedValue: 'Rovaniemi' }] });
    const noCustomer = await privacy.gql(VERIFY, { id: request.id, input: { method: 'ID_DOCUMENT' } });
    expect(noCustomer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customerId' });
    const verified = await privacy.gql(
      `mutation ($id: UUID!, $c: UUID) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }, customerId: $c) { identityVerified customer { id } items { currentValue } } }`,
      { id: request.id, c: customerId },
    );
    expect(verified.data.verifyIdentity).toEqual({ identityVerified: true, customer: { id: customerId }, items: [{ currentValue: city }] });
  });

  it('malformed ids are bad input naming the argument, never a server error', async () => {
    // A string of 36 dashes passed the old shape check and reached a uuid column: INTERNAL_SERVER_ERROR.
    const malformed = '------------------------------------';
    const request = await intake(service, { type: 'ACCESS' });
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      [
        'c',
        `mutation ($c: UUID) { createPrivacyRequest(input: { type: ACCESS, customerId: $c, requesterName: "A", receivedVia: EMAIL, language: FI }) { id } }`,
        {},
      ],
      ['c', `mutation ($id: UUID!, $c: UUID) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }, customerId: $c) { status } }`, { id: request.id }],
      ['c', `mutation ($c: UUID!) { liftRestriction(customerId: $c, note: "Päättyi") }`, {}],
      ['c', `mutation ($id: UUID!, $c: UUID!) { assignPrivacyRequest(id: $id, userId: $c) { status } }`, { id: request.id }],
      ['c', `query ($c: UUID!) { privacyRequest(id: $c) { status } }`, {}],
      ['c', `query ($c: UUID) { privacyRequests(filter: { customerId: $c }) { totalCount } }`, {}],
      ['c', `mutation ($c: UUID!) { setRectificationNoticeStatus(id: $c, status: SENT) { status } }`, {}],
      ['c', `mutation ($c: UUID!) { planErasure(id: $c) { items { table } } }`, {}],
    ];
    for (const [variable, query, variables] of attempts) {
      const result = await privacy.gql(query, { ...variables, [variable]: malformed });
      expect(result.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', field: variable });
    }
    expect(codes(await privacy.gql(`{ privacyRequest(id: "x") { status } }`))).toEqual(['BAD_USER_INPUT']);
    // The verification above changed nothing.
    expect((await server.db.query(`SELECT identity_verified_at FROM privacy_requests WHERE id = $1`, [request.id]))[0].identity_verified_at).toBeNull();
  });
});

describe('the queue goes through the gate', () => {
  /** Requests a reader sees whose customers are one partner firm's only: a rule set no role has today, which the gate must honour. */
  async function partnerScopedReader() {
    const partner = await buildPartner(server.db);
    const reader = actorWithRules(await buildUser(server.db), [
      { action: 'read', subject: 'PrivacyRequest' },
      { action: 'read', subject: 'Customer', conditions: { partnerId: partner.id } },
    ]);
    return { partner, reader };
  }

  it('[P4] the queue, its count, its age chart and a single request show only requests about customers the reader may see', async () => {
    const { partner, reader } = await partnerScopedReader();
    const theirs = await buildCustomer(server.db, { partner });
    const others = await buildCustomer(server.db);
    const visible = await intake(service, { type: 'ACCESS', customerId: theirs.id });
    const hidden = await intake(service, { type: 'ERASURE', customerId: others.id });
    const unnamed = await intake(service, { type: 'ACCESS' });

    const queue = await server.services.requestQueue.list(reader, null, 200);
    const ids = queue.edges.map((e) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([visible.id, unnamed.id]));
    expect(ids).not.toContain(hidden.id);
    expect(queue.totalCount).toBe(ids.length); // the count never counts what the list hides
    const aboutOthers = await server.services.requestQueue.list(reader, { customerId: others.id }, 50);
    expect(aboutOthers).toMatchObject({ totalCount: 0, edges: [] });

    // The chart counts the same requests the queue shows.
    const [{ open }] = await server.db.query(
      `SELECT count(*)::int AS open FROM privacy_requests r LEFT JOIN customers c ON c.id = r.customer_id
        WHERE r.closed_at IS NULL AND (r.customer_id IS NULL OR c.partner_id = $1)`,
      [partner.id],
    );
    const chart = await server.services.requestQueue.openByAge(reader);
    expect(chart.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(open);

    await expect(server.services.requests.get(reader, hidden.id)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((await server.services.requests.get(reader, visible.id)).id).toBe(visible.id);
    expect(await server.services.requestQueue.getMany(reader, [hidden.id, visible.id])).toEqual([null, expect.objectContaining({ id: visible.id })]);
  });

  it('[P4] a request about a customer the officer may not see cannot be worked', async () => {
    const partner = await buildPartner(server.db);
    const others = await buildCustomer(server.db);
    const hidden = await intake(service, { type: 'ACCESS', customerId: others.id });
    const officer = actorWithRules(await buildUser(server.db), [
      { action: 'read', subject: 'PrivacyRequest' },
      { action: 'work', subject: 'PrivacyRequest' },
      { action: 'read', subject: 'Customer', conditions: { partnerId: partner.id } },
    ]);
    await expect(server.services.requests.withdraw(officer, hidden.id, 'Ei koske meitä')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((await server.db.query(`SELECT status FROM privacy_requests WHERE id = $1`, [hidden.id]))[0].status).toBe('RECEIVED');
  });
});
