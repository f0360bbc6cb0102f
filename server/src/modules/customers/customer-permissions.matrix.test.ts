import fs from 'node:fs';
import path from 'node:path';
import { CUSTOMER_FIELDS, CUSTOMER_UPDATABLE_FIELDS, defineAbilityFor, ROLES, subject, type Role } from '@rekisteri/schema';
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType, type GraphQLInputObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

/**
 * The role x field matrix over real GraphQL requests, generated from the permission table and
 * the emitted schema: a field added to the schema but not to the table fails here.
 */
const sdl = fs.readFileSync(path.resolve(__dirname, '../../../../schema/schema.graphql'), 'utf8');
const schema = buildSchema(sdl);
const customerType = schema.getType('Customer') as GraphQLObjectType;
const updateInput = schema.getType('UpdateCustomerInput') as GraphQLInputObjectType;
const schemaFields = Object.keys(customerType.getFields());
const inputFields = Object.keys(updateInput.getFields());

const DEMO_USER: Record<Role, string> = {
  SALES: 'sales',
  SERVICE: 'service',
  MARKETING: 'marketing',
  PRIVACY_OFFICER: 'privacy',
  PARTNER: 'partner',
  ADMIN: 'admin',
};

/** The smallest valid selection of a field: itself if a leaf, else its first leaf (or first sub-object's). */
function selection(field: string, parent: GraphQLObjectType = customerType): string {
  const type = getNamedType(parent.getFields()[field].type);
  if (!isObjectType(type)) return field;
  const fields = Object.values(type.getFields());
  const leaf = fields.find((f) => !isObjectType(getNamedType(f.type)));
  return `${field} { ${leaf ? leaf.name : selection(fields[0].name, type)} }`;
}

let server: TestServer;
let clients: Record<Role, TestClient>;
let partnerId: string;
let served: { id: string };
let notServed: { id: string };
/** P6: a record of the same firm merged into `served`, so that `mergedInto` has a value to read. */
let mergedAway: { id: string };

beforeAll(async () => {
  server = await startTestServer();
  // The demo partner user's firm, so that the PARTNER client is the one serving the customer.
  [{ partnerId }] = await server.db.query(`SELECT partner_id AS "partnerId" FROM users WHERE username = 'partner'`);
  // A customer with every field filled, served by the demo partner firm.
  const org = await buildOrganisation(server.db);
  [served] = await server.db.query(
    `INSERT INTO customers (first_name, last_name, organisation_id, email, phone, street, postal_code, city, language, partner_id)
     VALUES ('Matti', 'Matriisi', $1, 'matti@example.fi', '+358401234567', 'Kotikatu 1', '00100', 'Helsinki', 'fi', $2) RETURNING id`,
    [org.id, partnerId],
  );
  // Their update prohibition too (P7), so that every field has a value to read.
  await server.db.query(`UPDATE customers SET update_prohibited = true WHERE id = $1`, [served.id]);
  await server.db.query(`INSERT INTO update_prohibition_events (customer_id, action, source, via) VALUES ($1, 'SET', 'CUSTOMER_NOTICE', 'EMAIL')`, [served.id]);
  [notServed] = await server.db.query(
    `INSERT INTO customers (first_name, last_name, email, phone) VALUES ('Maija', 'Muualla', 'maija@example.fi', '+358401234568') RETURNING id`,
  );
  [mergedAway] = await server.db.query(
    `INSERT INTO customers (first_name, last_name, partner_id, merged_into, merged_at) VALUES ('—', '→', $1, $2, now()) RETURNING id`,
    [partnerId, served.id],
  );
  clients = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await server.as(DEMO_USER[r])]))) as Record<Role, TestClient>;
});

afterAll(() => server?.close());

async function userOf(role: Role) {
  // P4: a partner's fields are those its firm's agreement names (its processor row's data fields).
  const [user] = await server.db.query(
    `SELECT u.id, u.roles, u.partner_id, r.data_fields FROM users u LEFT JOIN recipients r ON r.partner_id = u.partner_id WHERE u.username = $1`,
    [DEMO_USER[role]],
  );
  return { id: user.id, roles: user.roles as Role[], partnerId: user.partner_id as string | null, partnerFields: user.data_fields as string[] | null };
}

async function record(id: string) {
  const [row] = await server.db.query(
    `SELECT id, partner_id AS "partnerId", version, restricted, (anonymised_at IS NOT NULL) AS anonymised FROM customers WHERE id = $1`,
    [id],
  );
  return row as { id: string; partnerId: string | null; version: number; restricted: boolean; anonymised: boolean };
}

describe('the permission table covers the schema', () => {
  it('[P6] every Customer field in the schema is in the table, and no other', () => {
    expect([...schemaFields].sort()).toEqual([...CUSTOMER_FIELDS].sort());
  });

  it('[P6] every field an update can carry is one the table knows', () => {
    expect([...inputFields].sort()).toEqual([...CUSTOMER_UPDATABLE_FIELDS].sort());
  });
});

describe.each(ROLES)('reading a customer as %s', (role) => {
  it.each(schemaFields)(`[P12] ${role} reads %s exactly as the table says`, async (field) => {
    const ability = defineAbilityFor(await userOf(role));
    const id = field === 'mergedInto' ? mergedAway.id : served.id;
    const expected = ability.can('read', subject('Customer', (await record(id)) as Record<string, unknown>), field);
    const result = await clients[role].gql(`query ($id: UUID!) { customer(id: $id) { ${selection(field)} } }`, { id });
    if (expected) {
      expect(result.errors).toBeUndefined();
      expect(result.data.customer[field]).not.toBeNull();
    } else {
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].path).toEqual(['customer', field]);
      expect(result.data.customer[field]).toBeNull();
    }
  });
});

const VALUES: Record<string, (suffix: number) => unknown> = {
  firstName: (n) => `Etu${n}`,
  lastName: (n) => `Suku${n}`,
  organisation: (n) => ({ name: `Matriisi ${n} Oy` }),
  email: (n) => `matrix${n}@example.fi`,
  phone: (n) => `+35840555${String(1000 + n).padStart(4, '0')}`,
  street: (n) => `Muutoskatu ${n}`,
  postalCode: (n) => `0${String(1000 + n).padStart(4, '0')}`,
  city: (n) => `Kaupunki ${n}`,
  country: () => 'FI',
  language: (n) => ['fi', 'sv', 'en'][n % 3],
  partner: () => partnerId,
};

let counter = 0;
describe.each(ROLES)('updating a customer as %s', (role) => {
  it.each([...CUSTOMER_UPDATABLE_FIELDS])(`[P12] ${role} changes %s exactly as the table says`, async (field) => {
    const before = await record(served.id);
    const ability = defineAbilityFor(await userOf(role));
    const expected = ability.can('update', subject('Customer', before as Record<string, unknown>), field);
    const value = VALUES[field](++counter);
    const result = await clients[role].gql(
      `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { version } }`,
      { id: served.id, v: before.version, input: { [field]: value } },
    );
    const after = await record(served.id);
    if (expected) {
      expect(result.errors).toBeUndefined();
      expect(after.version).toBe(before.version + 1);
    } else {
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(after.version).toBe(before.version);
    }
  });
});

describe('rows outside the rules do not exist', () => {
  it('[P4] a partner gets NOT_FOUND for a customer their firm does not serve, for reads and writes', async () => {
    const read = await clients.PARTNER.gql(`query ($id: UUID!) { customer(id: $id) { id email } }`, { id: notServed.id });
    expect(codes(read)).toEqual(['NOT_FOUND']);
    const write = await clients.PARTNER.gql(`mutation ($id: UUID!) { updateCustomer(id: $id, version: 1, input: { email: "x@example.fi" }) { id } }`, {
      id: notServed.id,
    });
    expect(codes(write)).toEqual(['NOT_FOUND']);
    const [row] = await server.db.query(`SELECT email, version FROM customers WHERE id = $1`, [notServed.id]);
    expect(row).toEqual({ email: 'maija@example.fi', version: 1 });
  });
});
