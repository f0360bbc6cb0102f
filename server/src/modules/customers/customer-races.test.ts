import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessId } from '../../test/factories';
import { withErrorLog } from '../../test/error-log';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { uniqueViolation } from './unique-violations';

let server: TestServer;
let sales: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  sales = await server.as('sales');
});
afterAll(() => server?.close());

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id organisation { id businessId } } }`;
const tag = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const tenTimes = <T>(make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: 10 }, (_, i) => make(i)));

describe('unique keys under concurrent writes', () => {
  it('10 concurrent creates with the same new business ID store one organisation, as one after another would, and no server error', async () => {
    const id = businessId();
    const run = tag();
    const errors = await withErrorLog(server, 'sales', async (post) => {
      const answers = await tenTimes((i) =>
        post(CREATE, {
          input: {
            firstName: 'Rinnakkainen',
            lastName: `Y${run}-${i}`,
            email: `y.${run}.${i}@example.fi`,
            organisation: { name: `Kilpa ${run} Oy`, businessId: id },
          },
        }),
      );
      // The writers take turns on the business ID: the first makes the organisation, the others find it.
      expect(answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions)).toEqual([]);
      const organisations = answers.map((a) => a.data.createCustomer.organisation);
      expect(new Set(organisations.map((o) => o.id)).size).toBe(1);
      expect(organisations[0].businessId).toBe(id);
    });
    expect(errors).toEqual([]);
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM organisations WHERE business_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('10 concurrent creates with the same new email make exactly one customer; the others are asked to confirm the duplicate', async () => {
    const email = `kilpa.${tag()}@example.fi`;
    const answers = await tenTimes((i) => sales.gql(CREATE, { input: { firstName: 'Kilpa', lastName: `Sähköposti-${i}`, email } }));
    const codes = answers.map((a) => (a.errors ? a.errors.map((e) => `${e.extensions?.code}@${e.extensions?.field}`).join() : 'created'));
    expect(codes.sort()).toEqual(['created', ...Array(9).fill('POSSIBLE_DUPLICATE@email')].sort());
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE email = $1`, [email]);
    expect(n).toBe(1);
  });

  it('10 concurrent creates with the same new phone make exactly one customer', async () => {
    const phone = `+35850${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const answers = await tenTimes((i) => sales.gql(CREATE, { input: { firstName: 'Kilpa', lastName: `Puhelin-${i}`, phone } }));
    expect(answers.filter((a) => a.data?.createCustomer).length).toBe(1);
    expect(answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.code)).toEqual(Array(9).fill('POSSIBLE_DUPLICATE'));
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE phone = $1`, [phone]);
    expect(n).toBe(1);
  });

  it('a unique violation of the database answers CONFLICT at the field it guards, never a server error', async () => {
    const id = businessId();
    await server.db.query(`INSERT INTO organisations (name, business_id) VALUES ('Eka Oy', $1)`, [id]);
    const violation = await server.db.query(`INSERT INTO organisations (name, business_id) VALUES ('Toka Oy', $1)`, [id]).then(
      () => null,
      (error: unknown) => error,
    );
    expect(uniqueViolation(violation)?.extensions).toEqual({ code: 'CONFLICT', field: 'organisation.businessId' });
    expect(uniqueViolation(new Error('something else'))).toBeNull();
  });
});
