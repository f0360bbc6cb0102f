import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRules, buildCustomer, buildUser } from '../../test/factories';
import { DisclosureBasis, RecipientKind, TransferSafeguard } from './disclosure.model';
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
const LEDGER = `query ($c: UUID!) { disclosures(customerId: $c) { basis fields note disclosedBy recipient { name } } }`;

let seq = 0;
async function recipient(input: Record<string, unknown> = {}) {
  const result = await admin.gql(CREATE, {
    input: { name: `Perintä Oy ${++seq}`, kind: 'INDEPENDENT_CONTROLLER', country: 'FI', bases: ['DEBT_COLLECTION', 'INVOICING', 'CREDIT_DECISION'], ...input },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.createRecipient;
}
/** A customer of this test's own, made by the factory (no demo row is shared between tests). */
const newCustomer = async () => (await buildCustomer(server.db)).id;

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
    const ok = await recipient({
      country: 'US',
      kind: 'PROCESSOR',
      safeguard: 'STANDARD_CONTRACTUAL_CLAUSES',
      sccVersion: '2021/914',
      sccSignedOn: '2025-03-01',
      necessity: 'Invoice printing service',
    });
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
    const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: RecipientInput!) { updateRecipient(id: $id, version: $v, input: $input) { name version } }`;
    const input = { name: `${r.name} Ab`, kind: r.kind, country: r.country, bases: r.bases };
    const first = await admin.gql(UPDATE, { id: r.id, v: r.version, input });
    expect(first.errors).toBeUndefined();
    expect(first.data.updateRecipient).toEqual({ name: `${r.name} Ab`, version: 2 });
    const stale = await admin.gql(UPDATE, { id: r.id, v: r.version, input: { ...input, name: 'Other' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await server.db.query(`SELECT name FROM recipients WHERE id = $1`, [r.id]))[0].name).toBe(`${r.name} Ab`);
  });
});

describe('recipient writes go through the gate', () => {
  const input = (name: string) => ({
    name,
    kind: RecipientKind.PROCESSOR,
    country: 'US',
    bases: [DisclosureBasis.INVOICING],
    safeguard: TransferSafeguard.STANDARD_CONTRACTUAL_CLAUSES,
    necessity: 'Printing',
  });

  it('[P9] an update naming a field the writer may not change is refused whole, at that field, and changes nothing', async () => {
    const r = await recipient();
    // May switch recipients on and off, nothing else: a field rule no role has today, which the gate must honour.
    const switcher = actorWithRules(await buildUser(server.db), [
      { action: 'read', subject: 'Recipient' },
      { action: 'update', subject: 'Recipient', fields: ['active'] },
    ]);
    const renamed = { name: `${r.name} (uusi)`, kind: r.kind, country: r.country, bases: r.bases, active: false };
    await expect(server.services.disclosures.updateRecipient(switcher, r.id, r.version, renamed)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', field: 'name' },
    });
    expect((await server.db.query(`SELECT name, active, version FROM recipients WHERE id = $1`, [r.id]))[0]).toEqual({
      name: r.name,
      active: true,
      version: 1,
    });
    expect(await server.db.query(`SELECT 1 FROM audit_events WHERE action = 'RECIPIENT_UPDATED' AND detail->>'recipientId' = $1`, [r.id])).toEqual([]);
  });

  it('[P9] a registration naming a field the writer may not set is refused whole, at that field', async () => {
    const clerk = actorWithRules(await buildUser(server.db), [
      { action: 'create', subject: 'Recipient', fields: ['name', 'kind', 'country', 'bases', 'active'] },
    ]);
    const name = `Rajattu Oy ${++seq}`;
    await expect(server.services.disclosures.createRecipient(clerk, input(name))).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', field: 'safeguard' },
    });
    expect(await server.db.query(`SELECT 1 FROM recipients WHERE name = $1`, [name])).toEqual([]);
  });

  it('[P8] malformed ids are bad input naming the argument, never a server error', async () => {
    // A string of 36 dashes passed the old shape check and reached a uuid column: INTERNAL_SERVER_ERROR.
    const malformed = '------------------------------------';
    const r = await recipient();
    const c = await newCustomer();
    const ledger = await privacy.gql(LEDGER, { c: malformed });
    expect(ledger.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'c' });
    const disclose = await privacy.gql(DISCLOSE, { input: { customerId: malformed, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } });
    expect(codes(disclose)).toEqual(['BAD_USER_INPUT']);
    const toNobody = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: malformed, basis: 'INVOICING', fields: ['email'] } });
    expect(codes(toNobody)).toEqual(['BAD_USER_INPUT']);
    const UPDATE = `mutation ($id: UUID!, $input: RecipientInput!) { updateRecipient(id: $id, version: 1, input: $input) { id } }`;
    const update = await admin.gql(UPDATE, { id: malformed, input: { name: 'X', kind: 'PROCESSOR', country: 'FI', bases: ['INVOICING'] } });
    expect(update.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await server.db.query(`SELECT 1 FROM disclosures WHERE customer_id = $1`, [c])).toEqual([]);
  });
});

describe('the disclosure ledger', () => {
  it('[P8] discloses exactly the fields named, records who, when, which fields, basis and recipient, and audits it', async () => {
    const r = await recipient();
    const c = await newCustomer();
    const [customer] = await server.db.query(`SELECT first_name, email, phone FROM customers WHERE id = $1`, [c]);
    const result = await sales.gql(DISCLOSE, {
      input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['firstName', 'email'], note: 'Lasku 123' },
    });
    expect(result.data.discloseCustomerData.data).toEqual({ firstName: customer.first_name, email: customer.email });
    expect(result.data.discloseCustomerData.disclosure).toMatchObject({ basis: 'INVOICING', fields: ['firstName', 'email'], disclosedBy: 'sales' });
    const ledger = (await privacy.gql(LEDGER, { c })).data.disclosures;
    expect(ledger).toEqual([{ basis: 'INVOICING', fields: ['firstName', 'email'], note: 'Lasku 123', disclosedBy: 'sales', recipient: { name: r.name } }]);
    const [audit] = await server.db.query(
      `SELECT actor_username, fields, detail FROM audit_events WHERE action = 'CUSTOMER_DATA_DISCLOSED' AND customer_id = $1`,
      [c],
    );
    expect(audit).toMatchObject({ actor_username: 'sales', fields: ['firstName', 'email'], detail: { recipientId: r.id, basis: 'INVOICING' } });
  });

  it('[P8] a basis the recipient is not registered for is refused, and nothing is recorded', async () => {
    const r = await recipient({ bases: ['DEBT_COLLECTION'] });
    const c = await newCustomer();
    const result = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basis' });
    expect(await server.db.query(`SELECT 1 FROM disclosures WHERE customer_id = $1`, [c])).toEqual([]);
  });

  it('[P8] there is no basis outside the five the notice names', async () => {
    const r = await recipient();
    const result = await privacy.gql(DISCLOSE, { input: { customerId: await newCustomer(), recipientId: r.id, basis: 'MARKETING', fields: ['email'] } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('[P8] sales may disclose for invoicing and credit decisions only; a privacy officer for all', async () => {
    const r = await recipient();
    const c = await newCustomer();
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
    const c = await newCustomer();
    await server.db.query(`UPDATE customers SET restricted = true WHERE id = $1`, [c]);
    const invoicing = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } });
    expect(invoicing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basis' });
    const legal = await privacy.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'LEGAL_OBLIGATION', fields: ['email', 'street'] } });
    expect(legal.data.discloseCustomerData.disclosure.fields).toEqual(['email', 'street']);
  });

  it('[P4] a partner cannot disclose, and nobody discloses a field they may not read', async () => {
    const r = await recipient();
    const c = await newCustomer();
    const unknownField = await sales.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['passwordHash'] } });
    expect(unknownField.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fields' });
    const partner = await server.as('partner');
    expect(codes(await partner.gql(DISCLOSE, { input: { customerId: c, recipientId: r.id, basis: 'INVOICING', fields: ['email'] } }))).toEqual(['FORBIDDEN']);
    // One who may disclose but never read a phone number (as marketing may not) cannot disclose one.
    const noPhone = actorWithRules(await buildUser(server.db), [
      { action: 'disclose', subject: 'Disclosure' },
      { action: 'read', subject: 'Customer' },
      { action: 'read', subject: 'Customer', fields: ['phone'], inverted: true },
    ] as Parameters<typeof actorWithRules>[1]);
    const disclosing = (fields: string[]) =>
      server.services.disclosures.disclose(noPhone, { customerId: c, recipientId: r.id, basis: DisclosureBasis.INVOICING, fields });
    await expect(disclosing(['email', 'phone'])).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'phone' } });
    expect(await server.db.query(`SELECT 1 FROM disclosures WHERE customer_id = $1`, [c])).toEqual([]);
    expect((await disclosing(['email'])).disclosure.fields).toEqual(['email']);
  });

  it('[P8] the ledger is append-only in the database', async () => {
    await expect(server.db.query(`UPDATE disclosures SET basis = 'INVOICING'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(server.db.query(`DELETE FROM disclosures`)).rejects.toThrow(/permission denied|append-only/);
  });
});
