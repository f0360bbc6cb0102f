import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { buildCustomer, buildInvoice, buildOrder } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';

// 03:00 UTC on 2 March 2026: still 1 March (22:00) in New York, already 2 March (05:00) in Helsinki.
const NOW = '2026-03-02T03:00:00Z';
const clock = new ManualClock(new Date(NOW));
let server: TestServer;
let privacy: TestClient;
beforeAll(async () => {
  server = await startTestServer({ TIME_ZONE: 'America/New_York' }, { clock });
  privacy = await server.as('privacy');
});
afterAll(() => server?.close());

async function verifiedRequest(type: 'ACCESS' | 'ERASURE', customerId: string, language: 'FI' | 'EN' = 'FI'): Promise<string> {
  const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type, customerId, requesterName: 'Aino Asiakas', receivedVia: 'EMAIL', language, signed: false },
  });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id;
  await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id });
  return id;
}

const documentOf = async (requestId: string, kind: string) =>
  (await server.db.query(`SELECT convert_from(content, 'UTF8') AS html FROM privacy_documents WHERE request_id = $1 AND kind = $2`, [requestId, kind]))[0]
    .html as string;

describe('documents follow the configured time zone (TIME_ZONE)', () => {
  it('[P14] a letter is dated on the calendar of TIME_ZONE, not of Helsinki', async () => {
    const id = await verifiedRequest('ACCESS', (await buildCustomer(server.db)).id);
    const refused = await privacy.gql(`mutation ($id: UUID!) { refusePrivacyRequest(id: $id, reason: "Ei tunnistettu") { status } }`, { id });
    expect(refused.errors).toBeUndefined();
    const letter = await documentOf(id, 'REFUSAL_NOTICE');
    expect(letter).toContain('<p class="meta">1.3.2026</p>');
    expect(letter).not.toContain('2.3.2026');
  });

  it('[P14] an extension notice names the day of receipt and the new last day on that calendar', async () => {
    const id = await verifiedRequest('ACCESS', (await buildCustomer(server.db)).id, 'EN');
    const extended = await privacy.gql(
      `mutation ($id: UUID!) { extendPrivacyRequest(id: $id, input: { until: "2026-05-31", reason: "Many records" }) { dueAt } }`,
      { id },
    );
    // The end of 31 May in New York (EDT, UTC-4).
    expect(extended.data.extendPrivacyRequest.dueAt).toBe('2026-06-01T03:59:59.999Z');
    const notice = await documentOf(id, 'EXTENSION_NOTICE');
    expect(notice).toContain('we received your request on 01/03/2026');
    expect(notice).toContain('We will answer by 31/05/2026');
  });

  it('[P10] a retention date in an erasure reply is the calendar day itself, in any zone', async () => {
    const customer = await buildCustomer(server.db);
    await buildInvoice(server.db, {
      order: await buildOrder(server.db, { customer, status: 'DELIVERED', orderedAt: new Date('2026-01-05T15:00:00Z') }),
      status: 'PAID',
      issuedAt: '2026-01-06',
    });
    const id = await verifiedRequest('ERASURE', customer.id);
    await privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table } } }`, { id });
    const executed = await privacy.gql(`mutation ($id: UUID!) { executeErasure(id: $id) { items { table until } } }`, { id });
    expect(executed.data.executeErasure.items).toEqual(expect.arrayContaining([{ table: 'invoices', until: '2032-12-31' }]));
    const reply = await documentOf(id, 'ERASURE_REPLY');
    expect(reply).toContain('saakka 31.12.2032');
    expect(reply).not.toContain('30.12.2032');
    expect(reply).toContain('<p class="meta">1.3.2026</p>');
  });
});
