import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  service = await server.as('service');
});
afterAll(() => server?.close());

const MERGE = `mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id version } }`;
const MERGED_INTO = `query ($id: UUID!) { customer(id: $id) { id customerNumber mergedInto { id customerNumber } } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { id city version } }`;

/** B merged into A (A the older number, so kept). */
async function merged() {
  const kept = await buildCustomer(server.db, { firstName: 'Pysyvä', lastName: 'Yhdistetty', city: 'Espoo' });
  const gone = await buildCustomer(server.db, { firstName: 'Poistuva', lastName: 'Yhdistetty', city: 'Turku' });
  const result = await service.gql(MERGE, { input: { keepId: kept.id, keepVersion: kept.version, mergeId: gone.id, mergeVersion: gone.version } });
  expect(result.errors).toBeUndefined();
  return { kept, gone };
}

describe('a merged record leads to the customer it was merged into (P6)', () => {
  it('answers the kept customer’s id and number on the merged record, and null on the kept one', async () => {
    const { kept, gone } = await merged();
    const opened = await service.gql(MERGED_INTO, { id: gone.id });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.customer).toEqual({
      id: gone.id,
      customerNumber: gone.customerNumber,
      mergedInto: { id: kept.id, customerNumber: kept.customerNumber },
    });
    const keptOpened = await service.gql(MERGED_INTO, { id: kept.id });
    expect(keptOpened.data.customer.mergedInto).toBeNull();
    // Every role that reads customers reads where the record went: it is no personal data.
    for (const role of ['sales', 'marketing', 'privacy', 'admin']) {
      const reader = await server.as(role);
      const seen = await reader.gql(MERGED_INTO, { id: gone.id });
      expect(seen.errors, role).toBeUndefined();
      expect(seen.data.customer.mergedInto, role).toEqual({ id: kept.id, customerNumber: kept.customerNumber });
    }
  });

  it('[P4] tells a partner nothing about a merged record outside the firm', async () => {
    const { gone } = await merged();
    const partner = await server.as('partner');
    const seen = await partner.gql(MERGED_INTO, { id: gone.id });
    expect(seen.data?.customer ?? null).toBeNull();
    expect(codes(seen).length).toBeGreaterThan(0);
    expect(JSON.stringify(seen)).not.toContain(gone.customerNumber);
  });

  it('refuses a change to a merged record with CONFLICT (ALREADY_MERGED) and changes nothing', async () => {
    const { gone } = await merged();
    const [{ version }] = await server.db.query(`SELECT version FROM customers WHERE id = $1`, [gone.id]);
    const changed = await service.gql(UPDATE, { id: gone.id, v: version, input: { city: 'Oulu' } });
    expect(codes(changed)).toEqual(['CONFLICT']);
    expect(changed.errors?.[0].extensions?.reason).toBe('ALREADY_MERGED');
    const [row] = await server.db.query(`SELECT city, version FROM customers WHERE id = $1`, [gone.id]);
    expect(row).toEqual({ city: null, version });
  });
});
