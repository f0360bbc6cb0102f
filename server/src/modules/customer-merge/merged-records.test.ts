import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';

/**
 * A merged record keeps its ledger rows (audit trail, disclosures, prohibition events) under its own id:
 * the kept person's access package, erasure and recipient notices follow the merge to them.
 */
let server: TestServer;
let service: TestClient;
let privacy: TestClient;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  [service, privacy, admin] = await Promise.all([server.as('service'), server.as('privacy'), server.as('admin')]);
});
afterAll(() => server?.close());

const MERGE = `mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id version } }`;

let seq = 0;
/** B (newer) read, its e-mail changed, disclosed to a recipient and a prohibition recorded; then merged into A (older). */
async function mergedPair() {
  const n = ++seq;
  const a = await buildCustomer(server.db, { firstName: 'Pidetty', lastName: `Yhdistetty${n}` });
  const b = await buildCustomer(server.db, { firstName: 'Poistuva', lastName: `Yhdistetty${n}` });
  const read = await service.gql(`query ($id: UUID!) { customer(id: $id) { id email } }`, { id: b.id });
  expect(read.errors).toBeUndefined();
  const oldEmail = `vanha.osoite${n}@example.fi`;
  const updated = await service.gql(`mutation ($id: UUID!, $v: Int!, $e: String) { updateCustomer(id: $id, version: $v, input: { email: $e }) { version } }`, {
    id: b.id,
    v: b.version,
    e: oldEmail,
  });
  expect(updated.errors).toBeUndefined();
  const created = await admin.gql(`mutation ($input: RecipientInput!) { createRecipient(input: $input) { id name } }`, {
    input: { name: `Perintätoimisto ${n}`, kind: 'INDEPENDENT_CONTROLLER', country: 'FI', bases: ['INVOICING', 'DEBT_COLLECTION'] },
  });
  const recipient = created.data.createRecipient as { id: string; name: string };
  const disclosed = await privacy.gql(`mutation ($input: DiscloseInput!) { discloseCustomerData(input: $input) { disclosure { id } } }`, {
    input: { customerId: b.id, recipientId: recipient.id, basis: 'INVOICING', fields: ['email', 'street'] },
  });
  expect(disclosed.errors).toBeUndefined();
  await server.db.query(`INSERT INTO prohibition_events (customer_id, kind, action, via, note) VALUES ($1, 'PROFILING', 'SET', 'EMAIL', 'Puhelimessa')`, [
    b.id,
  ]);
  const merged = await service.gql(MERGE, {
    input: { keepId: a.id, keepVersion: a.version, mergeId: b.id, mergeVersion: b.version + 1 },
  });
  expect(merged.errors).toBeUndefined();
  return { a, b, recipient, oldEmail };
}

async function verifiedRequest(type: 'ACCESS' | 'ERASURE', customerId: string): Promise<string> {
  const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type, customerId, requesterName: 'Pidetty Henkilö', receivedVia: 'LETTER', language: 'FI', signed: true },
  });
  expect(created.errors).toBeUndefined();
  const id = created.data.createPrivacyRequest.id;
  const verified = await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT, note: "Passi" }) { status } }`, { id });
  expect(verified.errors).toBeUndefined();
  return id;
}

describe('the ledgers of a merged record follow the merge', () => {
  it("[P14] the kept person's access package holds the merged record's consultation log, disclosures and prohibition history", async () => {
    const { a, b, recipient } = await mergedPair();
    const id = await verifiedRequest('ACCESS', a.id);
    const result = await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json html } }`, { id });
    expect(result.errors).toBeUndefined();
    const pkg = JSON.parse(result.data.fulfilAccessRequest.json);
    // Every read and change recorded on the merged record's id is in the kept person's log.
    const onB: Array<{ at: Date; action: string }> = await server.db.query(
      `SELECT at, action FROM audit_events WHERE customer_id = $1 AND action IN ('CUSTOMER_READ', 'CUSTOMER_UPDATED', 'CUSTOMER_DATA_DISCLOSED') ORDER BY id`,
      [b.id],
    );
    expect(onB.map((e) => e.action)).toEqual(expect.arrayContaining(['CUSTOMER_READ', 'CUSTOMER_UPDATED']));
    const log = pkg.consultationLog.map((c: { at: string; action: string }) => `${c.action}@${new Date(c.at).toISOString()}`);
    for (const e of onB) expect(log).toContain(`${e.action}@${new Date(e.at).toISOString()}`);
    expect(pkg.disclosures).toEqual([expect.objectContaining({ recipient: expect.objectContaining({ name: recipient.name }), fields: ['email', 'street'] })]);
    // The merged record's own entry and the one the merge carried to the kept record, both.
    expect(pkg.prohibitions.ledger).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'PROFILING', action: 'SET', note: 'Puhelimessa' }),
        expect.objectContaining({ kind: 'PROFILING', action: 'SET', note: expect.stringContaining('Merged from customer') }),
      ]),
    );
    expect(result.data.fulfilAccessRequest.html).toContain(recipient.name);
  });

  it('[P8] the disclosure ledger of the kept person lists what was disclosed of the merged record', async () => {
    const { a, recipient } = await mergedPair();
    const list = await privacy.gql(`query ($c: UUID!) { disclosures(customerId: $c) { fields recipient { name } } }`, { c: a.id });
    expect(list.errors).toBeUndefined();
    expect(list.data.disclosures).toEqual([{ fields: ['email', 'street'], recipient: { name: recipient.name } }]);
  });

  it("[P10] erasing the kept person leaves no personal value under the merged record's id, and its recipients are told", async () => {
    const { a, b, recipient, oldEmail } = await mergedPair();
    const id = await verifiedRequest('ERASURE', a.id);
    const plan = await privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table action rowCount } } }`, { id });
    expect(plan.errors).toBeUndefined();
    expect(plan.data.planErasure.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'audit_events', action: 'ANONYMISE' }),
        expect.objectContaining({ table: 'prohibition_events', action: 'ERASE', rowCount: 2 }),
      ]),
    );
    const executed = await privacy.gql(`mutation ($id: UUID!) { executeErasure(id: $id) { request { status } } }`, { id });
    expect(executed.errors).toBeUndefined();
    // The trail stays (who, what, when); the values it recorded on the merged id go.
    const changes: Array<{ changes: Record<string, unknown> }> = await server.db.query(
      `SELECT changes FROM audit_events WHERE customer_id = $1 AND changes IS NOT NULL`,
      [b.id],
    );
    expect(changes.length).toBeGreaterThan(0);
    for (const row of changes) for (const value of Object.values(row.changes)) expect(value).toBe('[erased]');
    const anywhere = await server.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE customer_id = ANY($1::uuid[]) AND changes::text LIKE $2`, [
      [a.id, b.id],
      `%${oldEmail}%`,
    ]);
    expect(anywhere[0].n).toBe(0);
    expect((await server.db.query(`SELECT count(*)::int AS n FROM prohibition_events WHERE customer_id = $1`, [b.id]))[0].n).toBe(0);
    // GDPR 19: the recipient of the merged record's data gets the erasure notice.
    const notices = await server.db.query(`SELECT kind, recipient_id FROM rectification_notices WHERE request_id = $1`, [id]);
    expect(notices).toEqual([{ kind: 'ERASURE', recipient_id: recipient.id }]);
  });
});
