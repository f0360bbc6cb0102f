import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildInvoice, buildOrder } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  service = await server.as('service');
});
afterAll(() => server?.close());

const MERGE = `mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id customerNumber version email city phone } }`;

async function pair() {
  const older = await buildCustomer(server.db, { firstName: 'Vanha', lastName: 'Tietue', city: 'Espoo', phone: null });
  const newer = await buildCustomer(server.db, { firstName: 'Uusi', lastName: 'Tietue', city: 'Tampere' });
  return { older, newer };
}

describe('merging two records of one person (P6)', () => {
  it('[P7] keeps the older number, moves the history to it, combines provenance and prohibitions, and audits both numbers', async () => {
    const { older, newer } = await pair();
    const order = await buildOrder(server.db, { customer: newer });
    await buildInvoice(server.db, { order });
    await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source, detail) VALUES ($1, 'city', 'STAFF_ENTRY', null)`, [older.id]);
    await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source, detail) VALUES ($1, 'phone', 'RESELLER', 'Jälleenmyyjä Oy')`, [
      newer.id,
    ]);
    await server.db.query(`INSERT INTO customer_provenance (customer_id, field, source, detail) VALUES ($1, 'city', 'WEB_SHOP', null)`, [newer.id]);
    await server.db.query(`INSERT INTO prohibition_events (customer_id, kind, action, via) VALUES ($1, 'PROFILING', 'SET', 'EMAIL')`, [newer.id]);

    const merged = await service.gql(MERGE, {
      input: { keepId: older.id, keepVersion: older.version, mergeId: newer.id, mergeVersion: newer.version, takeFields: ['phone'] },
    });
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergeCustomers).toMatchObject({ id: older.id, customerNumber: older.customerNumber, phone: newer.phone, city: 'Espoo' });

    const orders = await server.db.query(`SELECT customer_id FROM orders WHERE id = $1`, [order.id]);
    expect(orders).toEqual([{ customer_id: older.id }]);
    expect((await server.db.query(`SELECT count(*)::int AS n FROM invoices WHERE customer_id = $1`, [older.id]))[0].n).toBe(1);
    // Each field's current source is the source of the value kept: the phone the reseller's, the city the staff's.
    const current = await server.db.query(`SELECT DISTINCT ON (field) field, source FROM customer_provenance WHERE customer_id = $1 ORDER BY field, id DESC`, [
      older.id,
    ]);
    expect(current).toEqual(
      expect.arrayContaining([
        { field: 'phone', source: 'RESELLER' },
        { field: 'city', source: 'STAFF_ENTRY' },
      ]),
    );
    expect((await server.db.query(`SELECT count(*)::int AS n FROM customer_provenance WHERE customer_id = $1`, [newer.id]))[0].n).toBe(0);
    expect(await server.db.query(`SELECT kind FROM current_prohibitions WHERE customer_id = $1`, [older.id])).toEqual([{ kind: 'PROFILING' }]);
    // The merged record stays for the ledgers, emptied, pointing to the kept one; the list shows it no more.
    const [gone] = await server.db.query(`SELECT merged_into, first_name, last_name, email, phone, street FROM customers WHERE id = $1`, [newer.id]);
    expect(gone).toEqual({ merged_into: older.id, first_name: '—', last_name: `→ ${older.customerNumber}`, email: null, phone: null, street: null });
    const list = await service.gql(`query ($s: String) { customers(first: 10, search: $s) { edges { node { id } } } }`, { s: 'Tietue' });
    expect(list.data.customers.edges.map((e: any) => e.node.id)).not.toContain(newer.id);
    const audit = await server.db.query(
      `SELECT action, customer_id, detail FROM audit_events WHERE action LIKE 'CUSTOMER_MERGED%' AND detail->>'mergedId' = $1`,
      [newer.id],
    );
    expect(audit.map((a: any) => [a.action, a.customer_id])).toEqual(
      expect.arrayContaining([
        ['CUSTOMER_MERGED', older.id],
        ['CUSTOMER_MERGED_INTO', newer.id],
      ]),
    );
    expect(audit[0].detail).toMatchObject({ keptNumber: older.customerNumber, mergedNumber: newer.customerNumber });
    const merges = await service.gql(`query ($c: UUID!) { customerMerges(customerId: $c) { keptNumber mergedNumber fields } }`, { c: older.id });
    expect(merges.data.customerMerges).toEqual([{ keptNumber: older.customerNumber, mergedNumber: newer.customerNumber, fields: ['phone'] }]);
    // The record of the merge is append-only, against the application itself.
    await expect(server.db.query(`UPDATE customer_merges SET fields = '{}' WHERE merged_id = $1`, [newer.id])).rejects.toThrow();
  });

  it('answers CONFLICT on a stale version of either record, and changes nothing', async () => {
    const { older, newer } = await pair();
    await server.db.query(`UPDATE customers SET city = 'Pori', version = version + 1 WHERE id = $1`, [newer.id]);
    const stale = await service.gql(MERGE, { input: { keepId: older.id, keepVersion: older.version, mergeId: newer.id, mergeVersion: newer.version } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0].extensions?.customerId).toBe(newer.id);
    expect((await server.db.query(`SELECT merged_into FROM customers WHERE id = $1`, [newer.id]))[0].merged_into).toBeNull();
  });

  it('keeps the older number only, and never merges a record twice', async () => {
    const { older, newer } = await pair();
    const backwards = await service.gql(MERGE, { input: { keepId: newer.id, keepVersion: newer.version, mergeId: older.id, mergeVersion: older.version } });
    expect(codes(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(backwards.errors?.[0].extensions?.field).toBe('keepId');
    const once = await service.gql(MERGE, { input: { keepId: older.id, keepVersion: older.version, mergeId: newer.id, mergeVersion: newer.version } });
    expect(once.errors).toBeUndefined();
    const third = await buildCustomer(server.db, {});
    const twice = await service.gql(MERGE, { input: { keepId: newer.id, keepVersion: newer.version + 1, mergeId: third.id, mergeVersion: third.version } });
    expect(codes(twice)).toEqual(['CONFLICT']);
  });

  it('refuses a restricted or erased record, for everyone', async () => {
    const older = await buildCustomer(server.db, {});
    const restricted = await buildCustomer(server.db, { restricted: true });
    const erased = await buildCustomer(server.db, {});
    await server.db.query(`UPDATE customers SET anonymised_at = now() WHERE id = $1`, [erased.id]);
    for (const client of [service, await server.as('privacy')]) {
      for (const other of [restricted, erased]) {
        const refused = await client.gql(MERGE, { input: { keepId: older.id, keepVersion: older.version, mergeId: other.id, mergeVersion: other.version } });
        expect(codes(refused)).toEqual(['RESTRICTED']);
      }
    }
    expect((await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE merged_into = $1`, [older.id]))[0].n).toBe(0);
  });

  it('a role without the right is refused (sales creates customers, never merges them)', async () => {
    const { older, newer } = await pair();
    for (const username of ['sales', 'marketing', 'admin']) {
      const client = await server.as(username);
      const refused = await client.gql(MERGE, { input: { keepId: older.id, keepVersion: older.version, mergeId: newer.id, mergeVersion: newer.version } });
      expect(codes(refused)).toEqual(['FORBIDDEN']);
    }
    expect((await server.db.query(`SELECT merged_into FROM customers WHERE id = $1`, [newer.id]))[0].merged_into).toBeNull();
  });
});
