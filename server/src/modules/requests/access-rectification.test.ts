import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRules, buildCustomer, buildPartner, buildUser } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { PACKAGE_SECTIONS, PERSONAL_DATA_TABLES } from './personal-data';

let server: TestServer;
let privacy: TestClient;
let service: TestClient;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  [privacy, service, admin] = await Promise.all([server.as('privacy'), server.as('service'), server.as('admin')]);
});
afterAll(() => server?.close());

const CREATE = `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`;
const VERIFY = `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT, note: "Passi" }) { status } }`;
const FULFIL = `mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json html jsonDocument { id sha256 kind } htmlDocument { id sha256 } request { status } } }`;
const DECIDE = `mutation ($id: UUID!, $d: [RectificationDecisionInput!]!) {
  decideRectification(id: $id, decisions: $d) { status items { field decision } notices { id field target recipient status } documents { kind } }
}`;

/** A customer of this test's own, made by the factory (no demo row is shared between tests). */
const newCustomer = async () => (await buildCustomer(server.db)).id;

async function verifiedRequest(input: Record<string, unknown>): Promise<string> {
  const created = await service.gql(CREATE, { input: { requesterName: 'Eero Esimerkki', receivedVia: 'LETTER', language: 'EN', signed: true, ...input } });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id;
  await privacy.gql(VERIFY, { id });
  return id;
}

let recipientSeq = 0;
async function recipient(bases = ['INVOICING', 'DEBT_COLLECTION']): Promise<{ id: string; name: string }> {
  const result = await admin.gql(`mutation ($input: RecipientInput!) { createRecipient(input: $input) { id name } }`, {
    input: { name: `Vastaanottaja ${++recipientSeq}`, kind: 'INDEPENDENT_CONTROLLER', country: 'FI', bases },
  });
  return result.data.createRecipient;
}
const disclose = (customerId: string, recipientId: string, fields: string[]) =>
  privacy.gql(`mutation ($input: DiscloseInput!) { discloseCustomerData(input: $input) { disclosure { id } } }`, {
    input: { customerId, recipientId, basis: 'INVOICING', fields },
  });

/** Tables in the database that name a customer, or hang off a table that does. */
async function tablesWithPersonalData(): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await server.db.query(`
    WITH direct AS (
      SELECT DISTINCT c.table_name FROM information_schema.columns c
       WHERE c.table_schema = current_schema() AND c.column_name = 'customer_id'
         AND c.table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
      UNION SELECT 'customers'
    )
    SELECT table_name FROM direct
    UNION
    SELECT DISTINCT child.relname::text FROM pg_constraint k
      JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
     WHERE k.contype = 'f' AND parent.relname IN (SELECT table_name FROM direct)
       AND child.relnamespace = current_schema()::regnamespace`);
  return rows.map((r) => r.table_name).sort();
}

describe('the access package (P14)', () => {
  it('[P14] every table that holds data about a person is accounted for in the package', async () => {
    const tables = await tablesWithPersonalData();
    expect(tables.length).toBeGreaterThan(10);
    const missing = tables.filter((t) => !(t in PERSONAL_DATA_TABLES));
    expect(missing).toEqual([]);
    for (const [table, entry] of Object.entries(PERSONAL_DATA_TABLES)) {
      if (entry.section === null) expect(entry.why, table).toBeTruthy();
      else expect(PACKAGE_SECTIONS, table).toContain(entry.section);
    }
  });

  it('[P14] holds everything about the person in every section, as JSON and printable HTML, stored with a hash', async () => {
    const [{ id: customerId }] = await server.db.query(
      `INSERT INTO customers (first_name, last_name, email, street, postal_code, city) VALUES ('Eero', 'Esimerkki', 'eero@example.fi', 'Kuja 1', '00100', 'Helsinki') RETURNING id`,
    );
    const [customer] = await server.db.query(`SELECT first_name, last_name, email FROM customers WHERE id = $1`, [customerId]);
    // Data in every table the package reads.
    await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source) VALUES ($1, 'email', 'WEB_FORM')`, [customerId]);
    const [order] = await server.db.query(
      `INSERT INTO orders (customer_id, channel, ordered_at, status, closed_at, gross_cents) VALUES ($1, 'WEB_SHOP', '2026-01-05', 'DELIVERED', '2026-01-06', 12400) RETURNING id`,
      [customerId],
    );
    await server.db.query(
      `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
       VALUES ($1, 1, 'TEA-1', 'Vihreä tee', 2, 5000, 2550, 10000, 2400, 12400)`,
      [order.id],
    );
    await server.db.query(`INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents) VALUES ($1, $2, '2026-01-06', '2026-01-20', 12400)`, [
      order.id,
      customerId,
    ]);
    await service.gql(`mutation ($c: UUID!) { recordProhibition(customerId: $c, input: { kind: DIRECT_MARKETING, via: LETTER }) { kind } }`, { c: customerId });
    const r = await recipient();
    await disclose(customerId, r.id, ['email', 'street']);
    await service.gql(`query ($id: UUID!) { customer(id: $id) { email } }`, { id: customerId }, { 'x-purpose': 'Asiakkaan soitto' });
    const [{ id: campaignId }] = await server.db.query(
      `INSERT INTO campaigns (name, purpose, channel, owner_id) SELECT 'Kevät', 'DIRECT_MARKETING', 'EMAIL', id FROM users WHERE username = 'marketing' RETURNING id`,
    );
    const [{ id: listId }] = await server.db.query(
      `INSERT INTO target_lists (campaign_id, status, purpose, channel, segment, requested_by, built_at)
       SELECT $1, 'BUILT', 'DIRECT_MARKETING', 'EMAIL', '{}', id, now() FROM users WHERE username = 'marketing' RETURNING id`,
      [campaignId],
    );
    await server.db.query(
      `INSERT INTO target_list_exclusions (target_list_id, customer_id, customer_number, reasons) SELECT $1, id, customer_number, '{PROHIBITED}' FROM customers WHERE id = $2`,
      [listId, customerId],
    );
    // Issue 16: a note staff wrote about the person.
    await server.db.query(`INSERT INTO customer_notes (customer_id, kind, text, author_name) VALUES ($1, 'NOTE', 'Soitti hinnoista', 'Myynti')`, [customerId]);

    const id = await verifiedRequest({ type: 'ACCESS', customerId });
    const result = await privacy.gql(FULFIL, { id });
    expect(result.errors).toBeUndefined();
    const pkg = result.data.fulfilAccessRequest;
    expect(pkg.request.status).toBe('COMPLETED');
    const data = JSON.parse(pkg.json);
    // Every section is there, and every section backed by a table shows this person's rows.
    for (const section of PACKAGE_SECTIONS) expect(data, section).toHaveProperty(section);
    expect(data.profile).toMatchObject({ firstName: customer.first_name, lastName: customer.last_name, email: customer.email });
    expect(data.provenance).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email', source: 'WEB_FORM' })]));
    const [{ orders, invoices }] = await server.db.query(
      `SELECT (SELECT count(*)::int FROM orders WHERE customer_id = $1) AS orders, (SELECT count(*)::int FROM invoices WHERE customer_id = $1) AS invoices`,
      [customerId],
    );
    expect(data.orders).toHaveLength(orders);
    expect(data.orders).toEqual(
      expect.arrayContaining([expect.objectContaining({ grossCents: 12400, lines: [expect.objectContaining({ sku: 'TEA-1', quantity: 2 })] })]),
    );
    expect(data.invoices).toHaveLength(invoices);
    expect(data.invoices).toEqual(expect.arrayContaining([expect.objectContaining({ amountCents: 12400, status: 'OPEN' })]));
    expect(data.prohibitions.inForce).toEqual([expect.objectContaining({ kind: 'DIRECT_MARKETING', via: 'LETTER' })]);
    expect(data.prohibitions.ledger).toHaveLength(1);
    expect(data.disclosures).toEqual([
      expect.objectContaining({ basis: 'INVOICING', fields: ['email', 'street'], recipient: expect.objectContaining({ name: r.name }) }),
    ]);
    expect(data.purposes.length).toBeGreaterThan(0);
    expect(data.retention.length).toBeGreaterThan(0);
    expect(data.consultationLog).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'CUSTOMER_READ', purpose: 'Asiakkaan soitto' })]));
    expect(JSON.stringify(data.consultationLog)).not.toMatch(/service|privacy|actor/i); // dates and purposes, never staff
    expect(data.targetLists).toEqual([expect.objectContaining({ campaign: 'Kevät', included: false, exclusionReasons: ['PROHIBITED'] })]);
    expect(data.requests).toEqual([expect.objectContaining({ type: 'ACCESS' })]);
    // Each table with a section has shown its rows.
    const shown = new Set(
      Object.values(PERSONAL_DATA_TABLES)
        .map((t) => t.section)
        .filter(Boolean),
    );
    for (const section of shown) {
      const value = data[section as string];
      const rows = Array.isArray(value) ? value : section === 'prohibitions' ? value.ledger : [value];
      expect(rows.length, section as string).toBeGreaterThan(0);
    }
    // Printable, in the request's language, and stored byte for byte with its hash.
    expect(pkg.html).toContain('<html lang="en">');
    expect(pkg.html).toContain('Where each value came from');
    expect(pkg.html).toContain(customer.last_name);
    const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(pkg.jsonDocument.sha256).toBe(hash(pkg.json));
    expect(pkg.htmlDocument.sha256).toBe(hash(pkg.html));
  });

  it('[P14] the download goes through the same permissions and is audited', async () => {
    const customerId = await newCustomer();
    const id = await verifiedRequest({ type: 'ACCESS', customerId, language: 'FI' });
    const pkg = (await privacy.gql(FULFIL, { id })).data.fulfilAccessRequest;
    expect(pkg.html).toContain('<html lang="fi">');
    const cookie = (await server.as('privacy')).cookies();
    const download = await request(server.app)
      .get(`/documents/${pkg.jsonDocument.id}`)
      .set('Cookie', cookie.map((c) => c.split(';')[0]).join('; '));
    expect(download.status).toBe(200);
    expect(
      createHash('sha256')
        .update(download.body instanceof Buffer ? download.body : Buffer.from(JSON.stringify(download.body)))
        .digest('hex'),
    ).toBe(pkg.jsonDocument.sha256);
    const [audit] = await server.db.query(`SELECT actor_username, detail FROM audit_events WHERE action = 'PRIVACY_DOCUMENT_DOWNLOADED' AND customer_id = $1`, [
      customerId,
    ]);
    expect(audit).toMatchObject({ actor_username: 'privacy', detail: { documentId: pkg.jsonDocument.id } });
    const marketing = (await server.as('marketing')).cookies();
    const denied = await request(server.app)
      .get(`/documents/${pkg.jsonDocument.id}`)
      .set('Cookie', marketing.map((c) => c.split(';')[0]).join('; '));
    expect(denied.status).toBe(403);
    expect((await request(server.app).get(`/documents/${pkg.jsonDocument.id}`)).status).toBe(401);
  });
});

describe('documents go through the gate', () => {
  const cookieOf = (client: TestClient) =>
    client
      .cookies()
      .map((c) => c.split(';')[0])
      .join('; ');

  it('[P14] a malformed document id is not found, never a server error', async () => {
    const download = await request(server.app)
      .get('/documents/------------------------------------')
      .set('Cookie', cookieOf(await server.as('privacy')));
    expect(download.status).toBe(404);
    expect(download.body).toEqual({ error: 'NOT_FOUND', correlationId: download.headers['x-request-id'] });
  });

  it('[P4] a document of a request about a customer the reader may not see does not exist for them', async () => {
    const partner = await buildPartner(server.db);
    const theirs = await buildCustomer(server.db, { partner });
    const others = await buildCustomer(server.db);
    const visible = (await privacy.gql(FULFIL, { id: await verifiedRequest({ type: 'ACCESS', customerId: theirs.id }) })).data.fulfilAccessRequest;
    const hidden = (await privacy.gql(FULFIL, { id: await verifiedRequest({ type: 'ACCESS', customerId: others.id }) })).data.fulfilAccessRequest;
    // Documents of one partner's customers only: a rule set no role has today, which the gate must honour.
    const reader = actorWithRules(await buildUser(server.db), [
      { action: 'read', subject: 'PrivacyDocument' },
      { action: 'read', subject: 'PrivacyRequest' },
      { action: 'read', subject: 'Customer', conditions: { partnerId: partner.id } },
    ]);
    const file = await server.services.privacyDocuments.download(reader, visible.jsonDocument.id);
    expect(file.content.toString('utf8')).toBe(visible.json);
    await expect(server.services.privacyDocuments.download(reader, hidden.jsonDocument.id)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'PRIVACY_DOCUMENT_DOWNLOADED' AND customer_id = $1`, [
      others.id,
    ]);
    expect(n).toBe(0);
  });

  it('[P14] an access package is made and downloaded only by who may read everything in it', async () => {
    const customerId = await newCustomer();
    const made = (await privacy.gql(FULFIL, { id: await verifiedRequest({ type: 'ACCESS', customerId }) })).data.fulfilAccessRequest;
    // Everything about requests and documents, and every customer, but never a phone number.
    const noPhone = [
      { action: 'read', subject: 'PrivacyDocument' },
      { action: 'read', subject: 'PrivacyRequest' },
      { action: 'work', subject: 'PrivacyRequest' },
      { action: 'read', subject: 'Customer' },
      { action: 'read', subject: 'Customer', fields: ['phone'], inverted: true },
    ] as Parameters<typeof actorWithRules>[1];
    const reader = actorWithRules(await buildUser(server.db), noPhone);
    await expect(server.services.privacyDocuments.download(reader, made.htmlDocument.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', field: 'phone' },
    });
    // A letter about the request carries no customer field: that one they may download.
    const refusal = await verifiedRequest({ type: 'ERASURE', customerId });
    await privacy.gql(`mutation ($id: UUID!) { refusePrivacyRequest(id: $id, reason: "Ei perusteita") { status } }`, { id: refusal });
    const [letter] = await server.db.query(`SELECT id FROM privacy_documents WHERE request_id = $1`, [refusal]);
    expect((await server.services.privacyDocuments.download(reader, letter.id)).content.toString('utf8')).toContain('Ei perusteita');
    // Nor can they make a package: nothing is stored, the request stays open.
    const another = await verifiedRequest({ type: 'ACCESS', customerId });
    await expect(server.services.accessPackages.fulfil(reader, another)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'phone' } });
    expect(await server.db.query(`SELECT 1 FROM privacy_documents WHERE request_id = $1`, [another])).toEqual([]);
    expect((await server.db.query(`SELECT status FROM privacy_requests WHERE id = $1`, [another]))[0].status).toBe('IN_PROGRESS');
  });
});

describe('rectification (P16)', () => {
  it('[P16] an approved item is applied at once with provenance CUSTOMER_NOTICE; notices go to exactly the recipients that received the field', async () => {
    const customerId = await newCustomer();
    const [before] = await server.db.query(`SELECT email, street FROM customers WHERE id = $1`, [customerId]);
    // The old street came from the address update service: it is told too.
    await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source) VALUES ($1, 'street', 'ADDRESS_UPDATE_SERVICE')`, [customerId]);
    const [gotStreet, gotEmailOnly, gotBoth] = [await recipient(), await recipient(), await recipient()];
    await disclose(customerId, gotStreet.id, ['street', 'city']);
    await disclose(customerId, gotEmailOnly.id, ['email']);
    await disclose(customerId, gotBoth.id, ['email', 'street']);
    await disclose(customerId, gotBoth.id, ['street']); // twice: one notice
    const other = await newCustomer();
    const bystander = await recipient();
    await disclose(other, bystander.id, ['street']); // another person's recipient: no notice

    const id = await verifiedRequest({
      type: 'RECTIFICATION',
      customerId,
      items: [
        { field: 'street', proposedValue: 'Uusikatu 5 B 12', reason: 'Muutin' },
        { field: 'email', proposedValue: 'eero.uusi@example.fi', reason: 'Vanha osoite ei toimi' },
      ],
    });
    const items = (await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { items { id field currentValue proposedValue } } }`, { id })).data
      .privacyRequest.items;
    expect(items.map((i: { field: string; currentValue: string }) => [i.field, i.currentValue])).toEqual([
      ['street', before.street],
      ['email', before.email],
    ]);
    const street = items.find((i: { field: string }) => i.field === 'street');
    const email = items.find((i: { field: string }) => i.field === 'email');
    const result = await privacy.gql(DECIDE, {
      id,
      d: [
        { itemId: street.id, approve: true },
        { itemId: email.id, approve: false, reason: 'Osoite on vahvistettu asiakkaan omalla tilauksella' },
      ],
    });
    expect(result.errors).toBeUndefined();
    const decided = result.data.decideRectification;
    expect(decided.status).toBe('PARTIALLY_COMPLETED');
    const [after] = await server.db.query(`SELECT email, street FROM customers WHERE id = $1`, [customerId]);
    expect(after).toEqual({ email: before.email, street: 'Uusikatu 5 B 12' });
    const [provenance] = await server.db.query(
      `SELECT source, detail FROM customer_provenance WHERE customer_id = $1 AND field = 'street' ORDER BY id DESC LIMIT 1`,
      [customerId],
    );
    expect(provenance.source).toBe('CUSTOMER_NOTICE');
    const notices = decided.notices.map((n: { target: string; recipient: string; field: string; status: string }) => [
      n.target,
      n.recipient,
      n.field,
      n.status,
    ]);
    expect(notices.sort()).toEqual(
      [
        ['SOURCE', 'ADDRESS_UPDATE_SERVICE', 'street', 'PENDING'],
        ['RECIPIENT', gotStreet.name, 'street', 'PENDING'],
        ['RECIPIENT', gotBoth.name, 'street', 'PENDING'],
      ].sort(),
    );
    // The certificate to the requester, and one letter to each recipient of the corrected street (GDPR 19).
    expect(decided.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['RECIPIENT_NOTICE', 'RECIPIENT_NOTICE', 'RECTIFICATION_CERTIFICATE']);
    const letters = await server.db.query(
      `SELECT addressee_name, convert_from(content, 'UTF8') AS html FROM privacy_documents WHERE request_id = $1 AND kind = 'RECIPIENT_NOTICE' ORDER BY addressee_name`,
      [id],
    );
    expect(letters.map((l: { addressee_name: string }) => l.addressee_name).sort()).toEqual([gotStreet.name, gotBoth.name].sort());
    for (const letter of letters) {
      expect(letter.html).toContain('Uusikatu 5 B 12');
      expect(letter.html).not.toContain('eero.uusi@example.fi'); // the refused value is told to nobody
    }
    const [certificate] = await server.db.query(
      `SELECT convert_from(content, 'UTF8') AS html FROM privacy_documents WHERE request_id = $1 AND kind = 'RECTIFICATION_CERTIFICATE'`,
      [id],
    );
    expect(certificate.html).toContain('Data Protection Ombudsman');
    expect(certificate.html).toContain('Osoite on vahvistettu asiakkaan omalla tilauksella');

    // Notices are worked to SENT or IMPOSSIBLE (with a reason).
    const SET = `mutation ($id: UUID!, $s: NoticeStatus!, $r: String) { setRectificationNoticeStatus(id: $id, status: $s, reason: $r) { status statusReason } }`;
    const [first, second] = decided.notices;
    expect((await privacy.gql(SET, { id: first.id, s: 'SENT' })).data.setRectificationNoticeStatus.status).toBe('SENT');
    const noReason = await privacy.gql(SET, { id: second.id, s: 'IMPOSSIBLE' });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await privacy.gql(SET, { id: second.id, s: 'IMPOSSIBLE', r: 'Yritys lopettanut' })).data.setRectificationNoticeStatus).toEqual({
      status: 'IMPOSSIBLE',
      statusReason: 'Yritys lopettanut',
    });
  });

  it('[P16] a record restricted while its accuracy is contested is still corrected, the request recorded as the reason', async () => {
    const customerId = (await buildCustomer(server.db, { restricted: true })).id;
    const id = await verifiedRequest({ type: 'RECTIFICATION', customerId, items: [{ field: 'city', proposedValue: 'Kuopio' }] });
    const [item] = (await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { items { id } } }`, { id })).data.privacyRequest.items;
    const result = await privacy.gql(DECIDE, { id, d: [{ itemId: item.id, approve: true }] });
    expect(result.errors).toBeUndefined();
    expect(result.data.decideRectification.status).toBe('COMPLETED');
    expect(await server.db.query(`SELECT city, restricted FROM customers WHERE id = $1`, [customerId])).toEqual([{ city: 'Kuopio', restricted: true }]);
  });

  it('[P16] a corrected value the register would refuse is refused at intake; a refusal needs a reason', async () => {
    const customerId = await newCustomer();
    const [before] = await server.db.query(`SELECT email, version FROM customers WHERE id = $1`, [customerId]);
    const invalid = await service.gql(CREATE, {
      input: {
        type: 'RECTIFICATION',
        customerId,
        requesterName: 'E',
        receivedVia: 'EMAIL',
        language: 'FI',
        items: [{ field: 'email', proposedValue: 'not-an-email' }],
      },
    });
    expect(invalid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.0.proposedValue' });
    const id = await verifiedRequest({ type: 'RECTIFICATION', customerId, items: [{ field: 'email', proposedValue: 'eero.toinen@example.fi' }] });
    const [{ id: itemId }] = await server.db.query(`SELECT id FROM rectification_items WHERE request_id = $1`, [id]);
    const noReason = await privacy.gql(DECIDE, { id, d: [{ itemId, approve: false }] });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decisions.0.reason' });
    expect(await server.db.query(`SELECT email, version FROM customers WHERE id = $1`, [customerId])).toEqual([before]);
    expect((await server.db.query(`SELECT decision FROM rectification_items WHERE id = $1`, [itemId]))[0].decision).toBeNull();
    const refused = await privacy.gql(DECIDE, { id, d: [{ itemId, approve: false, reason: 'Ei kelvollinen osoite' }] });
    expect(refused.data.decideRectification.status).toBe('REFUSED');
    expect(codes(await privacy.gql(DECIDE, { id, d: [{ itemId, approve: true }] }))).toEqual(['BAD_USER_INPUT']); // closed
  });
});
