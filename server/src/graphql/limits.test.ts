import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse, print, validate } from 'graphql';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestClient, type TestServer } from '../test/harness';
import { operationCost, QUERY_LIMITS, queryArmor } from './limits';
import { buildAppSchema } from './schema';

let server: TestServer;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as('admin');
});
afterAll(() => server?.close());

const ZERO = '00000000-0000-0000-0000-000000000000';

/** customer → orders → edges → node → customer → …: four levels a round. */
function nested(levels: number): string {
  let inner = 'id';
  let depth = 1;
  while (depth + 4 <= levels - 1) {
    inner = `orders { edges { node { customer { ${inner} } } } }`;
    depth += 4;
  }
  return `{ customer(id: "${ZERO}") { ${inner} } }`;
}

/** Every operation the web app sends, as codegen compiled it (fragments included). */
function webOperations(): DocumentNode[] {
  const source = fs.readFileSync(path.resolve(__dirname, '../../../web/src/gql/graphql.ts'), 'utf8');
  return [...source.matchAll(/^export const \w+Document = (\{.*\}) as unknown as /gm)].map((m) => JSON.parse(m[1]) as DocumentNode);
}

describe('query limits', () => {
  it('[P12] refuses a 31-level nested query before it runs, with QUERY_TOO_COMPLEX', async () => {
    const deep = await admin.gql(nested(31));
    expect(codes(deep)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(deep.errors![0].extensions).toMatchObject({ limit: 'depth' });
    expect(deep.data).toBeUndefined();
    // Within the limit the same shape runs (the customer does not exist).
    expect(codes(await admin.gql(nested(QUERY_LIMITS.maxDepth)))).toEqual(['NOT_FOUND']);
  });

  it('[P12] refuses 1,000 aliases of me, and 100 aliases of customers(first: 200)', async () => {
    const me = await admin.gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: me { roles }`).join(' ')} }`);
    expect(codes(me)).toContain('QUERY_TOO_COMPLEX');
    expect(me.data).toBeUndefined();
    const lists = await admin.gql(
      `{ ${Array.from({ length: 100 }, (_, i) => `c${i}: customers(first: 200) { edges { node { id firstName email } } }`).join(' ')} }`,
    );
    expect(codes(lists)).toContain('QUERY_TOO_COMPLEX');
    expect(lists.data).toBeUndefined();
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { roles }`).join(' ')} }`;
    const over = await admin.gql(aliases(QUERY_LIMITS.maxAliases + 1));
    expect(over.errors!.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' })]);
    expect((await admin.gql(aliases(QUERY_LIMITS.maxAliases))).errors).toBeUndefined();
  });

  it('[P12] multiplies list sizes into the cost, whether written in the query or passed as variables', async () => {
    const pages = `customers(first: $outer) { edges { node { orders(first: $inner) { edges { node { id orderNumber } } } } } }`;
    const query = `query ($outer: Int!, $inner: Int!) { ${pages} }`;
    const big = await admin.gql(query, { outer: 200, inner: 200 });
    expect(codes(big)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(big.errors![0].extensions).toMatchObject({ limit: 'cost' });
    expect(codes(await admin.gql(`{ customers(first: 200) { edges { node { orders(first: 200) { edges { node { id } } } } } } }`))).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
    // A page the web app would ask runs.
    const small = await admin.gql(query, { outer: 10, inner: 5 });
    expect(small.errors).toBeUndefined();
    expect(small.data.customers.edges.length).toBeGreaterThan(0);
  });

  it('[P12] refuses too many tokens and too many directives', async () => {
    const tokens = await admin.gql(`{ me { ${'roles '.repeat(QUERY_LIMITS.maxTokens)} } }`);
    expect(codes(tokens)).toEqual(['QUERY_TOO_COMPLEX']);
    const directives = await admin.gql(`{ me { roles ${'@include(if: true) '.repeat(QUERY_LIMITS.maxDirectives + 1)} } }`);
    expect(codes(directives)).toContain('QUERY_TOO_COMPLEX');
  });

  it('[P12] suggests no field names ("Did you mean …" would give the schema away)', async () => {
    for (const query of ['{ me { user { usernam } } }', '{ customerz(first: 1) { totalCount } }', '{ me { rols } }']) {
      const response = await request(server.app).post('/graphql').send({ query });
      expect(response.body.errors.length, query).toBeGreaterThan(0);
      expect(JSON.stringify(response.body), query).not.toMatch(/Did you mean|username|customers|roles/);
    }
  });

  it('lets every operation of the web app and the largest ones of the browser tests through', async () => {
    const schema = await buildAppSchema();
    const { validationRules } = queryArmor();
    const operations = webOperations();
    expect(operations.length).toBeGreaterThan(30);
    // The browser tests' own biggest query: 50 customers with 20 orders each.
    operations.push(parse('{ customers(first: 50) { edges { node { orders(first: 20) { edges { node { id archived } } } } } } }'));
    for (const document of operations) {
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (!operation) continue; // a fragment of its own
      const name = operation.name?.value ?? print(operation).slice(0, 60);
      const text = print(document);
      expect(() => parse(text, { maxTokens: QUERY_LIMITS.maxTokens }), name).not.toThrow();
      expect(
        validate(schema, parse(text), validationRules).map((e) => e.message),
        name,
      ).toEqual([]);
      // The largest page the web app asks is 50 rows; every optional column shown.
      const variables: Record<string, unknown> = {};
      for (const v of operation.variableDefinitions ?? []) {
        if (v.variable.name.value === 'first') variables.first = 50;
        else if (/^with[A-Z]/.test(v.variable.name.value)) variables[v.variable.name.value] = true;
      }
      expect(operationCost(schema, document, operation, variables), name).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
    }
  });
});
