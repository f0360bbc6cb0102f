import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createApp } from '../app';
import { parseConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { benchmarkTargetList } from './b4';
import { B5_ORDERS, benchmarkAccessPackage } from './b5';
import { BENCH_PASSWORD, BENCH_SUPPRESSION_SECRET, BENCH_USER } from './bench-user';

/**
 * `pnpm bench`: ratios measured in one run against the database `pnpm bench:seed` filled
 * (DATABASE_URL). Timings are never asserted; the figures are for the closing note and the README.
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 30;

const p50 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/** What every form of `query` starts with: the text or a config holding it, then (for text) the values. */
type QueryArgs = [textOrConfig?: string | { text?: string; values?: unknown[] }, values?: unknown[], ...rest: unknown[]];

/** Records the SQL statements issued while `work` runs. */
async function captureStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: Array<{ text: string; values: unknown[] }> }> {
  const statements: Array<{ text: string; values: unknown[] }> = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: QueryArgs) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : first?.text;
    const values = (typeof first === 'string' ? second : first?.values) ?? [];
    if (text) statements.push({ text, values });
    return Reflect.apply(original, this, args);
  } as typeof original;
  try {
    return { result: await work(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** Not the page's cost: the session lookup that authenticates it, and the job queue polling in the background. */
const isSessionLookup = (text: string) => /FROM sessions s JOIN users/.test(text) || /UPDATE sessions SET last_seen_at/.test(text) || /pgboss/.test(text);

async function main() {
  const config = parseConfig({
    SUPPRESSION_SECRET: BENCH_SUPPRESSION_SECRET,
    ...process.env,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
  });
  if (!config.databaseUrl) throw new Error('Set DATABASE_URL to the database filled by `pnpm bench:seed`.');
  const database = await openDatabase(config);
  const { app, stop, services } = await createApp(config, database, createLogger('silent'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const sql = new pg.Client({ connectionString: config.databaseUrl });
  await sql.connect();

  try {
    const login = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { roles } }`,
        variables: { u: BENCH_USER, p: BENCH_PASSWORD },
      }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`login as ${BENCH_USER} failed: ${await login.text()}. Run pnpm bench:seed first.`);
    const graphql = async <T = unknown>(query: string): Promise<T> => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { errors?: unknown[]; data: T };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    // B1: a 50-row name search through GraphQL, against the same SQL straight through node-postgres.
    const search = `{ customers(first: 50, search: "kinen") { edges { node { id customerNumber firstName lastName email city } } } }`;
    const { result, statements } = await captureStatements(() => graphql<{ customers: { edges: unknown[] } }>(search));
    const listQuery = statements.find((s) => /FROM customers c/.test(s.text) && /LIMIT/.test(s.text));
    if (!listQuery) throw new Error('could not find the list statement');
    const rows = result.customers.edges.length;
    const gqlTimes: number[] = [];
    const sqlTimes: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      let t = performance.now();
      await graphql(search);
      const g = performance.now() - t;
      t = performance.now();
      const r = await sql.query(listQuery.text, listQuery.values as unknown[]);
      JSON.stringify(r.rows);
      const s = performance.now() - t;
      if (i >= WARMUP) {
        gqlTimes.push(g);
        sqlTimes.push(s);
      }
    }
    const b1 = p50(gqlTimes) / p50(sqlTimes);

    // B6: statements for 100 customers with their latest 5 orders.
    const page = `{ customers(first: 100) { edges { node { id lastName orders(first: 5) { edges { node { orderNumber grossCents lines { sku quantity } } } } } } } }`;
    const b6 = await captureStatements(() => graphql<{ customers: { edges: Array<{ node: { orders: { edges: unknown[] } } }> } }>(page));
    const dataStatements = b6.statements.filter((s) => !isSessionLookup(s.text));
    const withOrders = b6.result.customers.edges.filter((e) => e.node.orders.edges.length > 0).length;

    // B4: a target list with every exclusion reason, against the same result by hand.
    const [{ id: benchUserId }] = (await sql.query(`SELECT id FROM users WHERE username = $1`, [BENCH_USER])).rows;
    const b4 = await benchmarkTargetList(sql, services.campaigns, benchUserId, config.timeZone);

    // B5: an access package for a customer with 10,000 orders.
    const b5 = await benchmarkAccessPackage(sql, url, config.confidentialityVersion);

    const [{ customers, orders }] = (await sql.query(`SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM orders)::int AS orders`))
      .rows;
    console.log(`Rekisteri benchmarks on ${customers.toLocaleString('en')} customers and ${orders.toLocaleString('en')} orders (${ITERATIONS} iterations)`);
    console.log(
      `B1 name search, ${rows} rows: GraphQL p50 ${p50(gqlTimes).toFixed(2)} ms, SQL p50 ${p50(sqlTimes).toFixed(2)} ms, ratio ${b1.toFixed(2)} (goal <= 1.5)`,
    );
    console.log(
      `B4 target list over every customer: app build ${(b4.appMs / 1000).toFixed(2)} s, hand-written INSERT ... SELECT ${(b4.handMs / 1000).toFixed(2)} s, ratio ${b4.ratio.toFixed(2)} (goal <= 1.5 and < 15 s); same counts: ${b4.same}; customers judged differently: ${b4.differing}`,
    );
    console.log(`   ${b4.included.toLocaleString('en')} included, ${b4.excluded.toLocaleString('en')} excluded: ${b4.reasons}`);
    console.log(
      `B5 access package, ${B5_ORDERS.toLocaleString('en')} orders: p50 ${(p50(b5.times) / 1000).toFixed(2)} s over ${b5.times.length} runs (goal < 2 s), ${(b5.bytes / 1e6).toFixed(1)} MB of JSON and HTML stored`,
    );
    console.log(
      `B6 100 customers (${withOrders} with orders) x latest 5 orders: ${dataStatements.length} SQL statements besides the session lookup (goal <= 3)`,
    );
  } finally {
    await sql.end();
    server.close();
    await stop();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
