import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { addressedDocumentsOf } from '../requests/documents.repository';

let server: TestServer;
let admin: TestClient;
let privacy: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  [admin, privacy] = await Promise.all([server.as('admin'), server.as('privacy')]);
});
afterAll(() => server?.close());

const RECIPIENT = 'id name language contactEmail postalAddress version';
const CREATE = `mutation ($input: RecipientInput!) { createRecipient(input: $input) { ${RECIPIENT} } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: RecipientInput!) { updateRecipient(id: $id, version: $v, input: $input) { ${RECIPIENT} } }`;

let seq = 0;
const base = () => ({ name: `Perintä ${++seq}-${Date.now()} Oy`, kind: 'INDEPENDENT_CONTROLLER', country: 'FI', bases: ['INVOICING'] });

async function createRecipient(input: Record<string, unknown>) {
  const result = await admin.gql(CREATE, { input: { ...base(), ...input } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.createRecipient;
}

async function privacyRequest(type: 'ERASURE' | 'RECTIFICATION', customerId: string): Promise<string> {
  const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type, customerId, requesterName: 'Hilla Poistaja', receivedVia: 'EMAIL', language: 'FI', signed: false },
  });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id as string;
  const verified = await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id });
  if (verified.errors) throw new Error(JSON.stringify(verified.errors));
  return id;
}

describe("a recipient's notice address (GDPR 19)", () => {
  it("[P16] a notice to a recipient with a contact e-mail is addressed to that e-mail in the recipient's language", async () => {
    const r = await createRecipient({ language: 'EN', contactEmail: 'Privacy@Perinta.EXAMPLE', postalAddress: ' PO Box 9 \n\n 00100 Helsinki ' });
    expect(r).toMatchObject({ language: 'EN', contactEmail: 'privacy@perinta.example', postalAddress: 'PO Box 9\n00100 Helsinki' });
    const c = await buildCustomer(server.db, { firstName: 'Hilla' });
    const disclosed = await privacy.gql(`mutation ($input: DiscloseInput!) { discloseCustomerData(input: $input) { disclosure { id } } }`, {
      input: { customerId: c.id, recipientId: r.id, basis: 'INVOICING', fields: ['email', 'street'] },
    });
    expect(disclosed.errors).toBeUndefined();

    const id = await privacyRequest('ERASURE', c.id);
    const plan = await privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table } } }`, { id });
    expect(plan.errors).toBeUndefined();
    const executed = await privacy.gql(`mutation ($id: UUID!) { executeErasure(id: $id) { request { status } } }`, { id });
    expect(executed.errors).toBeUndefined();

    const notices = (await addressedDocumentsOf(server.db.manager, id)).filter((d) => d.kind === 'RECIPIENT_NOTICE');
    expect(notices.map((d) => d.addressee)).toEqual([
      { kind: 'RECIPIENT', name: r.name, email: 'privacy@perinta.example', postalAddress: 'PO Box 9\n00100 Helsinki', language: 'EN', recipientId: r.id },
    ]);
    expect(notices[0].content.toString('utf8')).toContain('erased');
  });

  it('a change of the notice address is kept, and a cleared one is gone', async () => {
    const r = await createRecipient({ language: 'FI', contactEmail: 'a@example.fi' });
    const input = { ...base(), name: r.name };
    const changed = await admin.gql(UPDATE, { id: r.id, v: r.version, input: { ...input, language: 'EN', postalAddress: 'Box 1\nStockholm' } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateRecipient).toMatchObject({ language: 'EN', contactEmail: null, postalAddress: 'Box 1\nStockholm', version: 2 });
    const [row] = await server.db.query(`SELECT language, contact_email, postal_address FROM recipients WHERE id = $1`, [r.id]);
    expect(row).toEqual({ language: 'EN', contact_email: null, postal_address: 'Box 1\nStockholm' });
    const listed = (await privacy.gql(`{ recipients { id language contactEmail postalAddress } }`)).data.recipients;
    expect(listed).toContainEqual({ id: r.id, language: 'EN', contactEmail: null, postalAddress: 'Box 1\nStockholm' });
  });

  it('refuses a malformed contact e-mail, an unknown language and an overlong postal address, and writes nothing', async () => {
    const before = await server.db.query(`SELECT count(*)::int AS n FROM recipients`);
    const badEmail = await admin.gql(CREATE, { input: { ...base(), contactEmail: 'not an address' } });
    expect(codes(badEmail)).toEqual(['BAD_USER_INPUT']);
    const badLanguage = await admin.gql(CREATE, { input: { ...base(), language: 'SV' } });
    expect(codes(badLanguage)).toEqual(['BAD_USER_INPUT']);
    const longAddress = await admin.gql(CREATE, { input: { ...base(), postalAddress: 'x'.repeat(501) } });
    expect(codes(longAddress)).toEqual(['BAD_USER_INPUT']);
    const manyLines = await admin.gql(CREATE, { input: { ...base(), postalAddress: Array.from({ length: 9 }, (_, i) => `Rivi ${i}`).join('\n') } });
    expect(manyLines.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postalAddress' });
    expect(await server.db.query(`SELECT count(*)::int AS n FROM recipients`)).toEqual(before);
  });
});
