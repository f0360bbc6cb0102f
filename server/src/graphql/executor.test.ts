import type { Request, Response } from 'express';
import { execute, type GraphQLSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../auth/actor';
import { loadSession } from '../auth/sessions';
import { createLogger } from '../logger';
import { startTestServer, type TestClient, type TestServer } from '../test/harness';
import { newRequestContext, type RequestContext } from './context';
import { compiledExecution, Lru } from './executor';
import { buildAppSchema } from './schema';

/**
 * Compiled execution (issue 13): a query run by graphql-jit answers exactly what graphql-js answers
 * on the same schema, every field guard included: the same data, the same FORBIDDEN at every denied
 * cell, the same consultation log. The server under test runs compiled; here both executors are run
 * side by side on one schema and one database.
 */
let server: TestServer;
let schema: GraphQLSchema;

beforeAll(async () => {
  server = await startTestServer();
  await server.db.query(
    `INSERT INTO customers (first_name, last_name, email, phone)
     SELECT 'Jit', 'Rivi' || g, 'jit' || g || '@example.fi', '+35840' || (2000000 + g) FROM generate_series(1, 4) g`,
  );
  schema = await buildAppSchema();
});

afterAll(async () => {
  await server?.close();
});

const newestAuditId = async () => ((await server.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_events`)) as Array<{ id: string }>)[0].id;

/** A request's context as the app builds it, for the user `client` signed in as. */
async function contextOf(client: TestClient): Promise<RequestContext> {
  const token = client
    .cookies()
    .map((c) => /^[\w-]*rekisteri_session=([^;]+)/.exec(c)?.[1])
    .find(Boolean) as string;
  const session = await loadSession(server.db.manager, token, server.config.session.idleMs);
  if (!session) throw new Error('no session');
  const req = { get: () => undefined } as unknown as Request;
  return newRequestContext({
    req,
    res: {} as Response,
    db: server.db,
    config: server.config,
    logger: createLogger('silent'),
    services: server.services,
    actor: actorOf(session.user, session.sessionId),
  });
}

async function bothWays(client: TestClient, query: string, variables?: Record<string, unknown>) {
  const execution = compiledExecution(schema);
  const { executor } = await execution.gateway.load({ apollo: { key: undefined, keyHash: undefined, graphRef: undefined } as never });
  const document = parse(query);
  const operation = document.definitions[0];
  const compiledContext = await contextOf(client);
  const before = await newestAuditId();
  const compiled = await executor?.({
    document,
    operation,
    context: compiledContext,
    queryHash: query,
    request: { query, variables },
  } as never);
  const between = await newestAuditId();
  const interpretedContext = await contextOf(client);
  const interpreted = await execute({ schema, document, contextValue: interpretedContext, variableValues: variables });
  const after = await newestAuditId();
  // What each run logged: the rows its reads wrote (a list page logs itself), then what the guard noted besides.
  const logged = (context: RequestContext, from: string, to: string) =>
    server.db
      .query(`SELECT customer_ids, fields FROM audit_events WHERE action = 'CUSTOMER_READ' AND id > $1 AND id <= $2 ORDER BY id`, [from, to])
      .then((rows: unknown[]) => [
        ...rows,
        ...context.readLog.toEvents({ id: 'x', username: 'x' }, null).map((e) => ({ customer_ids: e.customerIds, fields: e.fields })),
      ]);
  return {
    compiled: JSON.parse(JSON.stringify(compiled)),
    interpreted: JSON.parse(JSON.stringify(interpreted)),
    cached: execution.cached,
    reads: [await logged(compiledContext, before, between), await logged(interpretedContext, between, after)],
    /** What each run left for the response's log (the reads no statement logged). */
    leftover: [compiledContext.readLog.size, interpretedContext.readLog.size],
  };
}

describe('a compiled query', () => {
  it('[P3] answers a page as graphql-js does, with FORBIDDEN at every denied cell, and logs the same reads', async () => {
    const marketing = await server.as('marketing');
    const query = `{ customers(first: 10) { edges { node { id customerNumber firstName email phone city } } } }`;
    const { compiled, interpreted, cached, reads } = await bothWays(marketing, query);
    expect(cached).toBe(1);
    expect(compiled).toEqual(interpreted);
    const edges = compiled.data.customers.edges as Array<{ node: { phone: null } }>;
    expect(edges.length).toBeGreaterThan(3);
    expect(compiled.errors.map((e: { path: unknown[] }) => e.path)).toEqual(edges.map((_, i) => ['customers', 'edges', i, 'node', 'phone']));
    expect(compiled.errors.every((e: { extensions: { code: string } }) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    expect(reads[0]).toEqual(reads[1]);
    // One row for the page: every customer shown, the fields marketing may read, never the phone.
    expect(reads[0]).toEqual([{ customer_ids: expect.arrayContaining([expect.any(String)]), fields: ['city', 'email', 'firstName'] }]);
    expect((reads[0][0] as { customer_ids: string[] }).customer_ids).toHaveLength(edges.length);
  });

  it('[P12] logs a page whose columns @include picks (as the web app asks) in the statement that reads it, naming only the fields shown', async () => {
    const sales = await server.as('sales');
    const query = `query ($withEmail: Boolean!, $withCity: Boolean!) {
      customers(first: 10) { edges { node { id firstName email @include(if: $withEmail) city @include(if: $withCity) } } } }`;
    const { compiled, interpreted, reads, leftover } = await bothWays(sales, query, { withEmail: true, withCity: false });
    expect(compiled).toEqual(interpreted);
    const edges = compiled.data.customers.edges as Array<{ node: Record<string, unknown> }>;
    expect(Object.keys(edges[0].node).sort()).toEqual(['email', 'firstName', 'id']);
    expect(reads[0]).toEqual(reads[1]);
    expect(reads[0]).toEqual([{ customer_ids: expect.arrayContaining([expect.any(String)]), fields: ['email', 'firstName'] }]);
    expect((reads[0][0] as { customer_ids: string[] }).customer_ids).toHaveLength(edges.length);
    // Written by the read itself: nothing is left for a second statement as the response goes out.
    expect(leftover).toEqual([0, 0]);
  });

  it('answers as graphql-js with variables, aliases and a fragment, for a role that sees everything', async () => {
    const sales = await server.as('sales');
    const query = `query Page($n: Int!, $s: String) { a: customers(first: $n, search: $s) { edges { node { ...Row } } } b: customers(first: 1) { edges { node { tel: phone } } } }
      fragment Row on Customer { id lastName phone }`;
    const { compiled, interpreted } = await bothWays(sales, query, { n: 3, s: 'Rivi' });
    expect(compiled).toEqual(interpreted);
    expect(compiled.errors).toBeUndefined();
    expect(compiled.data.a.edges).toHaveLength(3);
  });

  it('[P3] runs a document of several operations through graphql-js: a condition in one never hides a field of another', async () => {
    const marketing = await server.as('marketing');
    const query = `query A($p: Boolean!) { customers(first: 3) { edges { node { ...Row @include(if: $p) } } } }
      query B { customers(first: 3) { edges { node { ...Row } } } }
      fragment Row on Customer { id phone }`;
    const document = parse(query);
    const execution = compiledExecution(schema);
    const { executor } = await execution.gateway.load({ apollo: { key: undefined, keyHash: undefined, graphRef: undefined } as never });
    const run = async (operationName: string, variables: Record<string, unknown>) =>
      executor?.({
        document,
        operation: document.definitions.find((d) => d.kind === 'OperationDefinition' && d.name?.value === operationName),
        context: await contextOf(marketing),
        queryHash: query,
        request: { query, variables, operationName },
      } as never);
    await run('A', { p: false });
    const b = JSON.parse(JSON.stringify(await run('B', {})));
    const expected = JSON.parse(JSON.stringify(await execute({ schema, document, contextValue: await contextOf(marketing), operationName: 'B' })));
    expect(b).toEqual(expected);
    const edges = b.data.customers.edges as Array<{ node: { id: string | null; phone: null } }>;
    expect(edges).toHaveLength(3);
    expect(edges.every((e) => e.node.id && e.node.phone === null)).toBe(true);
    expect(b.errors.map((e: { path: unknown[] }) => e.path)).toEqual(edges.map((_, i) => ['customers', 'edges', i, 'node', 'phone']));
    expect(execution.cached).toBe(0);
  });

  it('answers an error of the arguments as graphql-js does (the field and its code)', async () => {
    const sales = await server.as('sales');
    const { compiled, interpreted } = await bothWays(sales, `{ customers(first: 100000) { edges { node { id } } } }`);
    expect(compiled).toEqual(interpreted);
    expect(compiled.errors).toHaveLength(1);
  });

  it('leaves variables that do not coerce to graphql-js, whose messages the API answers', async () => {
    const sales = await server.as('sales');
    const { compiled, interpreted } = await bothWays(sales, `query ($n: Int!) { customers(first: $n) { edges { node { id } } } }`, { n: 'many' });
    expect(compiled).toEqual(interpreted);
    expect(compiled.data).toBeUndefined();
  });

  it('through the API: a plugin may still rewrite an error (an unknown field is answered without suggestions)', async () => {
    const sales = await server.as('sales');
    const result = await sales.gql(`{ customers(first: 1) { edges { node { id } } } }`);
    expect(result.errors).toBeUndefined();
    const marketing = await server.as('marketing');
    const denied = await marketing.gql(`{ customers(first: 2) { edges { node { id phone } } } }`);
    expect(denied.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('the cache of compiled queries', () => {
  it('keeps at most its bound, dropping the least recently used', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });
});
