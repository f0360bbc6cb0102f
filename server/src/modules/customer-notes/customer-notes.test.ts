import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prohibit } from '../../test/campaigns';
import { buildCustomer, buildInvoice, buildOrder, buildPartner, buildUser } from '../../test/factories';
import { codes, type GraphQLResponse, startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let sales: TestClient;
let service: TestClient;
let marketing: TestClient;
let privacy: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  [sales, service, marketing, privacy] = await Promise.all([server.as('sales'), server.as('service'), server.as('marketing'), server.as('privacy')]);
});
afterAll(() => server?.close());

const NOTE = 'id kind channel text authorName mine version createdAt';
const ADD = `mutation ($input: AddCustomerNoteInput!) { addCustomerNote(input: $input) { ${NOTE} } }`;
const UPDATE = `mutation ($id: UUID!, $version: Int!, $text: String!) { updateCustomerNote(id: $id, version: $version, text: $text) { ${NOTE} } }`;
const DELETE = `mutation ($id: UUID!, $version: Int!) { deleteCustomerNote(id: $id, version: $version) }`;
const TIMELINE = `query ($customerId: UUID!, $first: Int, $after: String) {
  customerTimeline(customerId: $customerId, first: $first, after: $after) {
    edges { cursor node { at kind summary detail extra linkId note { id text version mine } } } pageInfo { hasNextPage endCursor } } }`;

type Item = { at: string; kind: string; summary: string; detail: string | null; linkId: string; note: { id: string; text: string } | null };
const timelineOf = async (client: TestClient, customerId: string, first = 50): Promise<Item[]> => {
  const response = await client.gql(TIMELINE, { customerId, first });
  expect(response.errors).toBeUndefined();
  return response.data.customerTimeline.edges.map((e: { node: Item }) => e.node);
};
const count = async (sql: string, params: unknown[] = []) => (await server.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;

async function signedIn(roles: Parameters<typeof buildUser>[1]): Promise<TestClient> {
  const user = await buildUser(server.db, roles);
  const client = server.client();
  expect((await client.login(user.username, TEST_PASSWORD)).errors).toBeUndefined();
  return client;
}

describe('notes and contacts on a customer', () => {
  it('adds a note and a contact, audited; its author changes it at the version seen, a stale version is CONFLICT', async () => {
    const customer = await buildCustomer(server.db);
    const note = await sales.gql(ADD, { input: { customerId: customer.id, kind: 'NOTE', text: '  Soitti hinnoista.  ' } });
    expect(note.errors).toBeUndefined();
    expect(note.data.addCustomerNote).toMatchObject({ kind: 'NOTE', channel: null, text: 'Soitti hinnoista.', mine: true, version: 1 });
    const contact = await service.gql(ADD, { input: { customerId: customer.id, kind: 'CONTACT', channel: 'PHONE', text: 'Sovittiin tapaaminen.' } });
    expect(contact.data.addCustomerNote).toMatchObject({ kind: 'CONTACT', channel: 'PHONE' });
    expect(await count(`audit_events WHERE action = 'CUSTOMER_NOTE_ADDED' AND customer_id = $1`, [customer.id])).toBe(2);

    const { id } = note.data.addCustomerNote;
    const changed = await sales.gql(UPDATE, { id, version: 1, text: 'Soitti hinnoista ja toimitusajoista.' });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateCustomerNote).toMatchObject({ text: 'Soitti hinnoista ja toimitusajoista.', version: 2 });
    const stale = await sales.gql(UPDATE, { id, version: 1, text: 'Vanha versio' });
    expect(codes(stale)).toEqual(['CONFLICT']);
    // Another user of the same role may read it, not change or delete it.
    expect(codes(await service.gql(UPDATE, { id, version: 2, text: 'Ei minun' }))).toEqual(['FORBIDDEN']);
    expect(codes(await service.gql(DELETE, { id, version: 2 }))).toEqual(['FORBIDDEN']);
    expect(codes(await sales.gql(DELETE, { id, version: 1 }))).toEqual(['CONFLICT']);
    expect((await sales.gql(DELETE, { id, version: 2 })).data.deleteCustomerNote).toBe(true);
    expect(await count(`customer_notes WHERE id = $1`, [id])).toBe(0);
    expect(await count(`audit_events WHERE action IN ('CUSTOMER_NOTE_UPDATED', 'CUSTOMER_NOTE_DELETED') AND customer_id = $1`, [customer.id])).toBe(2);
  });

  it('refuses bad input at its field, and stores nothing', async () => {
    const customer = await buildCustomer(server.db);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'NOTE', text: '   ' }, 'text'],
      [{ kind: 'NOTE', text: 'x'.repeat(4001) }, 'text'],
      [{ kind: 'NOTE', text: 'a\u0000b' }, 'text'],
      [{ kind: 'CONTACT', text: 'Ilman kanavaa' }, 'channel'],
      [{ kind: 'NOTE', channel: 'EMAIL', text: 'Muistiinpanolla ei ole kanavaa' }, 'channel'],
    ];
    for (const [input, field] of cases) {
      const response = await sales.gql(ADD, { input: { customerId: customer.id, ...input } });
      // The API's edge names the input's path (`input.text`) for control characters; the service the field itself.
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(String(response.errors?.[0]?.extensions?.field)).toMatch(new RegExp(`(^|\\.)${field}$`));
    }
    expect(await count(`customer_notes WHERE customer_id = $1`, [customer.id])).toBe(0);
    // A customer that does not exist is NOT_FOUND.
    expect(codes(await sales.gql(ADD, { input: { customerId: '00000000-0000-4000-8000-000000000000', kind: 'NOTE', text: 'Kenelle?' } }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('[P4] marketing keeps no notes; a partner’s staff only on the customers their firm serves', async () => {
    const firm = await buildPartner(server.db);
    const other = await buildPartner(server.db);
    const own = await buildCustomer(server.db, { partner: firm });
    const foreign = await buildCustomer(server.db, { partner: other });
    const staff = await signedIn({ roles: ['PARTNER'], partner: firm });
    const added = await staff.gql(ADD, { input: { customerId: own.id, kind: 'CONTACT', channel: 'VISIT', text: 'Kävi myymälässä.' } });
    expect(added.errors).toBeUndefined();
    expect((await timelineOf(staff, own.id)).map((i) => i.summary)).toEqual(['Kävi myymälässä.']);

    const noted = await sales.gql(ADD, { input: { customerId: foreign.id, kind: 'NOTE', text: 'Toisen kumppanin asiakas' } });
    expect(noted.errors).toBeUndefined();
    // The other firm's customer does not exist for them: not to write on, not to read, not to change.
    expect(codes(await staff.gql(ADD, { input: { customerId: foreign.id, kind: 'NOTE', text: 'Ei näy' } }))).toEqual(['NOT_FOUND']);
    expect(codes(await staff.gql(TIMELINE, { customerId: foreign.id }))).toEqual(['NOT_FOUND']);
    const otherStaff = await signedIn({ roles: ['PARTNER'], partner: other });
    expect(codes(await otherStaff.gql(UPDATE, { id: added.data.addCustomerNote.id, version: 1, text: 'Ei minun' }))).toEqual(['NOT_FOUND']);

    expect(codes(await marketing.gql(ADD, { input: { customerId: own.id, kind: 'NOTE', text: 'Markkinointi' } }))).toEqual(['FORBIDDEN']);
    expect((await timelineOf(marketing, foreign.id)).filter((i) => i.kind === 'NOTE')).toEqual([]);
    expect(await count(`customer_notes WHERE customer_id = ANY($1)`, [[own.id, foreign.id]])).toBe(2);
  });
});

describe('two records of one person made one', () => {
  it('the merged record’s notes move to the kept one, and show on its timeline', async () => {
    const older = await buildCustomer(server.db, { firstName: 'Vanha', lastName: 'Muistio' });
    const newer = await buildCustomer(server.db, { firstName: 'Uusi', lastName: 'Muistio' });
    const note = await sales.gql(ADD, { input: { customerId: newer.id, kind: 'NOTE', text: 'Kirjattu uudelle tietueelle' } });
    const merged = await service.gql(`mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }`, {
      input: { keepId: older.id, keepVersion: older.version, mergeId: newer.id, mergeVersion: newer.version },
    });
    expect(merged.errors).toBeUndefined();
    expect((await timelineOf(sales, older.id)).map((i) => i.linkId)).toContain(note.data.addCustomerNote.id);
    expect(await count(`customer_notes WHERE customer_id = $1`, [newer.id])).toBe(0);
  });
});

describe('the customer’s timeline', () => {
  it('merges notes, orders, invoices, requests and prohibitions, newest first, paged', async () => {
    const customer = await buildCustomer(server.db);
    const order = await buildOrder(server.db, { customer, orderedAt: new Date(Date.now() - 5 * 86_400_000) });
    const invoice = await buildInvoice(server.db, { order });
    await prohibit(service, customer.id, 'DIRECT_MARKETING', 'EMAIL');
    await service.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: { type: 'ACCESS', customerId: customer.id, requesterName: 'Aikajana', receivedVia: 'EMAIL', language: 'FI', signed: false },
    });
    const note = await sales.gql(ADD, { input: { customerId: customer.id, kind: 'NOTE', text: 'Uusin asia' } });

    const items = await timelineOf(privacy, customer.id);
    expect(items[0]).toMatchObject({ kind: 'NOTE', summary: 'Uusin asia', linkId: note.data.addCustomerNote.id, note: { text: 'Uusin asia' } });
    expect(items.map((i) => i.kind)).toEqual(expect.arrayContaining(['NOTE', 'ORDER', 'INVOICE', 'PRIVACY_REQUEST', 'PROHIBITION_RECORDED']));
    expect(items.find((i) => i.kind === 'ORDER')).toMatchObject({ linkId: order.id, summary: order.orderNumber });
    expect(items.find((i) => i.kind === 'INVOICE')?.linkId).toBe(invoice.id);
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Paged two at a time, the pages together are the whole timeline, in the same order.
    const paged: Item[] = [];
    let after: string | null = null;
    for (;;) {
      type TimelinePage = { customerTimeline: { edges: Array<{ node: Item }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const page: GraphQLResponse<TimelinePage> = await privacy.gql<TimelinePage>(TIMELINE, { customerId: customer.id, first: 2, after });
      expect(page.errors).toBeUndefined();
      const { edges, pageInfo }: TimelinePage['customerTimeline'] = (page.data as TimelinePage).customerTimeline;
      paged.push(...edges.map((e) => e.node));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(paged.map((i) => i.linkId)).toEqual(items.map((i) => i.linkId));
    expect(codes(await privacy.gql(TIMELINE, { customerId: customer.id, after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('[P1] shows each entry only to a role that may read its subject: marketing sees no orders, invoices, requests or notes', async () => {
    const customer = await buildCustomer(server.db);
    const order = await buildOrder(server.db, { customer });
    await buildInvoice(server.db, { order });
    await sales.gql(ADD, { input: { customerId: customer.id, kind: 'NOTE', text: 'Vain myynnille ja palvelulle' } });
    await prohibit(service, customer.id, 'DIRECT_MARKETING', 'EMAIL');
    await service.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: { type: 'ACCESS', customerId: customer.id, requesterName: 'Aikajana', receivedVia: 'EMAIL', language: 'FI', signed: false },
    });
    expect((await timelineOf(marketing, customer.id)).map((i) => i.kind)).toEqual(['PROHIBITION_RECORDED']);
    // Sales reads orders and invoices but not requests.
    const salesKinds = new Set((await timelineOf(sales, customer.id)).map((i) => i.kind));
    expect([...salesKinds].sort()).toEqual(['INVOICE', 'NOTE', 'ORDER', 'PROHIBITION_RECORDED']);
    const serviceKinds = new Set((await timelineOf(service, customer.id)).map((i) => i.kind));
    expect([...serviceKinds].sort()).toEqual(['INVOICE', 'NOTE', 'ORDER', 'PRIVACY_REQUEST', 'PROHIBITION_RECORDED']);
    // A partner's staff do not read orders: none of this customer's (of their firm) reaches them.
    const firm = await buildPartner(server.db);
    const own = await buildCustomer(server.db, { partner: firm });
    await buildOrder(server.db, { customer: own });
    const staff = await signedIn({ roles: ['PARTNER'], partner: firm });
    expect((await timelineOf(staff, own.id)).filter((i) => i.kind === 'ORDER')).toEqual([]);
  });
});

describe('the person’s rights', () => {
  const request = async (type: 'ACCESS' | 'ERASURE', customerId: string) => {
    const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: { type, customerId, requesterName: 'Noora Notes', receivedVia: 'EMAIL', language: 'EN', signed: false },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data.createPrivacyRequest.id as string;
    await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: STRONG_ELECTRONIC_IDENTIFICATION }) { status } }`, { id });
    return id;
  };

  it('[P14] the notes and contacts about the person are in their access package', async () => {
    const customer = await buildCustomer(server.db);
    await sales.gql(ADD, { input: { customerId: customer.id, kind: 'CONTACT', channel: 'EMAIL', text: 'Kysyi takuusta sähköpostilla.' } });
    const access = await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json html } }`, { id: await request('ACCESS', customer.id) });
    expect(access.errors).toBeUndefined();
    const pkg = JSON.parse(access.data.fulfilAccessRequest.json);
    expect(pkg.notes).toEqual([expect.objectContaining({ kind: 'CONTACT', channel: 'EMAIL', text: 'Kysyi takuusta sähköpostilla.' })]);
    expect(access.data.fulfilAccessRequest.html).toContain('Notes and contacts');
    expect(access.data.fulfilAccessRequest.html).toContain('Kysyi takuusta sähköpostilla.');
  });

  it('[P17] the notes about the person are erased with them', async () => {
    const customer = await buildCustomer(server.db);
    await sales.gql(ADD, { input: { customerId: customer.id, kind: 'NOTE', text: 'Poistettava muistiinpano' } });
    await service.gql(ADD, { input: { customerId: customer.id, kind: 'CONTACT', channel: 'VISIT', text: 'Poistettava käynti' } });
    const erasure = await request('ERASURE', customer.id);
    const plan = await privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table action rowCount } } }`, { id: erasure });
    expect(plan.errors).toBeUndefined();
    expect(plan.data.planErasure.items).toEqual(expect.arrayContaining([{ table: 'customer_notes', action: 'ERASE', rowCount: 2 }]));
    const executed = await privacy.gql(`mutation ($id: UUID!) { executeErasure(id: $id) { request { status } } }`, { id: erasure });
    expect(executed.errors).toBeUndefined();
    expect(await count(`customer_notes WHERE customer_id = $1`, [customer.id])).toBe(0);
  });
});
