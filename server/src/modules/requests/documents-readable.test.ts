import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';

/**
 * Issue 16: the documents a person receives read like letters, not dumps: labels in their language, every code in
 * words, dates and amounts as the language writes them on the company's calendar (Europe/Helsinki), the
 * consultation log grouped with counts, the controller and the rights; and a PDF of each beside the HTML.
 */

let server: TestServer;
let privacy: TestClient;
let service: TestClient;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer({ TIME_ZONE: 'Europe/Helsinki' });
  [privacy, service, admin] = await Promise.all([server.as('privacy'), server.as('service'), server.as('admin')]);
  const config = (await admin.gql(`{ registerConfig { version } }`)).data.registerConfig;
  const updated = await admin.gql(`mutation ($v: Int!, $input: RegisterConfigInput!) { updateRegisterConfig(version: $v, input: $input) { version } }`, {
    v: config.version,
    input: {
      controllerName: 'Kauppahuone Pörhönen Oy',
      controllerBusinessId: '0737546-2',
      controllerAddress: 'Keilakatu 1\n02150 Espoo',
      controllerEmail: 'tietosuoja@porhonen.example',
      contactName: 'Jukka Uotila',
    },
  });
  if (updated.errors) throw new Error(JSON.stringify(updated.errors));
});
afterAll(() => server?.close());

const NBSP = /\u00a0/g;
/** Text as a reader sees it: tags gone, entities and no-break spaces as plain spaces. */
const readable = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(NBSP, ' ')
    .replace(/\s+/g, ' ');

const cookieOf = (client: TestClient) =>
  client
    .cookies()
    .map((c) => c.split(';')[0])
    .join('; ');

/** A customer with an order (428,23 €, 18 Sep 2024 20.12 in Helsinki), its invoice, a prohibition and a consultation log. */
async function customerWithHistory(language: 'fi' | 'en') {
  const customer = await buildCustomer(server.db, { firstName: 'Äijä-Öörni', organisation: true, language });
  await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source) VALUES ($1, 'email', 'WEB_FORM')`, [customer.id]);
  const [order] = await server.db.query(
    `INSERT INTO orders (customer_id, channel, ordered_at, status, closed_at, net_cents, vat_cents, gross_cents)
     VALUES ($1, 'WEB_SHOP', '2024-09-18T17:12:13Z', 'DELIVERED', '2024-09-20T09:00:00Z', 34122, 8701, 42823) RETURNING id`,
    [customer.id],
  );
  await server.db.query(
    `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
     VALUES ($1, 1, 'TEA-1', 'Vihreä tee', 2, 17061, 2550, 34122, 8701, 42823)`,
    [order.id],
  );
  await server.db.query(
    `INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents, status, collection_agency) VALUES ($1, $2, '2024-09-18', '2024-10-02', 42823, 'IN_COLLECTION', 'Perintä Oy')`,
    [order.id, customer.id],
  );
  await service.gql(`mutation ($c: UUID!) { recordProhibition(customerId: $c, input: { kind: DIRECT_MARKETING, via: LETTER }) { kind } }`, {
    c: customer.id,
  });
  // Twelve reads for one call, three for another: two rows with their counts, not fifteen.
  for (let i = 0; i < 12; i++)
    await service.gql(`query ($id: UUID!) { customer(id: $id) { email } }`, { id: customer.id }, { 'x-purpose': 'Asiakkaan soitto' });
  for (let i = 0; i < 3; i++) await service.gql(`query ($id: UUID!) { customer(id: $id) { phone } }`, { id: customer.id }, { 'x-purpose': 'Reklamaatio' });
  return customer;
}

async function accessPackage(customerId: string, language: 'FI' | 'EN') {
  const created = await service.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type: 'ACCESS', customerId, requesterName: 'Äijä-Öörni Asiakas', receivedVia: 'LETTER', language, signed: true },
  });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id;
  await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id });
  const result = await privacy.gql(
    `mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json html htmlDocument { id } jsonDocument { id } request { status requestNumber } } }`,
    { id },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return { id, ...result.data.fulfilAccessRequest };
}

/** The text of every page of a real PDF, read back by PDF.js. */
async function pdfText(content: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(content), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const text = await page.getTextContent();
    pages.push(text.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n').replace(NBSP, ' ').replace(/\s+/g, ' ');
}

describe('the access package reads like a letter (issue 16)', () => {
  it('[P14] in Finnish: labels, codes in words, Helsinki times, euro amounts, the log grouped with counts, the controller and rights, the status of the request', async () => {
    const customer = await customerWithHistory('fi');
    const pkg = await accessPackage(customer.id, 'FI');
    const text = readable(pkg.html);
    // Field labels, not API names.
    for (const label of ['Etunimi Äijä-Öörni', 'Sukunimi', 'Sähköposti', 'Postinumero', 'Asiointikieli suomi', 'Maa Suomi', 'Tietolähde Henkilökunnan kirjaus'])
      expect(text).toContain(label);
    for (const raw of ['firstName', 'postalCode', 'customerNumber', 'STAFF_ENTRY']) expect(text).not.toContain(raw);
    // Codes in words: channels, statuses, sources, prohibitions, actions, request types and statuses.
    for (const words of [
      'Verkkokauppa',
      'Toimitettu',
      'Perinnässä',
      'Verkkolomake',
      'Suoramarkkinointikielto',
      'kaikki kanavat',
      'Kielto kirjattu',
      'Kirje',
      'Tarkastuspyyntö',
    ])
      expect(text).toContain(words);
    for (const code of ['WEB_SHOP', 'DELIVERED', 'IN_COLLECTION', 'WEB_FORM', 'DIRECT_MARKETING', 'CUSTOMER_READ', 'IN_PROGRESS', 'ACCESS'])
      expect(text, code).not.toMatch(new RegExp(`\\b${code}\\b`));
    // Dates and times on the Helsinki calendar (20.12 EEST is 17.12 UTC), amounts in euros the Finnish way.
    expect(text).toContain('18.9.2024 klo 20.12');
    expect(text).toContain('428,23 €');
    expect(text).toContain('2 × Vihreä tee à 170,61 € + ALV 25,5 %');
    expect(text).not.toMatch(/GMT|\b\d{4}-\d{2}-\d{2}T/);
    // The consultation log: one row per day, action and purpose, with the count.
    expect(text).toMatch(/Tietojanne katsottu Asiakkaan soitto Sähköposti 12 /);
    expect(text).toMatch(/Tietojanne katsottu Reklamaatio Puhelin 3 /);
    expect(pkg.html.match(/Asiakkaan soitto/g)).toHaveLength(1);
    // The request the package answers is shown as the request is: completed.
    expect(pkg.request.status).toBe('COMPLETED');
    expect(text).toMatch(new RegExp(`${pkg.request.requestNumber} Tarkastuspyyntö \\S+ klo \\S+ Kirje Valmis`));
    // The controller and the rights.
    expect(text).toContain('Kauppahuone Pörhönen Oy, Y-tunnus 0737546-2');
    expect(text).toContain('Oikeutenne');
    expect(text).toContain('tietosuojavaltuutetulle');

    // The machine-readable part: the same controller and rights, the complete log, the same status.
    const data = JSON.parse(pkg.json);
    expect(data.controller).toMatchObject({
      name: 'Kauppahuone Pörhönen Oy',
      businessId: '0737546-2',
      email: 'tietosuoja@porhonen.example',
      contact: { name: 'Jukka Uotila' },
      complaint: { authority: 'Tietosuojavaltuutetun toimisto', web: 'https://tietosuoja.fi' },
    });
    expect(data.controller.rights.map((r: { code: string }) => r.code)).toEqual([
      'ACCESS',
      'RECTIFICATION',
      'ERASURE',
      'RESTRICTION',
      'PORTABILITY',
      'OBJECTION',
    ]);
    expect(data.consultationLog.filter((c: { purpose: string }) => c.purpose === 'Asiakkaan soitto')).toHaveLength(12);
    expect(data.requests).toEqual([expect.objectContaining({ requestNumber: pkg.request.requestNumber, status: 'COMPLETED' })]);
    const [stored] = await server.db.query(`SELECT status FROM privacy_requests WHERE id = $1`, [pkg.id]);
    expect(stored.status).toBe(data.requests[0].status);
  });

  it('[P14] in English: English labels and words, English dates and amounts', async () => {
    const customer = await customerWithHistory('en');
    const pkg = await accessPackage(customer.id, 'EN');
    const text = readable(pkg.html);
    for (const words of [
      'First name Äijä-Öörni',
      'Language English',
      'Country Finland',
      'Web shop',
      'Delivered',
      'In collection',
      'Direct marketing prohibition',
    ])
      expect(text).toContain(words);
    expect(text).toContain('18/09/2024, 20:12');
    expect(text).toContain('€428.23');
    expect(text).toMatch(/Your data was viewed Asiakkaan soitto Email 12 /);
    expect(text).toMatch(new RegExp(`${pkg.request.requestNumber} Access request \\S+, \\S+ Letter Completed`));
    expect(text).toContain('Kauppahuone Pörhönen Oy, business ID 0737546-2');
    expect(text).toContain('Data Protection Ombudsman');
    expect(JSON.parse(pkg.json).controller.complaint.authority).toBe('Office of the Data Protection Ombudsman');
  });
});

describe('letters and certificates follow the same rules (issue 16)', () => {
  it('[P16] a rectification certificate names the fields in words and says what was decided', async () => {
    const customer = await buildCustomer(server.db);
    const created = await service.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: {
        type: 'RECTIFICATION',
        customerId: customer.id,
        requesterName: 'Testi Asiakas',
        receivedVia: 'EMAIL',
        language: 'FI',
        signed: false,
        items: [
          { field: 'postalCode', proposedValue: '00200', reason: 'Muutin' },
          { field: 'email', proposedValue: 'uusi@example.fi', reason: 'Vanha ei toimi' },
        ],
      },
    });
    const id = created.data.createPrivacyRequest.id;
    await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id });
    const items = (await privacy.gql(`query ($id: UUID!) { privacyRequest(id: $id) { items { id field } } }`, { id })).data.privacyRequest.items;
    const decided = await privacy.gql(`mutation ($id: UUID!, $d: [RectificationDecisionInput!]!) { decideRectification(id: $id, decisions: $d) { status } }`, {
      id,
      d: [
        { itemId: items.find((i: { field: string }) => i.field === 'postalCode').id, approve: true },
        { itemId: items.find((i: { field: string }) => i.field === 'email').id, approve: false, reason: 'Osoite on vahvistettu' },
      ],
    });
    expect(decided.errors).toBeUndefined();
    const [certificate] = await server.db.query(
      `SELECT convert_from(content, 'UTF8') AS html FROM privacy_documents WHERE request_id = $1 AND kind = 'RECTIFICATION_CERTIFICATE'`,
      [id],
    );
    const text = readable(certificate.html);
    expect(text).toContain('Postinumero 00200 Korjattu');
    expect(text).toContain('Sähköposti uusi@example.fi Ei korjattu Osoite on vahvistettu');
    expect(text).not.toMatch(/\bpostalCode\b|\bemail\b/);
    expect(text).toContain('Kauppahuone Pörhönen Oy');
    expect(text).toContain('tietosuojavaltuutetulle');
  });
});

describe('a PDF beside each document (issue 16)', () => {
  it('[P14] the access package as a PDF: Finnish text as written, through the same gate and audit as the HTML', async () => {
    const customer = await customerWithHistory('fi');
    const pkg = await accessPackage(customer.id, 'FI');
    const download = await request(server.app)
      .get(`/documents/${pkg.htmlDocument.id}.pdf`)
      .set('Cookie', cookieOf(privacy))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/\.pdf"$/);
    const body = download.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(body);
    for (const words of [
      'Tarkastuspyyntönne: tietonne asiakasrekisterissä',
      'Äijä-Öörni',
      'Sähköposti',
      'Verkkokauppa',
      '18.9.2024 klo 20.12',
      '428,23 €',
      'Vihreä tee',
      'Kauppahuone Pörhönen Oy',
      'Oikeutenne',
    ])
      expect(text, words).toContain(words);
    const [audit] = await server.db.query(
      `SELECT actor_username, detail FROM audit_events WHERE action = 'PRIVACY_DOCUMENT_DOWNLOADED' AND customer_id = $1 AND detail->>'format' = 'pdf'`,
      [customer.id],
    );
    expect(audit).toMatchObject({ actor_username: 'privacy', detail: { documentId: pkg.htmlDocument.id, format: 'pdf' } });
    // The same gate: no session, no right, no PDF; and a JSON document has its HTML twin to print.
    expect((await request(server.app).get(`/documents/${pkg.htmlDocument.id}.pdf`)).status).toBe(401);
    const marketing = await server.as('marketing');
    expect((await request(server.app).get(`/documents/${pkg.htmlDocument.id}.pdf`).set('Cookie', cookieOf(marketing))).status).toBe(403);
    expect((await request(server.app).get(`/documents/${pkg.jsonDocument.id}.pdf`).set('Cookie', cookieOf(privacy))).status).toBe(404);
    expect((await request(server.app).get(`/documents/not-a-uuid.pdf`).set('Cookie', cookieOf(privacy))).status).toBe(404);
  });
});
