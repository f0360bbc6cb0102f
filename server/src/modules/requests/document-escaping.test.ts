import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildUser } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { addressedDocumentsOf } from './documents.repository';
import { PrivacyDocumentKind } from './request.model';

let server: TestServer;
let privacy: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  privacy = await server.as('privacy');
});
afterAll(() => server?.close());

const SCRIPT = '<script>alert(1)</script>';

async function gql(query: string, variables: Record<string, unknown>) {
  const result = await privacy.gql(query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function verified(input: Record<string, unknown>): Promise<string> {
  const created = await gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { requesterName: `Pyytäjä ${SCRIPT}`, receivedVia: 'LETTER', language: 'FI', signed: true, ...input },
  });
  const id = created.createPrivacyRequest.id as string;
  await gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: SIGNED_LETTER }) { status } }`, { id });
  return id;
}

describe('documents escape what they are given', () => {
  it('[P14] [P16] a <script> planted in a customer, a requester, a recipient and a reason is escaped in every kind of document', async () => {
    const customer = await buildCustomer(server.db, { firstName: SCRIPT, street: `${SCRIPT} 1` });
    const [recipient] = await server.db.query(
      `INSERT INTO recipients (name, kind, country, bases, postal_address) VALUES ($1, 'INDEPENDENT_CONTROLLER', 'FI', '{INVOICING}', $2) RETURNING id`,
      [`Saaja ${SCRIPT} ${Date.now()}`, SCRIPT],
    );
    const by = await buildUser(server.db, { roles: ['PRIVACY_OFFICER'] });
    await server.db.query(`INSERT INTO disclosures (customer_id, recipient_id, basis, fields, disclosed_by) VALUES ($1, $2, 'INVOICING', '{city,email}', $3)`, [
      customer.id,
      recipient.id,
      by.id,
    ]);
    const requests: string[] = [];

    const access = await verified({ type: 'ACCESS', customerId: customer.id });
    requests.push(access);
    await gql(`mutation ($id: UUID!) { extendPrivacyRequest(id: $id, input: { until: "${futureDay()}", reason: ${JSON.stringify(SCRIPT)} }) { id } }`, {
      id: access,
    });
    await gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { html } }`, { id: access });
    // The access package is a copy of the person: the erasure below erases it, so it is read now.
    const packages = (await addressedDocumentsOf(server.db.manager, access)).filter((d) => d.kind === PrivacyDocumentKind.ACCESS_PACKAGE_HTML);

    const refused = await verified({ type: 'ACCESS', customerId: customer.id });
    requests.push(refused);
    await gql(`mutation ($id: UUID!, $r: String!) { refusePrivacyRequest(id: $id, reason: $r) { id } }`, { id: refused, r: SCRIPT });

    const rectification = await verified({
      type: 'RECTIFICATION',
      customerId: customer.id,
      items: [
        { field: 'city', proposedValue: 'Espoo' },
        { field: 'street', proposedValue: `${SCRIPT} 2` },
      ],
    });
    requests.push(rectification);
    const items = (await gql(`query ($id: UUID!) { privacyRequest(id: $id) { items { id field } } }`, { id: rectification })).privacyRequest.items;
    const itemOf = (field: string) => items.find((i: { field: string }) => i.field === field).id;
    await gql(`mutation ($id: UUID!, $d: [RectificationDecisionInput!]!) { decideRectification(id: $id, decisions: $d) { status } }`, {
      id: rectification,
      d: [
        { itemId: itemOf('city'), approve: true },
        { itemId: itemOf('street'), approve: false, reason: SCRIPT },
      ],
    });

    const restriction = await verified({ type: 'RESTRICTION', customerId: customer.id });
    requests.push(restriction);
    await gql(`mutation ($c: UUID!, $n: String!) { liftRestriction(customerId: $c, note: $n) }`, { c: customer.id, n: SCRIPT });

    const erasure = await verified({ type: 'ERASURE', customerId: customer.id });
    requests.push(erasure);
    await gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table } } }`, { id: erasure });
    await gql(`mutation ($id: UUID!) { executeErasure(id: $id) { items { table } } }`, { id: erasure });

    const documents = [...packages, ...(await Promise.all(requests.map((id) => addressedDocumentsOf(server.db.manager, id)))).flat()];
    const html = documents.filter((d) => d.contentType.startsWith('text/html'));
    const everyHtmlKind = Object.values(PrivacyDocumentKind).filter((k) => k !== PrivacyDocumentKind.ACCESS_PACKAGE_JSON);
    expect([...new Set(html.map((d) => d.kind))].sort()).toEqual([...everyHtmlKind].sort());
    for (const document of html) {
      const text = document.content.toString('utf8');
      expect(text, document.kind).not.toContain('<script');
      expect(text, document.kind).toContain('&lt;script&gt;');
    }
  });
});

/** A day inside the first two further months: a month and a half from today. */
function futureDay(): string {
  const day = new Date(Date.now() + 45 * 24 * 3600 * 1000);
  return day.toISOString().slice(0, 10);
}
