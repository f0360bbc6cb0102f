import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { TestMailServer } from './test-mail-server';

let mail: TestMailServer;
let server: TestServer;
let privacy: TestClient;
let service: TestClient;
let admin: TestClient;
beforeAll(async () => {
  mail = await new TestMailServer().start(0);
  server = await startTestServer({
    SMTP_URL: mail.url,
    MAIL_FROM: 'Tietosuoja <tietosuoja@rekisteri.example>',
    OUTBOX_RETRY_DELAY_SECONDS: '1',
  });
  [privacy, service, admin] = await Promise.all([server.as('privacy'), server.as('service'), server.as('admin')]);
});
afterAll(async () => {
  await server?.close();
  await mail?.stop();
});

const CREATE = `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`;
const VERIFY = `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`;
const FULFIL = `mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { htmlDocument { id sha256 } jsonDocument { id sha256 } } }`;
const MESSAGE = `id status holdReason channel subject language addresseeKind addresseeName addresseeEmail addresseeAddress answer attempts lastError
  sentAt sentTo messageId sentBy version documentId attachments { documentId filename kind }`;
const OUTBOX = `query ($f: OutboxFilter) { outboxMessages(filter: $f) { totalCount counts { status count } edges { node { ${MESSAGE} } } } }`;
const RETRY = `mutation ($id: UUID!, $v: Int!) { retryOutboxMessage(id: $id, version: $v) { ${MESSAGE} } }`;
const MARK_SENT = `mutation ($id: UUID!, $v: Int!, $input: ManualDeliveryInput!) { markOutboxMessageSent(id: $id, version: $v, input: $input) { ${MESSAGE} } }`;
const REQUEST = `query ($id: UUID!) { privacyRequest(id: $id) { status daysLeft overdue closedAt answeredAt awaitingDelivery events { kind detail } } }`;
const OPEN_QUEUE = `query { privacyRequests(filter: { open: true }, first: 200) { edges { node { id } } } }`;

interface Message {
  id: string;
  status: string;
  holdReason: string | null;
  channel: string | null;
  subject: string;
  addresseeKind: string;
  addresseeEmail: string | null;
  addresseeAddress: string | null;
  answer: boolean;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  sentTo: string | null;
  messageId: string | null;
  sentBy: string | null;
  version: number;
  documentId: string;
  attachments: Array<{ documentId: string; filename: string; kind: string }>;
}

async function messagesOf(requestId: string, client = privacy): Promise<Message[]> {
  const result = await client.gql(OUTBOX, { f: { requestId } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.outboxMessages.edges.map((e: { node: Message }) => e.node);
}

/** Waits (polling, no fixed sleep) until the request's only letter to `kind` satisfies `check`. */
function waitForMessage(requestId: string, check: (m: Message) => boolean, kind = 'REQUESTER'): Promise<Message> {
  return vi.waitFor(
    async () => {
      const message = (await messagesOf(requestId)).find((m) => m.addresseeKind === kind);
      if (!message || !check(message)) throw new Error(`not yet: ${JSON.stringify(message)}`);
      return message;
    },
    { timeout: 20_000, interval: 50 },
  );
}

async function accessRequest(customer: { id: string }, language = 'FI'): Promise<string> {
  const created = await service.gql(CREATE, {
    input: { type: 'ACCESS', customerId: customer.id, requesterName: 'Eeva Esimerkki', receivedVia: 'LETTER', language, signed: true },
  });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id;
  const verified = await privacy.gql(VERIFY, { id });
  if (verified.errors) throw new Error(JSON.stringify(verified.errors));
  return id;
}

async function answeredAccessRequest(customer: { id: string }, language = 'FI'): Promise<string> {
  const id = await accessRequest(customer, language);
  const fulfilled = await privacy.gql(FULFIL, { id });
  if (fulfilled.errors) throw new Error(JSON.stringify(fulfilled.errors));
  return id;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('answers to requesters by e-mail', () => {
  it('[P14] an access package reaches the requester by e-mail, subject in their language, the package attached', async () => {
    const customer = await buildCustomer(server.db);
    const id = await accessRequest(customer, 'FI');
    const fulfilled = await privacy.gql(FULFIL, { id });
    expect(fulfilled.errors).toBeUndefined();
    const { htmlDocument, jsonDocument } = fulfilled.data.fulfilAccessRequest;

    const message = await waitForMessage(id, (m) => m.status === 'SENT');
    expect(message).toMatchObject({ channel: 'EMAIL', answer: true, sentTo: customer.email, addresseeEmail: customer.email, attempts: 1 });
    const [arrived] = mail.to(customer.email as string);
    expect(arrived).toBeDefined();
    expect(arrived.subject).toBe('Tarkastuspyyntönne: tietonne asiakasrekisterissä');
    expect(arrived.text).toContain('Hyvä Eeva Esimerkki');
    expect(arrived.messageId).toBe(message.messageId);
    // The printable package and its machine-readable copy, byte for byte as stored.
    const files = Object.fromEntries(arrived.attachments.map((a) => [a.filename, a]));
    const html = files[message.attachments.find((a) => a.kind === 'ACCESS_PACKAGE_HTML')?.filename ?? ''];
    const json = files[message.attachments.find((a) => a.kind === 'ACCESS_PACKAGE_JSON')?.filename ?? ''];
    expect(html.contentType).toBe('text/html');
    expect(sha256(html.content)).toBe(htmlDocument.sha256);
    expect(sha256(json.content)).toBe(jsonDocument.sha256);
    expect(arrived.attachments).toHaveLength(2);
    // One letter for both formats, and the request is answered when it went.
    expect(await messagesOf(id)).toHaveLength(1);
    const request = (await privacy.gql(REQUEST, { id })).data.privacyRequest;
    expect(request).toMatchObject({ status: 'COMPLETED', awaitingDelivery: false, daysLeft: null, answeredAt: message.sentAt });
    expect(request.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'DELIVERED' })]));
  });

  it('[P14] English requesters get their answer with an English subject', async () => {
    const customer = await buildCustomer(server.db, { language: 'en' });
    const id = await answeredAccessRequest(customer, 'EN');
    await waitForMessage(id, (m) => m.status === 'SENT');
    const [arrived] = mail.to(customer.email as string);
    expect(arrived.subject).toBe('Your access request: your data in the customer register');
    expect(arrived.text).toContain('Dear Eeva Esimerkki');
  });

  it('[P14] an addressee with no e-mail address is held for printing, with the postal address to send it to', async () => {
    const customer = await buildCustomer(server.db, { email: null, street: 'Postikatu 3', postalCode: '33100', city: 'Tampere' });
    const id = await answeredAccessRequest(customer);
    const [message] = await messagesOf(id);
    expect(message).toMatchObject({ status: 'HELD', holdReason: 'NO_EMAIL', addresseeEmail: null });
    expect(message.addresseeAddress).toContain('33100 Tampere');
    const retried = await privacy.gql(RETRY, { id: message.id, v: message.version });
    expect(codes(retried)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('notices to recipients by e-mail (GDPR 19)', () => {
  it("[P16] a rectification notice reaches the recipient by e-mail, in the recipient's language", async () => {
    const customer = await buildCustomer(server.db);
    const [recipient] = await server.db.query(
      `INSERT INTO recipients (name, kind, country, bases, language, contact_email, postal_address)
       VALUES ('Perintä Oy ' || gen_random_uuid(), 'INDEPENDENT_CONTROLLER', 'FI', '{INVOICING}', 'EN', 'notices@perinta.example', 'PL 1, 00100 Helsinki')
       RETURNING id`,
    );
    const disclosed = await privacy.gql(`mutation ($input: DiscloseInput!) { discloseCustomerData(input: $input) { disclosure { id } } }`, {
      input: { customerId: customer.id, recipientId: recipient.id, basis: 'INVOICING', fields: ['email'] },
    });
    expect(disclosed.errors).toBeUndefined();
    const created = await service.gql(CREATE, {
      input: {
        type: 'RECTIFICATION',
        customerId: customer.id,
        requesterName: 'Eeva Esimerkki',
        receivedVia: 'LETTER',
        language: 'FI',
        signed: true,
        items: [{ field: 'email', proposedValue: 'eeva.uusi@example.fi', reason: 'Vaihtunut' }],
      },
    });
    const id = created.data.createPrivacyRequest.id;
    await privacy.gql(VERIFY, { id });
    const request = (await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { items { id } } }`, { id })).data.privacyRequest;
    const decided = await privacy.gql(`mutation ($id: UUID!, $d: [RectificationDecisionInput!]!) { decideRectification(id: $id, decisions: $d) { status } }`, {
      id,
      d: [{ itemId: request.items[0].id, approve: true }],
    });
    expect(decided.errors).toBeUndefined();

    const notice = await waitForMessage(id, (m) => m.status === 'SENT', 'RECIPIENT');
    expect(notice).toMatchObject({ answer: false, sentTo: 'notices@perinta.example', channel: 'EMAIL' });
    const [arrived] = mail.to('notices@perinta.example').filter((m) => m.messageId === notice.messageId);
    expect(arrived.subject).toBe(notice.subject);
    expect(arrived.subject).toMatch(/rectif|correct/i);
    expect(arrived.text).toContain('Dear');
    expect(arrived.attachments.map((a) => a.filename)).toEqual([notice.attachments[0].filename]);
    expect(arrived.attachments[0].content.toString('utf8')).toContain('eeva.uusi@example.fi');
    // The GDPR 19 worklist shows the notice as given.
    const [row] = await server.db.query(`SELECT status FROM rectification_notices WHERE request_id = $1 AND recipient_id = $2`, [id, recipient.id]);
    expect(row.status).toBe('SENT');
  });
});

describe('a mail server that is down', () => {
  it('[P14] records FAILED with the reason, and the job retries with backoff and sends it once the server is up', async () => {
    const customer = await buildCustomer(server.db);
    await mail.stop();
    try {
      const id = await answeredAccessRequest(customer);
      const failed = await waitForMessage(id, (m) => m.status === 'FAILED');
      expect(failed.attempts).toBeGreaterThanOrEqual(1);
      expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await mail.start();
    }
    const [request] = (await server.db.query(`SELECT id FROM privacy_requests WHERE customer_id = $1`, [customer.id])) as Array<{ id: string }>;
    const sent = await waitForMessage(request.id, (m) => m.status === 'SENT');
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(mail.to(customer.email as string)).toHaveLength(1);
  });

  it('[P14] a request counts as answered only once its answer is sent: the deadline runs until a privacy officer retries it', async () => {
    const customer = await buildCustomer(server.db);
    mail.rejectRecipients = true; // 550: the server's final no; the job does not retry it by itself
    let id: string;
    let failed: Message;
    try {
      id = await answeredAccessRequest(customer);
      failed = await waitForMessage(id, (m) => m.status === 'FAILED');
      expect(failed.lastError).toMatch(/550/);
      const waiting = (await privacy.gql(REQUEST, { id })).data.privacyRequest;
      expect(waiting).toMatchObject({ status: 'COMPLETED', awaitingDelivery: true, answeredAt: null, overdue: false });
      expect(waiting.daysLeft).toEqual(expect.any(Number));
      const queue = (await privacy.gql(OPEN_QUEUE)).data.privacyRequests.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(queue).toContain(id);
    } finally {
      mail.rejectRecipients = false;
    }
    const retried = await privacy.gql(RETRY, { id: failed.id, v: failed.version });
    expect(retried.errors).toBeUndefined();
    expect(['PENDING', 'SENDING', 'SENT']).toContain(retried.data.retryOutboxMessage.status);
    const sent = await waitForMessage(id, (m) => m.status === 'SENT');
    expect(mail.to(customer.email as string)).toHaveLength(1);
    const answered = (await privacy.gql(REQUEST, { id })).data.privacyRequest;
    expect(answered).toMatchObject({ awaitingDelivery: false, daysLeft: null, answeredAt: sent.sentAt });
    const queue = (await privacy.gql(OPEN_QUEUE)).data.privacyRequests.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(queue).not.toContain(id);
    const [audit] = await server.db.query(`SELECT actor_username FROM audit_events WHERE action = 'OUTBOX_RETRIED' AND detail->>'requestId' = $1`, [id]);
    expect(audit.actor_username).toBe('privacy');
  });

  it('[P14] loses nothing when a process dies while sending: the sweep takes over its claim and sends the letter', async () => {
    const customer = await buildCustomer(server.db);
    mail.rejectRecipients = true;
    let id: string;
    try {
      id = await answeredAccessRequest(customer);
      await waitForMessage(id, (m) => m.status === 'FAILED');
    } finally {
      mail.rejectRecipients = false;
    }
    // As a process leaves it when it dies after claiming the letter: SENDING, claimed long ago, no job running.
    await server.db.query(`UPDATE outbox_messages SET status = 'SENDING', claimed_at = now() - interval '1 hour' WHERE request_id = $1`, [id]);
    expect(await server.services.outboxDelivery.sweep()).toBeGreaterThanOrEqual(1);
    await waitForMessage(id, (m) => m.status === 'SENT');
    expect(mail.to(customer.email as string)).toHaveLength(1);
  });
});

describe('who works the outbox', () => {
  it('[P12] only privacy officers retry or mark letters sent; admins read the outbox; service staff see none of it', async () => {
    const customer = await buildCustomer(server.db, { email: null });
    const id = await answeredAccessRequest(customer);
    const [message] = await messagesOf(id);
    expect(codes(await service.gql(OUTBOX, { f: { requestId: id } }))).toEqual(['FORBIDDEN']);
    expect((await messagesOf(id, admin)).map((m) => m.id)).toEqual([message.id]);
    expect(codes(await admin.gql(MARK_SENT, { id: message.id, v: message.version, input: { sentOn: '2020-01-01' } }))).toEqual(['FORBIDDEN']);
    expect(codes(await admin.gql(RETRY, { id: message.id, v: message.version }))).toEqual(['FORBIDDEN']);
    const [{ status }] = await server.db.query(`SELECT status FROM outbox_messages WHERE id = $1`, [message.id]);
    expect(status).toBe('HELD');
  });

  it('[P14] marking sent by hand takes the day it went (not in the future, not before the letter) and the version seen', async () => {
    const customer = await buildCustomer(server.db, { email: null });
    const id = await answeredAccessRequest(customer);
    const [message] = await messagesOf(id);
    const future = await privacy.gql(MARK_SENT, { id: message.id, v: message.version, input: { sentOn: '2999-01-01' } });
    expect(codes(future)).toEqual(['BAD_USER_INPUT']);
    expect(future.errors?.[0].extensions?.field).toBe('sentOn');
    const before = await privacy.gql(MARK_SENT, { id: message.id, v: message.version, input: { sentOn: '2001-01-01' } });
    expect(codes(before)).toEqual(['BAD_USER_INPUT']);
    const stale = await privacy.gql(MARK_SENT, { id: message.id, v: message.version + 1, input: { sentOn: server.services.deadlines.today(new Date()) } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(codes(await privacy.gql(MARK_SENT, { id: '00000000-0000-4000-8000-000000000000', v: 1, input: { sentOn: '2020-01-01' } }))).toEqual(['NOT_FOUND']);
  });
});
