import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const PROVENANCE = `query ($id: UUID!) { customer(id: $id) { source provenance { field source detail recordedAt recordedBy } } }`;
const bySource = (list: any[]) => Object.fromEntries(list.map((p) => [p.field, `${p.source}:${p.detail ?? ''}`]));

describe('provenance', () => {
  it('[P7] records the source of every value given; a change records the new source and the history stays', async () => {
    const service = await server.as('service');
    const created = await service.gql(
      `mutation { createCustomer(input: { firstName: "Lähde", lastName: "Testinen", email: "lahde@example.fi", city: "Oulu" },
                                source: { source: REGISTRATION, detail: "verkkolomake 2026" }) { id version } }`,
    );
    const { id, version } = created.data.createCustomer;
    const before = (await service.gql(PROVENANCE, { id })).data.customer;
    expect(before.source).toBe('REGISTRATION');
    expect(bySource(before.provenance)).toEqual({
      firstName: 'REGISTRATION:verkkolomake 2026',
      lastName: 'REGISTRATION:verkkolomake 2026',
      email: 'REGISTRATION:verkkolomake 2026',
      city: 'REGISTRATION:verkkolomake 2026',
    });
    expect(before.provenance[0].recordedBy).toBe('service');

    await service.gql(
      `mutation ($id: UUID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { city: "Kemi", street: "Uusikatu 2" },
                                      source: { source: ADDRESS_UPDATE_SERVICE, detail: "Osoitepalvelu" }) { version } }`,
      { id, v: version },
    );
    const after = bySource((await service.gql(PROVENANCE, { id })).data.customer.provenance);
    expect(after.city).toBe('ADDRESS_UPDATE_SERVICE:Osoitepalvelu');
    expect(after.street).toBe('ADDRESS_UPDATE_SERVICE:Osoitepalvelu');
    expect(after.email).toBe('REGISTRATION:verkkolomake 2026');
    const history = await server.db.query(`SELECT source FROM customer_provenance WHERE customer_id = $1 AND field = 'city' ORDER BY id`, [id]);
    expect(history.map((h: any) => h.source)).toEqual(['REGISTRATION', 'ADDRESS_UPDATE_SERVICE']);
  });

  it('[P7] an edit without a stated source is recorded as staff entry', async () => {
    const service = await server.as('service');
    const c = await buildCustomer(server.db);
    await service.gql(`mutation ($id: UUID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { city: "Rauma" }) { version } }`, {
      id: c.id,
      v: c.version,
    });
    const list = (await service.gql(PROVENANCE, { id: c.id })).data.customer.provenance;
    expect(list.find((p: any) => p.field === 'city')).toMatchObject({ source: 'STAFF_ENTRY', recordedBy: 'service' });
  });

  it('[P7] service, privacy officers and admins read provenance; sales, marketing and partners may not', async () => {
    const [c] = await server.db.query(`SELECT id FROM customers WHERE partner_id = (SELECT partner_id FROM users WHERE username = 'partner') LIMIT 1`);
    for (const username of ['service', 'privacy', 'admin']) {
      const result = await (await server.as(username)).gql(PROVENANCE, { id: c.id });
      expect(result.errors, username).toBeUndefined();
      expect(result.data.customer.provenance.length).toBeGreaterThan(0);
    }
    for (const username of ['sales', 'marketing', 'partner']) {
      const result = await (await server.as(username)).gql(PROVENANCE, { id: c.id });
      expect(codes(result), username).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(result.data.customer).toEqual({ source: null, provenance: null });
    }
  });
});
