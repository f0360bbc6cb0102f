import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildUser } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { addressedDocumentsOf } from './documents.repository';

let server: TestServer;
let privacy: TestClient;
let disclosedBy: string;
beforeAll(async () => {
  server = await startTestServer();
  privacy = await server.as('privacy');
  disclosedBy = (await buildUser(server.db, { roles: ['PRIVACY_OFFICER'] })).id;
});
afterAll(() => server?.close());

const LIFT = `mutation ($c: UUID!, $note: String!) { liftRestriction(customerId: $c, note: $note) }`;

async function restrictionRequest(customerId: string, language: 'FI' | 'EN' = 'FI'): Promise<string> {
  const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type: 'RESTRICTION', customerId, requesterName: 'Rauha Rajoittaja', receivedVia: 'LETTER', language, signed: true },
  });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id as string;
  const verified = await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: SIGNED_LETTER }) { status } }`, { id });
  expect(verified.data.verifyIdentity.status).toBe('COMPLETED');
  return id;
}

let recipientSeq = 0;
async function recipient(language: 'FI' | 'EN' | null = null): Promise<{ id: string; name: string }> {
  const [row] = await server.db.query(
    `INSERT INTO recipients (name, kind, country, bases, language) VALUES ($1, 'INDEPENDENT_CONTROLLER', 'FI', '{INVOICING}', $2) RETURNING id, name`,
    [`Rajoitettu saaja ${++recipientSeq}-${Date.now()}`, language],
  );
  return row;
}
const disclose = (customerId: string, recipientId: string, fields: string[]) =>
  server.db.query(`INSERT INTO disclosures (customer_id, recipient_id, basis, fields, disclosed_by) VALUES ($1, $2, 'INVOICING', $3, $4)`, [
    customerId,
    recipientId,
    fields,
    disclosedBy,
  ]);
const restricted = async (id: string) => (await server.db.query(`SELECT restricted FROM customers WHERE id = $1`, [id]))[0].restricted as boolean;

describe('restriction of processing (GDPR 18, 19)', () => {
  it('[P16] restriction notifies every recipient that received the data and tells the requester who they were', async () => {
    const customer = await buildCustomer(server.db, { firstName: 'Rauha' });
    const [a, b] = [await recipient(), await recipient('EN')];
    await disclose(customer.id, a.id, ['street', 'city']);
    await disclose(customer.id, b.id, ['email']);
    const id = await restrictionRequest(customer.id, 'EN');
    expect(await restricted(customer.id)).toBe(true);

    const notices = (await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { notices { kind target recipient status documentId } } }`, { id })).data
      .privacyRequest.notices;
    expect(notices.map((n: { recipient: string }) => n.recipient).sort()).toEqual([a.name, b.name].sort());
    for (const n of notices) expect(n).toMatchObject({ kind: 'RESTRICTION', target: 'RECIPIENT', status: 'PENDING', documentId: expect.any(String) });

    const documents = await addressedDocumentsOf(server.db.manager, id);
    const toB = documents.find((d) => d.addressee.recipientId === b.id);
    expect(toB?.addressee).toMatchObject({ kind: 'RECIPIENT', name: b.name, language: 'EN' });
    expect(toB?.content.toString('utf8')).toContain('restricted');
    expect(toB?.content.toString('utf8')).toContain(`Rauha ${customer.lastName}`);
    expect(documents.find((d) => d.addressee.recipientId === a.id)?.addressee.language).toBe('FI');

    const reply = documents.find((d) => d.kind === 'RESTRICTION_REPLY');
    expect(reply?.addressee).toMatchObject({ kind: 'REQUESTER', name: 'Rauha Rajoittaja', email: customer.email, language: 'EN' });
    const html = reply?.content.toString('utf8') ?? '';
    expect(html).toContain('Recipients of your data');
    expect(html).toContain(a.name);
    expect(html).toContain(b.name);
  });

  it('[P16] lifting a restriction first writes the notice to the person in their language', async () => {
    // The request came in Finnish, but the customer is served in English: the notice is in their language.
    const customer = await buildCustomer(server.db, { language: 'en', street: 'Rajakatu 9', postalCode: '00900', city: 'Helsinki' });
    const id = await restrictionRequest(customer.id, 'FI');
    const before = (await addressedDocumentsOf(server.db.manager, id)).length;

    const lifted = await privacy.gql(LIFT, { c: customer.id, note: 'The court case has ended' });
    expect(lifted.errors).toBeUndefined();
    expect(await restricted(customer.id)).toBe(false);

    const documents = await addressedDocumentsOf(server.db.manager, id);
    expect(documents).toHaveLength(before + 1);
    const notice = documents.find((d) => d.kind === 'RESTRICTION_LIFT_NOTICE');
    expect(notice?.addressee).toEqual({
      kind: 'REQUESTER',
      name: 'Rauha Rajoittaja',
      email: customer.email,
      postalAddress: 'Rajakatu 9\n00900 Helsinki',
      language: 'EN',
      recipientId: null,
    });
    const html = notice?.content.toString('utf8') ?? '';
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Article 18(3)');
    expect(html).toContain('The court case has ended');
    // On the request's timeline, before the lift took effect (same transaction, in order).
    const events = (await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { events { kind note } } }`, { id })).data.privacyRequest.events;
    expect(events).toEqual(expect.arrayContaining([{ kind: 'RESTRICTION_LIFTED', note: 'The court case has ended' }]));
  });

  it('[P16] a restriction is not lifted without the notice: no request to tell the person by, no lift', async () => {
    const customer = await buildCustomer(server.db, { restricted: true });
    const refused = await privacy.gql(LIFT, { c: customer.id, note: 'Ei enää tarpeen' });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customerId' });
    expect(await restricted(customer.id)).toBe(true);
    // Not restricted: nothing to lift, and nothing written.
    const free = await buildCustomer(server.db);
    expect(codes(await privacy.gql(LIFT, { c: free.id, note: 'Turha' }))).toEqual(['BAD_USER_INPUT']);
  });
});
