import { defineAbilityFor, type Role } from '@rekisteri/schema';
import { buildSchema, execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadLog } from '../audit/audit.service';
import { startTestServer, type TestClient, type TestServer } from '../test/harness';
import { guardFields } from './field-guard';
import { FieldMask } from './field-mask';

/**
 * A denied field's FORBIDDEN errors are made from one per field of a request (issue 13): each
 * still stands at its own cell, with the message, locations and extensions of a freshly built one.
 */
let server: TestServer;
let marketing: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  await server.db.query(
    `INSERT INTO customers (first_name, last_name, email, phone)
     SELECT 'Rivi', 'Numero' || g, 'rivi' || g || '@example.fi', '+35840' || (1000000 + g) FROM generate_series(1, 5) g`,
  );
  marketing = await server.as('marketing');
});

afterAll(async () => {
  await server?.close();
});

/** Where graphql-js places a field: line and column (from 1) of where `text` first occurs in the query, after `after`. */
function locate(query: string, text: string, after = '') {
  const at = query.indexOf(text, query.indexOf(after) + after.length);
  const lines = query.slice(0, at).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

interface PathError {
  message: string;
  path: Array<string | number>;
  locations: Array<{ line: number; column: number }>;
  extensions: { code: string; field: string };
}

describe('denied fields on a page', () => {
  it('[P3] every row has its own FORBIDDEN at its phone, with the location of the field asked for', async () => {
    const query = `{
        customers(first: 5) { edges { node { id phone } } }
      }`;
    const result = await marketing.gql<{ customers: { edges: Array<{ node: { id: string; phone: null } }> } }>(query);
    const rows = result.data?.customers.edges ?? [];
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.node.id && r.node.phone === null)).toBe(true);
    const errors = (result.errors ?? []) as PathError[];
    expect(errors.map((e) => e.path)).toEqual(rows.map((_, i) => ['customers', 'edges', i, 'node', 'phone']));
    for (const error of errors) {
      expect(error).toEqual({
        message: 'You may not read Customer.phone.',
        locations: [locate(query, 'phone')],
        path: error.path,
        extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'phone' }),
      });
    }
  });

  it('[P3] the same field under two aliases in one request, and again in another request, each answers at its own place', async () => {
    const query = `{ a: customers(first: 2) { edges { node { phone } } } b: customers(first: 1) { edges { node { id tel: phone } } } }`;
    const first = await marketing.gql(query);
    const errors = (first.errors ?? []) as PathError[];
    // The two root fields resolve concurrently: the order of errors means nothing (GraphQL spec 7.1.2), their places do.
    const places = errors.map((e) => [e.path.join('.'), e.locations] as const).sort(([a], [b]) => a.localeCompare(b));
    expect(places).toEqual([
      ['a.edges.0.node.phone', [locate(query, 'phone')]],
      ['a.edges.1.node.phone', [locate(query, 'phone')]],
      ['b.edges.0.node.tel', [locate(query, 'tel: phone')]],
    ]);
    const again = `{ customers(first: 1) {
      edges { node { phone } } } }`;
    const second = await marketing.gql(again);
    expect(((second.errors ?? []) as PathError[]).map((e) => [e.path.join('.'), e.locations])).toEqual([
      ['customers.edges.0.node.phone', [locate(again, 'phone')]],
    ]);
  });
});

describe('denied fields whatever the shape of the query', () => {
  it('[P3] a fragment, @include and an alias each leave one FORBIDDEN per denied cell shown, none for a cell left out', async () => {
    const query = `query ($withPhone: Boolean!, $withTel: Boolean!) {
        customers(first: 3) { edges { node { ...Row tel: phone @include(if: $withTel) } } }
      }
      fragment Row on Customer { id phone @include(if: $withPhone) }`;
    const shown = await marketing.gql<{ customers: { edges: Array<{ node: Record<string, unknown> }> } }>(query, { withPhone: true, withTel: false });
    const rows = shown.data?.customers.edges ?? [];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.node.phone === null && !('tel' in r.node))).toBe(true);
    expect(((shown.errors ?? []) as PathError[]).map((e) => e.path.join('.'))).toEqual(rows.map((_, i) => `customers.edges.${i}.node.phone`));
    const other = await marketing.gql(query, { withPhone: false, withTel: true });
    expect(((other.errors ?? []) as PathError[]).map((e) => [e.path.join('.'), e.extensions.code])).toEqual(
      rows.map((_, i) => [`customers.edges.${i}.node.tel`, 'FORBIDDEN']),
    );
  });
});

describe('a fragment reached twice', () => {
  it('[P3] answers one FORBIDDEN per denied cell, located once, as graphql-js collects the fragment once', async () => {
    const query = `{ customers(first: 2) { edges { node { ...A ...B } } } }
      fragment A on Customer { ...Base }
      fragment B on Customer { ...Base }
      fragment Base on Customer { id phone }`;
    const result = await marketing.gql(query);
    const errors = (result.errors ?? []) as PathError[];
    expect(errors.map((e) => [e.path.join('.'), e.locations])).toEqual([
      ['customers.edges.0.node.phone', [locate(query, 'phone')]],
      ['customers.edges.1.node.phone', [locate(query, 'phone')]],
    ]);
  });
});

describe('a denied field asked again elsewhere in the document', () => {
  it('[P3] is located at every node that asks for it at that place, wherever else a fragment of it is spread', async () => {
    const query = `{ a: customers(first: 1) { edges { node { ...P } } } b: customers(first: 1) { edges { node { ...P phone } } } }
      fragment P on Customer { phone }`;
    const result = await marketing.gql(query);
    const places = ((result.errors ?? []) as PathError[]).map((e) => [e.path.join('.'), e.locations] as const).sort(([x], [y]) => x.localeCompare(y));
    const inFragment = locate(query, 'phone', 'fragment P');
    expect(places).toEqual([
      ['a.edges.0.node.phone', [inFragment]],
      ['b.edges.0.node.phone', [inFragment, locate(query, 'phone', '...P')]],
    ]);
  });

  it("[P3] names in each denied cell's error its own request's correlation id, with requests at once", async () => {
    const query = '{ customers(first: 2) { edges { node { id phone } } } }';
    // Requests at once, the same document: its located errors are shared, the ids must not be.
    const ids = ['request-one-0001', 'request-two-0002', 'request-three-0003', 'request-four-0004'];
    const results = await Promise.all(ids.map((id) => marketing.gql(query, undefined, { 'x-request-id': id })));
    results.forEach((result, i) => {
      const errors = (result.errors ?? []) as Array<PathError & { extensions: { correlationId?: string } }>;
      expect(errors.map((e) => [e.extensions.code, e.extensions.correlationId])).toEqual([
        ['FORBIDDEN', ids[i]],
        ['FORBIDDEN', ids[i]],
      ]);
    });
  });
});

describe('the guard over a schema', () => {
  it('[P12] refuses, at startup, a union that could answer a customer past its views', () => {
    const schema = buildSchema(`
      type Customer { id: ID phone: String }
      type Note { text: String }
      union Found = Customer | Note
      type Query { customer: Customer found: [Found] }
    `);
    expect(() => guardFields(schema)).toThrow(/Found may resolve to a type shown through views/);
  });

  it('[P12] shows a customer reached through any field of its type only as the request may read it', async () => {
    const schema = guardFields(
      buildSchema(`
        type Customer { id: ID phone: String firstName: String }
        type Holder { customers: [[Customer]] }
        type Query { holder: Holder }
      `),
    );
    const readLog = new ReadLog();
    const fieldMask = new FieldMask(defineAbilityFor({ id: 'u', roles: ['MARKETING'] }));
    const record = { id: 'c1', phone: '+358401234567', firstName: 'Aino' };
    const result = await execute({
      schema,
      document: parse('{ holder { customers { id phone firstName } } }'),
      rootValue: { holder: { customers: [[record], [null]] } },
      contextValue: { readLog, fieldMask },
    });
    expect(result.data).toEqual({ holder: { customers: [[{ id: 'c1', phone: null, firstName: 'Aino' }], [null]] } });
    expect(result.errors?.map((e) => [e.message, e.path, e.extensions.code])).toEqual([
      ['You may not read Customer.phone.', ['holder', 'customers', 0, 0, 'phone'], 'FORBIDDEN'],
    ]);
    // What was shown is what the consultation log names; the record itself is as it was.
    expect(readLog.toEvents({ id: 'u', username: 'u' }, null).map((e) => [e.customerIds, e.fields])).toEqual([[['c1'], ['firstName']]]);
    expect(record.phone).toBe('+358401234567');
  });

  it('[P1] [P4] shows an order, its lines and an invoice only to the roles that may read them, field by field', async () => {
    const schema = guardFields(
      buildSchema(`
        type OrderLine { sku: String grossCents: Int }
        type Invoice { invoiceNumber: String amountCents: Int }
        type Order { orderNumber: String grossCents: Int lines: [OrderLine] invoices: [Invoice] }
        type Query { orders: [Order] }
      `),
    );
    const order = {
      orderNumber: '500001',
      grossCents: 6904,
      lines: [{ sku: 'SKU-1', grossCents: 6904 }],
      invoices: [{ invoiceNumber: '700001', amountCents: 6904 }],
    };
    const run = (roles: Role[]) =>
      execute({
        schema,
        document: parse('{ orders { orderNumber grossCents lines { sku grossCents } invoices { invoiceNumber amountCents } } }'),
        rootValue: { orders: [order] },
        contextValue: {
          readLog: new ReadLog(),
          fieldMask: new FieldMask(defineAbilityFor({ id: 'u', roles, partnerId: roles.includes('PARTNER') ? 'p1' : null })),
        },
      });
    for (const role of ['SALES', 'SERVICE', 'PRIVACY_OFFICER', 'ADMIN'] as const) {
      const shown = await run([role]);
      expect(shown.errors, role).toBeUndefined();
      expect(shown.data, role).toEqual({ orders: [order] });
    }
    for (const role of ['MARKETING', 'PARTNER'] as const) {
      const denied = await run([role]);
      expect(denied.data, role).toEqual({ orders: [{ orderNumber: null, grossCents: null, lines: null, invoices: null }] });
      expect(
        denied.errors?.map((e) => [e.path?.join('.'), e.extensions.code]),
        role,
      ).toEqual([
        ['orders.0.orderNumber', 'FORBIDDEN'],
        ['orders.0.grossCents', 'FORBIDDEN'],
        ['orders.0.lines', 'FORBIDDEN'],
        ['orders.0.invoices', 'FORBIDDEN'],
      ]);
    }
  });

  it('[P12] a field tallied after the log was looked at is still logged, and a field logged by the read is not logged twice', () => {
    const readLog = new ReadLog();
    const tally = readLog.tally('c1');
    tally.bits |= ReadLog.bitOf('firstName');
    expect(readLog.size).toBe(1);
    tally.bits |= ReadLog.bitOf('email');
    readLog.cover(['c1'], ['firstName']);
    expect(readLog.toEvents({ id: 'u', username: 'u' }, null).map((e) => [e.customerIds, e.fields])).toEqual([[['c1'], ['email']]]);
  });
});
