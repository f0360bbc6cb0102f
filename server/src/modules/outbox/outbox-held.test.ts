import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

// No SMTP_URL: every letter waits in the outbox to be printed, sent and marked sent by hand.
let server: TestServer;
let privacy: TestClient;
let service: TestClient;
/** The server's time; it stands at the real time unless a test moves it. */
const clock = new ManualClock();
beforeAll(async () => {
  server = await startTestServer({}, { clock });
  [privacy, service] = await Promise.all([server.as('privacy'), server.as('service')]);
});
afterAll(() => server?.close());
afterEach(() => clock.set(new Date()));

const CREATE = `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`;
const VERIFY = `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`;
const MESSAGE = `id status holdReason channel subject answer attempts sentAt sentBy note version documentKind attachments { filename }`;
const OUTBOX = `query ($f: OutboxFilter) { outboxMessages(filter: $f) { totalCount counts { status count } edges { node { ${MESSAGE} } } } }`;
const MARK_SENT = `mutation ($id: UUID!, $v: Int!, $input: ManualDeliveryInput!) { markOutboxMessageSent(id: $id, version: $v, input: $input) { ${MESSAGE} } }`;
const RETRY = `mutation ($id: UUID!, $v: Int!) { retryOutboxMessage(id: $id, version: $v) { id } }`;
const REQUEST = `query ($id: UUID!) { privacyRequest(id: $id) { status daysLeft answeredAt awaitingDelivery } }`;

async function verifiedRequest(type: string, customerId: string): Promise<string> {
  const created = await service.gql(CREATE, {
    input: { type, customerId, requesterName: 'Eeva Esimerkki', receivedVia: 'LETTER', language: 'FI', signed: true },
  });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id;
  await privacy.gql(VERIFY, { id });
  return id;
}

const messagesOf = async (requestId: string) =>
  (await privacy.gql(OUTBOX, { f: { requestId } })).data.outboxMessages.edges.map((e: { node: Record<string, unknown> }) => e.node);

describe('the outbox without a mail server', () => {
  it('[P14] holds the answer for printing; the request is answered once a privacy officer marks it sent (audited)', async () => {
    const customer = await buildCustomer(server.db);
    const id = await verifiedRequest('ACCESS', customer.id);
    expect((await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { request { status } } }`, { id })).errors).toBeUndefined();
    const [held] = await messagesOf(id);
    expect(held).toMatchObject({
      status: 'HELD',
      holdReason: 'NO_SMTP',
      answer: true,
      attempts: 0,
      subject: 'Tarkastuspyyntönne: tietonne asiakasrekisterissä',
    });
    expect(held.attachments).toHaveLength(2);
    const page = (await privacy.gql(OUTBOX, { f: { status: ['HELD'] } })).data.outboxMessages;
    expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(held.id);
    expect(page.counts).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'HELD', count: page.totalCount })]));

    expect((await privacy.gql(REQUEST, { id })).data.privacyRequest).toMatchObject({ status: 'COMPLETED', awaitingDelivery: true, answeredAt: null });
    expect(codes(await privacy.gql(RETRY, { id: held.id, v: held.version }))).toEqual(['BAD_USER_INPUT']);

    const today = server.services.deadlines.today(new Date());
    const marked = await privacy.gql(MARK_SENT, { id: held.id, v: held.version, input: { sentOn: today, note: 'Postitettu kirjeenä' } });
    expect(marked.errors).toBeUndefined();
    expect(marked.data.markOutboxMessageSent).toMatchObject({ status: 'SENT', channel: 'BY_HAND', sentBy: 'privacy', note: 'Postitettu kirjeenä' });
    const answered = (await privacy.gql(REQUEST, { id })).data.privacyRequest;
    expect(answered).toMatchObject({ awaitingDelivery: false, daysLeft: null, answeredAt: marked.data.markOutboxMessageSent.sentAt });
    const [audit] = await server.db.query(
      `SELECT actor_username, customer_id, detail FROM audit_events WHERE action = 'OUTBOX_MARKED_SENT' AND detail->>'outboxMessageId' = $1`,
      [held.id],
    );
    expect(audit).toMatchObject({ actor_username: 'privacy', customer_id: customer.id });
    expect(audit.detail).toMatchObject({ sentOn: today, channel: 'BY_HAND' });
    // Once sent, it stays sent.
    const again = await privacy.gql(MARK_SENT, { id: held.id, v: marked.data.markOutboxMessageSent.version, input: { sentOn: today } });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
  });

  it("[P14] a letter written after midnight in Finland, still the day before in UTC, is marked sent on the company's day", async () => {
    // 22:30 UTC is 00:30 or 01:30 in Helsinki: the company's calendar is a day ahead of a browser on UTC.
    const utcDay = new Date().toISOString().slice(0, 10);
    clock.set(`${utcDay}T22:30:00Z`);
    const companyDay = server.services.deadlines.today(clock.now());
    expect(companyDay > utcDay).toBe(true);
    const customer = await buildCustomer(server.db);
    const id = await verifiedRequest('ACCESS', customer.id);
    expect((await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { request { status } } }`, { id })).errors).toBeUndefined();
    const listed = await privacy.gql(`query ($f: OutboxFilter) { outboxMessages(filter: $f) { edges { node { id version writtenOn latestSentOn } } } }`, {
      f: { requestId: id },
    });
    expect(listed.errors).toBeUndefined();
    const [held] = listed.data.outboxMessages.edges.map((e: { node: Record<string, unknown> }) => e.node);
    // The form offers the days the server takes: from the letter's day to today, both on the company's calendar.
    expect(held).toMatchObject({ writtenOn: companyDay, latestSentOn: companyDay });
    const early = await privacy.gql(MARK_SENT, { id: held.id, v: held.version, input: { sentOn: utcDay } });
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors?.[0].extensions?.field).toBe('sentOn');
    const marked = await privacy.gql(MARK_SENT, { id: held.id, v: held.version, input: { sentOn: held.latestSentOn } });
    expect(marked.errors).toBeUndefined();
    expect(marked.data.markOutboxMessageSent.status).toBe('SENT');
  });

  it('[P14] an extension notice is delivered too, but it does not answer the request', async () => {
    const customer = await buildCustomer(server.db);
    const id = await verifiedRequest('ACCESS', customer.id);
    const until = server.services.deadlines.yearsFromToday(new Date(), 0);
    const [y, m, d] = until.split('-').map(Number);
    const later = new Date(Date.UTC(y, m - 1 + 2, Math.min(d, 28))).toISOString().slice(0, 10);
    const extended = await privacy.gql(`mutation ($id: UUID!, $input: ExtendPrivacyRequestInput!) { extendPrivacyRequest(id: $id, input: $input) { dueAt } }`, {
      id,
      input: { until: later, reason: 'Laaja aineisto' },
    });
    expect(extended.errors).toBeUndefined();
    const [notice] = await messagesOf(id);
    expect(notice).toMatchObject({ status: 'HELD', documentKind: 'EXTENSION_NOTICE', answer: false });
    expect((await privacy.gql(REQUEST, { id })).data.privacyRequest).toMatchObject({ awaitingDelivery: false, answeredAt: null });
  });
});
