import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let admin: TestClient;
let sales: TestClient;
let privacy: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  [admin, sales, privacy] = await Promise.all([server.as('admin'), server.as('sales'), server.as('privacy')]);
});
afterAll(() => server?.close());

const CREATE = `mutation ($input: RecipientInput!) { createRecipient(input: $input) { id name kind country inEea bases safeguard necessity active version } }`;
const DISCLOSE = `mutation ($input: DiscloseInput!) {
  discloseCustomerData(input: $input) { data disclosure { id basis fields disclosedBy recipient { name } } }
}`;
const LEDGER = `query ($c: ID!) { disclosures(customerId: $c) { basis fields note disclosedBy recipient { name } } }`;

let seq = 0;
async function recipient(input: Record<string, unknown> = {}) {
  const result = await admin.gql(CREATE, {
    input: { name: `Perintä Oy ${++seq}`, kind: 'INDEPENDENT_CONTROLLER', country: 'FI', bases: ['DEBT_COLLECTION', 'INVOICING', 'CREDIT_DECISION'], ...input },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.createRecipient;
}
const customerAt = async (offset: number) =>
  (await server.db.query(`SELECT id FROM customers WHERE partner_id IS NULL ORDER BY customer_number LIMIT 1 OFFSET $1`, [offset]))[0].id as string;

describe('the recipients registry', () => {
  it('[P9] derives EU/EEA membership from the country', async () => {
    const norway = await recipient({ country: 'no' });
    expect(norway).toMatchObject({ country: 'NO', inEea: true, safeguard: null });
  });

  it('[P9] refuses a recipient outside the EU/EEA without a safeguard and a recorded necessity', async () => {
    const before = await server.db.query(`SELECT count(*)::int AS n FROM recipients`);
    const noSafeguard = await admin.gql(CREATE, { input: { name: 'Cloud Inc', kind: 'PROCESSOR', country: 'US', bases: ['INVOICING'], necessity: 'Hosting' } });
    expect(noSafeguard.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'safeguard' });
    const noNecessity = await admin.gql(CREATE, {
      input: { name: 'Cloud Inc', kind: 'PROCESSOR', country: 'US', bases: ['INVOICING'], safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' },
    });
    expect(noNecessity.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'necessity' });
    expect(await server.db.query(`SELECT count(*)::int AS n FROM recipients`)).toEqual(before);
    const ok = await recipient({ country: 'US', kind: 'PROCESSOR', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES', necessity: 'Invoice printing service' });
    expect(ok).toMatchObject({ inEea: false, safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' });
  });

  it('refuses an unknown country code and an empty list of bases', async () => {
    const badCountry = await admin.gql(CREATE, { input: { name: 'X', kind: 'PROCESSOR', country: 'XX', bases: ['INVOICING'] } });
    expect(badCountry.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'country' });
    const noBases = await admin.gql(CREATE, { input: { name: 'X', kind: 'PROCESSOR', country: 'FI', bases: [] } });
    expect(codes(noBases)).toEqual(['BAD_USER_INPUT']);
  });

  it('[P8] only admins register recipients; privacy officers and sales read them; marketing does not', async () => {
    const bySales = await sales.gql(CREATE, { input: { name: 'Y', kind: 'PROCESSOR', country: 'FI', bases: ['INVOICING'] } });
    expect(codes(bySales)).toEqual(['FORBIDDEN']);
    const r = await recipient();
    expect((await privacy.gql(`{ recipients { id } }`)).data.recipients.map((x: { id: string }) => x.id)).toContain(r.id);
    const marketing = await server.as('marketing');
    expect(codes(await marketing.gql(`{ recipients { id } }`))).toEqual(['FORBIDDEN']);
  });

  it('a stale version gives CONFLICT and changes nothing', async () => {
    const r = await recipient();
    const UPDATE = `mutation ($id: ID!, $v: Int!, $input: RecipientInput!) { updateRecipient(id: $id, version: $v, input: $input) { name version } }`;
    const input = { name: `${r.name} Ab`, kind: r.kind, country: r.country, bases: r.bases };
    const first = await admin.gql(UPDATE, { id: r.id, v: r.version, input });
    expect(first.errors).toBeUndefined();
    expect(first.data.updateRecipient).toEqual({ name: `${r.name} Ab`, version: 2 });
    const stale = await admin.gql(UPDATE, { id: r.id, v: r.version, input: { ...input, name: 'Other' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await server.db.query(`SELECT name FROM recipients WHERE id = $1`, [r.id]))[0].name).toBe(`${r.name} Ab`);
  });
});

describe('the disclosure ledger', () => {
  it('[P8] discloses exactly the fields named, records who, when, which fields, basis and recipient, and audits it', async () => {
    const r = await recipient();
    const c = await customerAt(0);
    const [customer] = await server.db.query(`SELECT first_name, email, phone FROM customers WHERE id = $1`, [c]);
    const result = await sales.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['firstName', 'email'], note: 'Lasku 123' } });
    expect(result.data.discloseCustomerData.data).toEqual({ firstName: customer.first_name, email: customer.email });
    expect(result.data.discloseCustomerData.disclosure).toMatchObject({ basis: 'INVOICING', fields: ['firstName', 'email'], disclosedBy: 'sales' });
    const ledger = (await privacy.gql(LEDGER, { c })).data.disclosures;
    expect(ledger).toEqual([{ basis: 'INVOICING', fields: ['firstName', 'email'], note: 'Lasku 123', disclosedBy: 'sales', recipient: { name: r.name } }]);
    const [audit] = await server.db.query(`SELECT actor_username, fields, detail FROM audit_events WHERE action = 'CUSTOMER_DATA_DISCLOSED' AND customer_id = $1`, [c]);
    expect(audit).toMatchObject({ actor_username: 'sales', fields: ['firstName', 'email'], detail: { recipientId: r.id, basis: 'INVOICING' } });
  });

  it('[P8] a basis the recipient is not registered for is refused, and nothing is recorded', async () => {
    const r = await recipient({ bases: ['DEBT_COLLECTION'] });
    const c = await customerAt(1);
    const result = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basis' });
    expect(await server.db.query(`SELECT 1 FROM disclosures WHERE customer_id = $1`, [c])).toEqual([]);
  });

  it('[P8] there is no basis outside the five the notice names', async () => {
    const r = await recipient();
    const result = await privacy.gql(DISCLOSE, { input: { customerId: await customerAt(2), recipientId: r.id, basis: 'MARKETING', fields: ['email'] } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('[P8] sales may disclose for invoicing and credit decisions only; a privacy officer for all', async () => {
    const r = await recipient();
    const c = await customerAt(3);
    const bySales = await sales.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'DEBT_COLLECTION', fields: ['email'] } });
    expect(bySales.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'basis' });
    const byOfficer = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'DEBT_COLLECTION', fields: ['email'] } });
    expect(byOfficer.data.discloseCustomerData.disclosure.basis).toBe('DEBT_COLLECTION');
    for (const user of ['marketing', 'service', 'admin']) {
      const client = await server.as(user);
      expect(codes(await client.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } }))).toEqual(['FORBIDDEN']);
    }
    expect((await server.db.query(`SELECT count(*)::int AS n FROM disclosures WHERE customer_id = $1`, [c]))[0].n).toBe(1);
  });

  it('[P8] a restricted customer is disclosed only on a legal obligation', async () => {
    const r = await recipient({ kind: 'AUTHORITY', bases: ['LEGAL_OBLIGATION', 'INVOICING'] });
    const c = await customerAt(4);
    await server.db.query(`UPDATE customers SET restricted = true WHERE id = $1`, [c]);
    const invoicing = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } });
    expect(invoicing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basis' });
    const legal = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'LEGAL_OBLIGATION', fields: ['email', 'street'] } });
    expect(legal.data.discloseCustomerData.disclosure.fields).toEqual(['email', 'street']);
  });

  it('[P4] a partner cannot disclose, and nobody discloses a field they may not read', async () => {
    const r = await recipient();
    const c = await customerAt(5);
    const unknownField = await sales.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['passwordHash'] } });
    expect(unknownField.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fields' });
    const partner = await server.as('partner');
    expect(codes(await partner.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } }))).toEqual(['FORBIDDEN']);
    expect(await server.db.query(`SELECT 1 FROM disclosures WHERE customer_id = $1`, [c])).toEqual([]);
  });

  it('[P8] the ledger is append-only in the database', async () => {
    await expect(server.db.query(`UPDATE disclosures SET basis = 'INVOICING'`)).rejects.toThrow(/append-only/);
    await expect(server.db.query(`DELETE FROM disclosures`)).rejects.toThrow(/append-only/);
  });
});
