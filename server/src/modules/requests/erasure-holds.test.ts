import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { defineRulesFor } from '@rekisteri/schema';
import { actorWithRules, buildCustomer, buildInvoice, buildOrder, buildUser, type BuiltCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { addressedDocumentsOf } from './documents.repository';

const START = new Date('2026-03-02T09:00:00Z');
const clock = new ManualClock(START);
let server: TestServer;
let privacy: TestClient;
let admin: TestClient;
let disclosedBy: string;
beforeAll(async () => {
  server = await startTestServer({}, { clock });
  [privacy, admin] = await Promise.all([server.as('privacy'), server.as('admin')]);
  disclosedBy = (await buildUser(server.db, { roles: ['PRIVACY_OFFICER'] })).id;
});
beforeEach(() => clock.set(START));
afterAll(() => server?.close());

const PLAN = `mutation ($id: UUID!) { planErasure(id: $id) { items { table action reason fields } } }`;
const EXECUTE = `mutation ($id: UUID!) { executeErasure(id: $id) { request { status } } }`;

/** A customer with every identity field, an organisation and a partner, and provenance for an erased and a kept value. */
async function fullCustomer(language: 'fi' | 'en' = 'fi'): Promise<BuiltCustomer> {
  const c = await buildCustomer(server.db, {
    firstName: 'Hilla',
    street: 'Laskukatu 3',
    postalCode: '00500',
    city: 'Helsinki',
    organisation: true,
    partner: true,
    language,
  });
  await server.db.query(
    `INSERT INTO customer_provenance (customer_id, field, source) VALUES ($1, 'email', 'WEB_FORM'), ($1, 'street', 'ADDRESS_UPDATE_SERVICE')`,
    [c.id],
  );
  return c;
}

/** An invoice of January 2026 for the customer, in the given state. */
const invoiceOf = async (customer: BuiltCustomer, status: 'OPEN' | 'PAID' | 'IN_COLLECTION') =>
  buildInvoice(server.db, {
    order: await buildOrder(server.db, { customer, status: 'DELIVERED', orderedAt: new Date('2026-01-05T10:00:00Z') }),
    status,
    issuedAt: '2026-01-06',
    dueAt: '2026-01-20',
  });

async function erasureRequest(customerId: string, language: 'FI' | 'EN' = 'FI'): Promise<string> {
  const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type: 'ERASURE', customerId, requesterName: 'Hilla Poistaja', receivedVia: 'EMAIL', language, signed: false },
  });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPrivacyRequest.id as string;
  await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id });
  return id;
}

async function erase(customerId: string, language: 'FI' | 'EN' = 'FI'): Promise<string> {
  const id = await erasureRequest(customerId, language);
  const plan = await privacy.gql(PLAN, { id });
  if (plan.errors) throw new Error(JSON.stringify(plan.errors));
  const executed = await privacy.gql(EXECUTE, { id });
  if (executed.errors) throw new Error(JSON.stringify(executed.errors));
  return id;
}

const customerRow = async (id: string) =>
  (
    await server.db.query(
      `SELECT customer_number::text, first_name, last_name, email, phone, street, postal_code, city, country, language, organisation_id, partner_id,
              pending_erasure, anonymised_at
         FROM customers WHERE id = $1`,
      [id],
    )
  )[0];
const provenanceFields = async (id: string) =>
  (await server.db.query(`SELECT field FROM customer_provenance WHERE customer_id = $1 ORDER BY field`, [id])).map((r: { field: string }) => r.field);

describe('minimal holds (P10)', () => {
  it('[P10] an erasure held by an open invoice leaves only the invoicing fields', async () => {
    const c = await fullCustomer();
    await invoiceOf(c, 'OPEN');
    const id = await erasureRequest(c.id);
    const plan = (await privacy.gql(PLAN, { id })).data.planErasure.items.filter((i: { table: string }) => i.table === 'customers');
    expect(plan).toEqual([
      {
        table: 'customers',
        action: 'HOLD',
        reason: 'OPEN_INVOICE',
        fields: ['customerNumber', 'firstName', 'lastName', 'street', 'postalCode', 'city', 'country'],
      },
      { table: 'customers', action: 'ERASE', reason: null, fields: ['email', 'phone', 'language', 'organisation', 'partner'] },
    ]);
    expect((await privacy.gql(EXECUTE, { id })).data.executeErasure.request.status).toBe('PARTIALLY_COMPLETED');
    expect(await customerRow(c.id)).toEqual({
      customer_number: c.customerNumber,
      first_name: 'Hilla',
      last_name: c.lastName,
      street: 'Laskukatu 3',
      postal_code: '00500',
      city: 'Helsinki',
      country: 'FI',
      email: null,
      phone: null,
      language: null,
      organisation_id: null,
      partner_id: null,
      pending_erasure: true,
      anonymised_at: null,
    });
    // The provenance of the erased e-mail goes now; that of the kept street stays with it.
    expect(await provenanceFields(c.id)).toEqual(['street']);
  });

  it('[P10] a debt in collection holds only the invoicing fields too', async () => {
    const c = await fullCustomer();
    await invoiceOf(c, 'IN_COLLECTION');
    await erase(c.id);
    expect(await customerRow(c.id)).toMatchObject({
      last_name: c.lastName,
      street: 'Laskukatu 3',
      email: null,
      phone: null,
      partner_id: null,
      pending_erasure: true,
    });
  });

  it('[P10] the hold lapses when the invoice is paid and the rest is erased', async () => {
    const c = await fullCustomer();
    const invoice = await invoiceOf(c, 'OPEN');
    const id = await erase(c.id);
    clock.set('2026-03-20T09:00:00Z');
    await server.db.query(`UPDATE invoices SET status = 'PAID', paid_at = '2026-03-19T10:00:00Z' WHERE id = $1`, [invoice.id]);
    await server.services.erasures.finishHolds(c.id);
    expect(await customerRow(c.id)).toMatchObject({
      first_name: 'Anonymised',
      last_name: 'Anonymised',
      street: null,
      postal_code: null,
      city: null,
      pending_erasure: false,
    });
    expect((await customerRow(c.id)).anonymised_at).not.toBeNull();
    expect(await provenanceFields(c.id)).toEqual([]);
    // The paid invoice is a voucher now: it keeps its buyer as invoiced, apart from the (anonymised) profile.
    const vouchers = await server.db.query(`SELECT request_id, buyer_name, street, retained_until FROM retained_vouchers WHERE invoice_id = $1`, [invoice.id]);
    expect(vouchers).toEqual([{ request_id: id, buyer_name: `Hilla ${c.lastName}`, street: 'Laskukatu 3', retained_until: '2032-12-31' }]);
  });
});

describe('retained vouchers (P10)', () => {
  it('[P10] a voucher keeps the invoiced name and address, unlinked, readable only by privacy officers, until its retention ends', async () => {
    const c = await fullCustomer();
    const invoice = await invoiceOf(c, 'PAID');
    const id = await erase(c.id);
    expect(await customerRow(c.id)).toMatchObject({ first_name: 'Anonymised', street: null });
    // Unlinked: the kept buyer names no customer, and nothing else keeps the name.
    const columns = (await server.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'retained_vouchers'`)).map(
      (r: { column_name: string }) => r.column_name,
    );
    expect(columns).not.toContain('customer_id');

    const QUERY = `query ($id: UUID!) { privacyRequest(id: $id) { retainedVouchers { invoiceNumber issuedAt buyerName organisation street postalCode city country retainedUntil } } }`;
    const read = await privacy.gql(QUERY, { id });
    expect(read.errors).toBeUndefined();
    expect(read.data.privacyRequest.retainedVouchers).toEqual([
      {
        invoiceNumber: invoice.invoiceNumber,
        issuedAt: '2026-01-06',
        buyerName: `Hilla ${c.lastName}`,
        organisation: expect.any(String),
        street: 'Laskukatu 3',
        postalCode: '00500',
        city: 'Helsinki',
        country: 'FI',
        retainedUntil: '2032-12-31',
      },
    ]);
    // Admins read requests, but not the buyers of kept vouchers.
    const byAdmin = await admin.gql(QUERY, { id });
    expect(codes(byAdmin)).toEqual(['FORBIDDEN']);
    expect(byAdmin.data?.privacyRequest?.retainedVouchers ?? null).toBeNull();
    await expect(
      server.services.retainedVouchers.forRequest(await adminActor(), { id, type: 'ERASURE', status: 'PARTIALLY_COMPLETED', customerId: c.id }),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });

    // 23:00 on 31.12.2032 in Helsinki: the last day it is kept.
    clock.set('2032-12-31T21:00:00Z');
    await server.services.erasures.finishHolds();
    expect(await server.db.query(`SELECT 1 FROM retained_vouchers WHERE invoice_id = $1`, [invoice.id])).toHaveLength(1);
    // The first night of 2033: the buyer goes, then the voucher itself.
    clock.set('2033-01-01T01:00:00Z');
    await server.services.erasures.finishHolds();
    expect(await server.db.query(`SELECT 1 FROM retained_vouchers WHERE request_id = $1`, [id])).toEqual([]);
    expect(await server.db.query(`SELECT 1 FROM invoices WHERE id = $1`, [invoice.id])).toEqual([]);
    const events = (await server.db.query(`SELECT kind FROM privacy_request_events WHERE request_id = $1`, [id])).map((e: { kind: string }) => e.kind);
    expect(events).toContain('VOUCHERS_PURGED');
  });

  it('[P10] the purge erases a kept buyer whose retention is over by itself, at the time the clock says', async () => {
    const c = await fullCustomer();
    const invoice = await invoiceOf(c, 'PAID');
    const id = await erase(c.id);
    // A voucher kept while its invoice stays (say, disputed in court): the buyer still goes when its retention ends.
    await server.db.query(`UPDATE retained_vouchers SET retained_until = '2027-06-30' WHERE invoice_id = $1`, [invoice.id]);
    clock.set('2027-06-30T20:00:00Z'); // 23:00 in Helsinki, still the last day
    expect(await server.services.retainedVouchers.purgeExpired()).toBe(0);
    clock.set('2027-06-30T21:30:00Z'); // 00:30 on 1 July in Helsinki
    expect(await server.services.retainedVouchers.purgeExpired()).toBe(1);
    expect(await server.db.query(`SELECT 1 FROM retained_vouchers WHERE request_id = $1`, [id])).toEqual([]);
    expect(await server.db.query(`SELECT 1 FROM invoices WHERE id = $1`, [invoice.id])).toHaveLength(1);
  });
});

/** An admin as the services see one: the table's rules for the role. */
const adminActor = async () =>
  actorWithRules(await buildUser(server.db, { roles: ['ADMIN'] }), defineRulesFor({ id: 'admin', roles: ['ADMIN'], partnerId: null }));

let recipientSeq = 0;
async function recipient(language: 'FI' | 'EN' | null = null): Promise<{ id: string; name: string }> {
  const name = `Tiedonsaaja ${++recipientSeq}-${Date.now()}`;
  const [row] = await server.db.query(
    `INSERT INTO recipients (name, kind, country, bases, language, contact_email, postal_address)
     VALUES ($1, 'INDEPENDENT_CONTROLLER', 'FI', '{INVOICING}', $2, $3, 'PL 1\n00100 Helsinki') RETURNING id, name`,
    [name, language, `saaja${recipientSeq}@example.fi`],
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

describe('erasure is told to the recipients (GDPR 19)', () => {
  it('[P16] erasure notifies every recipient that received the data and tells the requester who they were', async () => {
    const c = await fullCustomer();
    const [finnish, english] = [await recipient(), await recipient('EN')];
    await disclose(c.id, finnish.id, ['email', 'street']);
    await disclose(c.id, english.id, ['phone']);
    await disclose(c.id, english.id, ['email']);
    const bystander = await recipient();
    await disclose((await buildCustomer(server.db)).id, bystander.id, ['email']);

    const id = await erase(c.id);
    const request = (
      await privacy.gql(
        `query ($id: UUID!) { privacyRequest(id: $id) { notices { kind target recipient status field documentId } documents { id kind addresseeKind addresseeName } } }`,
        {
          id,
        },
      )
    ).data.privacyRequest;
    expect(request.notices.map((n: { recipient: string }) => n.recipient).sort()).toEqual([finnish.name, english.name].sort());
    for (const notice of request.notices)
      expect(notice).toMatchObject({ kind: 'ERASURE', target: 'RECIPIENT', status: 'PENDING', field: null, documentId: expect.any(String) });

    // The request lists each letter with whom it is addressed to.
    expect(request.documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'RECIPIENT_NOTICE', addresseeKind: 'RECIPIENT', addresseeName: english.name }),
        expect.objectContaining({ kind: 'ERASURE_REPLY', addresseeKind: 'REQUESTER', addresseeName: 'Hilla Poistaja' }),
      ]),
    );
    const documents = await addressedDocumentsOf(server.db.manager, id);
    const letterTo = (name: string) => documents.find((d) => d.kind === 'RECIPIENT_NOTICE' && d.addressee.name === name);
    const toEnglish = letterTo(english.name);
    expect(toEnglish?.addressee).toEqual({
      kind: 'RECIPIENT',
      name: english.name,
      email: expect.stringMatching(/@example\.fi$/),
      postalAddress: 'PL 1\n00100 Helsinki',
      language: 'EN',
      recipientId: english.id,
    });
    // The notice names the person as the recipient knew them (read before the erasure), and what it received.
    const english_html = toEnglish?.content.toString('utf8') ?? '';
    expect(english_html).toContain(`Hilla ${c.lastName}`);
    expect(english_html).toContain('Email, Phone');
    expect(english_html).toContain('erased');
    expect(letterTo(finnish.name)?.addressee.language).toBe('FI');
    expect(letterTo(finnish.name)?.content.toString('utf8')).toContain('poistettu');
    expect(documents.some((d) => d.addressee.name === bystander.name)).toBe(false);

    // The reply to the requester names the recipients.
    const reply = documents.find((d) => d.kind === 'ERASURE_REPLY');
    expect(reply?.addressee).toMatchObject({
      kind: 'REQUESTER',
      name: 'Hilla Poistaja',
      email: c.email,
      postalAddress: 'Laskukatu 3\n00500 Helsinki',
      language: 'FI',
    });
    const html = reply?.content.toString('utf8') ?? '';
    expect(html).toContain('Tietojenne vastaanottajat');
    expect(html).toContain(finnish.name);
    expect(html).toContain(english.name);
    expect(html).not.toContain(bystander.name);
  });

  it('[P16] an erasure of data disclosed to nobody tells the requester so, and leaves no notice', async () => {
    const c = await fullCustomer();
    const id = await erase(c.id, 'EN');
    expect(await server.db.query(`SELECT 1 FROM rectification_notices WHERE request_id = $1`, [id])).toEqual([]);
    const [reply] = await server.db.query(
      `SELECT convert_from(content, 'UTF8') AS html FROM privacy_documents WHERE request_id = $1 AND kind = 'ERASURE_REPLY'`,
      [id],
    );
    expect(reply.html).toContain('Your data has not been disclosed to anyone.');
  });
});
