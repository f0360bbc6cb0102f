import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let sales: TestClient;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  sales = await server.as('sales');
  service = await server.as('service');
});
afterAll(() => server?.close());

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id postalCode country } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { id postalCode country version } }`;
const stored = async (id: string) => (await server.db.query(`SELECT postal_code, country, version FROM customers WHERE id = $1`, [id]))[0];

describe('postal codes are checked by country', () => {
  it('[P6] a Norwegian customer is created with the postal code 0150', async () => {
    const result = await sales.gql(CREATE, { input: { firstName: 'Ola', lastName: 'Nordmann', postalCode: '0150', city: 'Oslo', country: 'no' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.createCustomer).toMatchObject({ postalCode: '0150', country: 'NO' });
  });

  it('[P6] a create checks the postal code against the country given, and Finland when none is', async () => {
    const swedish = await sales.gql(CREATE, { input: { firstName: 'Sven', lastName: 'Svensson', postalCode: '11122', country: 'SE' } });
    expect(swedish.data.createCustomer).toMatchObject({ postalCode: '111 22', country: 'SE' });
    const finnish = await sales.gql(CREATE, { input: { firstName: 'Matti', lastName: 'Postinen', postalCode: '00 100' } });
    expect(finnish.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'postalCode' })]);
    const notNorwegian = await sales.gql(CREATE, { input: { firstName: 'Kari', lastName: 'Nordmann', postalCode: '00100', country: 'NO' } });
    expect(notNorwegian.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'postalCode' })]);
  });

  it('[P6] moving a customer to Finland keeps no foreign postal code: "MT" is refused and nothing changes, a new code is taken', async () => {
    const customer = await buildCustomer(server.db, { country: 'KE', postalCode: 'MT' });
    const refused = await service.gql(UPDATE, { id: customer.id, v: customer.version, input: { country: 'FI', city: 'Espoo' } });
    expect(refused.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'postalCode' })]);
    expect(await stored(customer.id)).toEqual({ postal_code: 'MT', country: 'KE', version: customer.version });
    const moved = await service.gql(UPDATE, { id: customer.id, v: customer.version, input: { country: 'FI', postalCode: '02100' } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updateCustomer).toMatchObject({ postalCode: '02100', country: 'FI' });
  });

  it('[P6] "00 100", taken abroad, does not become a Finnish postal code when the country changes', async () => {
    const customer = await buildCustomer(server.db, { country: 'KE', postalCode: '00 100' });
    const refused = await service.gql(UPDATE, { id: customer.id, v: customer.version, input: { country: 'FI' } });
    expect(refused.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'postalCode' })]);
    expect(await stored(customer.id)).toMatchObject({ postal_code: '00 100', country: 'KE' });
  });

  it('[P6] a stored postal code valid in the new country stays, in that country’s form, and the change is audited', async () => {
    const customer = await buildCustomer(server.db, { country: 'FI', postalCode: '11122' });
    const moved = await service.gql(UPDATE, { id: customer.id, v: customer.version, input: { country: 'SE' } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updateCustomer).toMatchObject({ postalCode: '111 22', country: 'SE' });
    const [event] = await server.db.query(`SELECT changes FROM audit_events WHERE action = 'CUSTOMER_UPDATED' AND customer_id = $1`, [customer.id]);
    expect(event.changes).toEqual({ country: { before: 'FI', after: 'SE' }, postalCode: { before: '11122', after: '111 22' } });
  });

  it('[P6] an update of the postal code alone is checked against the stored country', async () => {
    const customer = await buildCustomer(server.db, { country: 'NO', postalCode: '0150' });
    const refused = await service.gql(UPDATE, { id: customer.id, v: customer.version, input: { postalCode: '00150' } });
    expect(refused.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'postalCode' })]);
    const taken = await service.gql(UPDATE, { id: customer.id, v: customer.version, input: { postalCode: '0151' } });
    expect(taken.data.updateCustomer).toMatchObject({ postalCode: '0151', country: 'NO' });
  });
});
