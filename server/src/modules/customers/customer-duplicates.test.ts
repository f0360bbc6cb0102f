import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, type BuiltCustomer } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
/** A customer no partner firm serves, with an email and a phone. */
let existing: BuiltCustomer & { email: string; phone: string };
beforeAll(async () => {
  server = await startTestServer();
  existing = (await buildCustomer(server.db)) as typeof existing;
});
afterAll(() => server?.close());

const CREATE = `mutation ($input: CreateCustomerInput!, $confirm: Boolean) { createCustomer(input: $input, confirmDuplicates: $confirm) { id } }`;
const count = async () => (await server.db.query(`SELECT count(*)::int AS n FROM customers`))[0].n;

describe('possible duplicates', () => {
  it('[P6] a new customer with an email another customer has needs an explicit confirmation', async () => {
    const sales = await server.as('sales');
    const before = await count();
    const input = { firstName: 'Tupla', lastName: 'Ehdokas', email: existing.email.toUpperCase() };
    const refused = await sales.gql(CREATE, { input });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'POSSIBLE_DUPLICATE', field: 'email', possibleDuplicateIds: [existing.id] });
    expect(await count()).toBe(before);
    const listed = await sales.gql(`query ($e: String) { possibleDuplicates(email: $e) { id email } }`, { e: input.email });
    expect(listed.data.possibleDuplicates).toEqual([{ id: existing.id, email: existing.email }]);
    const confirmed = await sales.gql(CREATE, { input, confirm: true });
    expect(confirmed.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it("[P6] an edit that gives one customer another's phone is caught too, in any notation", async () => {
    const service = await server.as('service');
    const other = await buildCustomer(server.db);
    const local = `0${existing.phone.slice(4)}`; // +35840... written as 040...
    const result = await service.gql(`mutation ($id: UUID!, $v: Int!, $p: String) { updateCustomer(id: $id, version: $v, input: { phone: $p }) { id } }`, {
      id: other.id,
      v: other.version,
      p: local,
    });
    expect(result.errors![0].extensions).toMatchObject({ code: 'POSSIBLE_DUPLICATE', field: 'phone', possibleDuplicateIds: [existing.id] });
    const [after] = await server.db.query(`SELECT version FROM customers WHERE id = $1`, [other.id]);
    expect(after.version).toBe(other.version);
  });

  it('[P3] marketing cannot probe for a phone number it may not read', async () => {
    const marketing = await server.as('marketing');
    const result = await marketing.gql(`query ($p: String) { possibleDuplicates(phone: $p) { id } }`, { p: existing.phone });
    expect(result.data.possibleDuplicates).toEqual([]);
  });

  it('[P4] a partner is not told about customers outside the firm', async () => {
    const partner = await server.as('partner');
    const result = await partner.gql(`query ($e: String) { possibleDuplicates(email: $e) { id } }`, { e: existing.email });
    expect(result.data.possibleDuplicates).toEqual([]);
  });
});
