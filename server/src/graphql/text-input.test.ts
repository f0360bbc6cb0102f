import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../test/factories';
import { withErrorLog } from '../test/error-log';
import { startTestServer, type TestClient, type TestServer } from '../test/harness';
import { textProblem } from './text-input';

let server: TestServer;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  service = await server.as('service');
});
afterAll(() => server?.close());

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { id version } }`;
const customersNamed = async (lastName: string) =>
  (await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE last_name LIKE $1`, [`${lastName}%`]))[0].n;

describe('the text rule', () => {
  it('refuses control characters, DEL, C1 and lone surrogates; allows tab and line breaks only in free text', () => {
    for (const bad of ['a\u0000b', '\u0007', 'x\u001b[31m', '\u007f', '\u0085', '\u009b', '\ud800', 'a\udc00', 'ok\u2028']) {
      expect(textProblem(bad, false), JSON.stringify(bad)).not.toBeNull();
    }
    for (const bad of ['a\u0000b', '\u000b', '\u000c', '\u007f', '\u0085', '\udfff']) {
      expect(textProblem(bad, true), JSON.stringify(bad)).not.toBeNull();
    }
    for (const singleLine of ['a\tb', 'a\nb', 'a\rb']) expect(textProblem(singleLine, false)).toMatch(/tab|line break/);
    for (const good of ['Äyräpää', 'Åsa Öberg', 'naïve café', '😀 👩‍👩‍👧', 'Z̤͔ͧ̑', 'אבג', '\u200b\u00ad', '\ufeff']) {
      expect(textProblem(good, false), JSON.stringify(good)).toBeNull();
    }
    expect(textProblem('first line\nsecond\r\n\tindented\u2028', true)).toBeNull();
  });
});

describe('control characters in input answer BAD_USER_INPUT at the field, and nothing changes', () => {
  it('a NUL in a customer field, as a variable, names input.firstName, stores nothing and logs no personal data', async () => {
    const lastName = `Nul-${Date.now()}`;
    const errors = await withErrorLog(server, 'service', async (post) => {
      const result = await post(CREATE, {
        input: { firstName: 'Nul\u0000la', lastName, email: `nul.${Date.now()}@example.fi`, phone: '+358401112233' },
      });
      expect(result.errors?.map((e) => e.extensions)).toEqual([
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.firstName', reason: 'CONTROL_CHARACTER' }),
      ]);
      expect(JSON.stringify(result)).not.toContain('example.fi');
    });
    expect(errors).toEqual([]);
    expect(await customersNamed(lastName)).toBe(0);
  });

  it('the same holds for a literal in the query, for a nested field and for a C1 control', async () => {
    const lastName = `Literal-${Date.now()}`;
    const literal = await service.gql(`mutation { createCustomer(input: { firstName: "A\\u0000", lastName: "${lastName}" }) { id } }`);
    expect(literal.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.firstName' })]);
    const nested = await service.gql(CREATE, { input: { firstName: 'B', lastName, organisation: { name: 'Firma\u0085 Oy' } } });
    expect(nested.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.organisation.name' })]);
    const newline = await service.gql(CREATE, { input: { firstName: 'C', lastName: `${lastName}\nrivi` } });
    expect(newline.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.lastName' })]);
    const surrogate = await service.gql(CREATE, { input: { firstName: 'D\ud83d', lastName } });
    expect(surrogate.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.firstName' })]);
    expect(await customersNamed(lastName)).toBe(0);
  });

  it('an update with a NUL in one field changes no field and keeps the version', async () => {
    const customer = await buildCustomer(server.db);
    const result = await service.gql(UPDATE, { id: customer.id, v: customer.version, input: { street: 'Uusikatu 2', city: 'Tur\u0000ku' } });
    expect(result.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.city' })]);
    const [row] = await server.db.query(`SELECT street, city, version FROM customers WHERE id = $1`, [customer.id]);
    expect(row).toEqual({ street: 'Testikatu 1', city: 'Helsinki', version: customer.version });
  });

  it('a query argument is checked too (search)', async () => {
    const result = await service.gql(`query ($s: String) { customers(first: 5, search: $s) { totalCount } }`, { s: 'Virta\u0000' });
    expect(result.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'search' })]);
  });

  it('free text keeps its line breaks: a prohibition note with a newline is recorded, one with a NUL is not', async () => {
    const customer = await buildCustomer(server.db);
    const RECORD = `mutation ($c: UUID!, $input: ProhibitionInput!) { recordProhibition(customerId: $c, input: $input) { kind } }`;
    const refused = await service.gql(RECORD, { c: customer.id, input: { kind: 'DIRECT_MARKETING', via: 'PHONE', note: 'soitti\u0000' } });
    expect(refused.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.note' })]);
    const recorded = await service.gql(RECORD, { c: customer.id, input: { kind: 'DIRECT_MARKETING', via: 'PHONE', note: 'Soitti itse.\nEi mainoksia.' } });
    expect(recorded.errors).toBeUndefined();
    const notes = await server.db.query(`SELECT note FROM prohibition_events WHERE customer_id = $1`, [customer.id]);
    expect(notes.map((n: { note: string }) => n.note)).toEqual(['Soitti itse.\nEi mainoksia.']);
  });
});
