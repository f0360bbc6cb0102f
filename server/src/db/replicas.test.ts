import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { TEST_PASSWORD } from '../test/harness';
import { type Database, openDatabase } from './database';
import { REPLICA_APPLICATION_NAME } from './replicas';
import { seedDemoData } from './seed/demo';
import { freePort } from '../test/ports';

/**
 * Read replicas (issue 17): a primary PostgreSQL cluster of this test's own and a hot standby streaming from it
 * (`pg_basebackup -R`), the app on both. List pages read from the replica, writes and the reads after them from
 * the primary, and the app keeps answering from the primary when the replica lags or stops.
 */
const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
const MAX_LAG_MS = 3000;
const METRICS_TOKEN = 'replica-metrics-token-0123456789';

/** A PostgreSQL binary as the postgres OS user (initdb and the server refuse root). */
const asPostgres = (bin: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args], { timeout: 60_000 });

interface Cluster {
  dir: string;
  port: number;
  url(database?: string): string;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[], database?: string): Promise<T[]>;
}

function cluster(dir: string, port: number): Cluster {
  return {
    dir,
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async sql<T>(text: string, params: unknown[] = [], database = 'postgres') {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${database}` });
      await client.connect();
      try {
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
  };
}

const serverOptions = (c: { dir: string; port: number }) =>
  `-p ${c.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${c.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
const start = (c: Cluster) => asPostgres('pg_ctl', ['-D', path.join(c.dir, 'data'), '-l', path.join(c.dir, 'log'), '-o', serverOptions(c), '-w', 'start']);

let root: string;
let primary: Cluster;
let replica: Cluster;
let database: Database | undefined;
let app: App | undefined;
let agent: ReturnType<typeof request.agent>;
/** The app's log lines (pino JSON), to find the replica's state changes in. */
const logLines: Array<Record<string, unknown>> = [];

/** The counter `rekisteri_replica_reads_total` for one target and reason, scraped from GET /metrics. */
const metricsText = async () => {
  const response = await request((app as App).app)
    .get('/metrics')
    .set('Authorization', `Bearer ${METRICS_TOKEN}`);
  expect(response.status).toBe(200);
  return response.text;
};
const sample = (text: string, name: string, labels: string[]) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
};
const reads = async (target: 'replica' | 'primary', reason: string) =>
  sample(await metricsText(), 'rekisteri_replica_reads_total', [`target="${target}"`, `reason="${reason}"`]);
const replicaLabel = () => `replica="127.0.0.1:${replica.port}"`;
/** The replica's state-change log lines: its host:port only, never a URL or login. */
const replicaLog = () =>
  logLines
    .filter((l) => l.replica !== undefined)
    .map((l) => {
      expect(JSON.stringify(l)).not.toMatch(/postgres:\/\/|rekisteri_app|password/);
      return { level: l.level, replica: l.replica, reason: l.reason, msg: l.msg };
    });

const gql = async (query: string, variables?: Record<string, unknown>) => {
  const response = await agent.post('/graphql').send({ query, variables });
  expect(response.status).toBeLessThan(500);
  return response.body as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
};
const LIST = `query ($search: String) { customers(first: 10, search: $search) { totalCount edges { node { id lastName } } } }`;
const listed = async (search: string) => {
  const result = await gql(LIST, { search });
  expect(result.errors).toBeUndefined();
  return (result.data.customers.edges as Array<{ node: { lastName: string } }>).map((e) => e.node.lastName);
};
const create = async (lastName: string) => {
  const result = await gql(`mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id lastName } }`, {
    input: { firstName: 'Replika', lastName, postalCode: '00100', city: 'Helsinki' },
  });
  expect(result.errors).toBeUndefined();
  return result.data.createCustomer.id as string;
};
/** The replica has replayed everything the primary has written so far. */
const caughtUp = async () => {
  const [{ lsn }] = await primary.sql<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
  await expect
    .poll(async () => (await replica.sql<{ ok: boolean }>(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn]))[0].ok, {
      timeout: 10_000,
      interval: 50,
    })
    .toBe(true);
};

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rekisteri-replicas-'));
  fs.chownSync(root, ...postgresIds());
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  primary = cluster(path.join(root, 'primary'), primaryPort);
  replica = cluster(path.join(root, 'replica'), replicaPort);
  for (const dir of [primary.dir, replica.dir]) {
    fs.mkdirSync(dir);
    fs.chownSync(dir, ...postgresIds());
  }
  // trust for local, host and replication connections; wal_level=replica and max_wal_senders=10 are the defaults.
  await asPostgres('initdb', ['-D', path.join(primary.dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync']);
  await start(primary);
  await primary.sql(`CREATE DATABASE rekisteri`);
  await asPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    path.join(replica.dir, 'data'),
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  await start(replica);

  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    SUPPRESSION_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_URL: primary.url('rekisteri'),
    DATABASE_REPLICA_URLS: `postgres://127.0.0.1:${replica.port}/rekisteri`,
    DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
    DATABASE_POOL_SIZE: '4',
    METRICS_TOKEN,
  });
  // The project's migrations on the primary (as its owner), then the application's role on both.
  database = await openDatabase(config);
  await seedDemoData(database.dataSource, { password: TEST_PASSWORD, confidentialityVersion: config.confidentialityVersion });
  app = await createApp(config, database, createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line)) }));
  agent = request.agent(app.app);
  const login = await gql(`mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { user { id } } }`, { u: 'sales', p: TEST_PASSWORD });
  expect(login.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await app?.stop().catch(() => {});
  await database?.close().catch(() => {});
  for (const c of [replica, primary]) {
    if (c) await asPostgres('pg_ctl', ['-D', path.join(c.dir, 'data'), '-m', 'immediate', 'stop']).catch(() => {});
  }
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

function postgresIds(): [number, number] {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres OS user: install PostgreSQL 15 (Debian postgresql-15)');
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}

describe('read replicas', () => {
  it('reads the list page from the replica, writes and the read after a write on the primary', async () => {
    // A fresh replayed transaction, so the replica's lag stays within bound for the next seconds while replay pauses.
    await primary.sql(`SELECT txid_current()`, [], 'rekisteri');
    await caughtUp();
    await replica.sql(`SELECT pg_wal_replay_pause()`);
    const id = await create('Tuoreinen');
    const replicaReads = await reads('replica', 'ok');
    // Read your write: the customer's page reads the primary.
    const page = await gql(`query ($id: UUID!) { customer(id: $id) { id lastName } }`, { id });
    expect(page.data?.customer).toEqual({ id, lastName: 'Tuoreinen' });
    // The list reads the replica, which has not replayed the new customer yet: the primary has it, the replica not.
    expect(await listed('Tuoreinen')).toEqual([]);
    expect(await primary.sql(`SELECT 1 FROM customers WHERE last_name = 'Tuoreinen'`, [], 'rekisteri')).toHaveLength(1);
    expect(await replica.sql(`SELECT 1 FROM customers WHERE last_name = 'Tuoreinen'`, [], 'rekisteri')).toHaveLength(0);
    const connections = await replica.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND usename = 'rekisteri_app'`,
      [REPLICA_APPLICATION_NAME],
    );
    expect(connections[0].n).toBeGreaterThan(0);
    // Counted as replica reads, with the replica's lag reading (within the bound) by host:port.
    const text = await metricsText();
    expect(sample(text, 'rekisteri_replica_reads_total', ['target="replica"', 'reason="ok"'])).toBeGreaterThan(replicaReads);
    expect(text).toContain(`rekisteri_replica_lag_seconds{${replicaLabel()}`);
    expect(sample(text, 'rekisteri_replica_lag_seconds', [replicaLabel()])).toBeLessThanOrEqual(MAX_LAG_MS / 1000);
    expect(replicaLog()).toEqual([]);
  });

  it('reads from the primary, fresh, while the replica lags more than DATABASE_REPLICA_MAX_LAG_MS', async () => {
    const lagging = await reads('primary', 'lagging');
    // Replay still paused: once the lag passes the bound, the list comes from the primary with the new customer.
    await expect.poll(() => listed('Tuoreinen'), { timeout: MAX_LAG_MS + 10_000, interval: 200 }).toEqual(['Tuoreinen']);
    // Counted as a fallback for lag, the lag reading past the bound, and one warning (not one per read).
    const text = await metricsText();
    expect(sample(text, 'rekisteri_replica_reads_total', ['target="primary"', 'reason="lagging"'])).toBeGreaterThan(lagging);
    expect(sample(text, 'rekisteri_replica_lag_seconds', [replicaLabel()])).toBeGreaterThan(MAX_LAG_MS / 1000);
    expect(await listed('Tuoreinen')).toEqual(['Tuoreinen']);
    const name = `127.0.0.1:${replica.port}`;
    expect(replicaLog()).toEqual([{ level: 40, replica: name, reason: 'lagging', msg: expect.any(String) }]);
    // Caught up again, the replica serves again (it has the customer now), and the log says so once.
    await replica.sql(`SELECT pg_wal_replay_resume()`);
    await caughtUp();
    const replicaReads = await reads('replica', 'ok');
    // Within a second the old reading (lagging) may still send a read to the primary.
    const listedFrom = async () => {
      expect(await listed('Tuoreinen')).toEqual(['Tuoreinen']);
      return reads('replica', 'ok');
    };
    await expect.poll(listedFrom, { timeout: 5000, interval: 200 }).toBeGreaterThan(replicaReads);
    expect(await listed('Tuoreinen')).toEqual(['Tuoreinen']);
    expect(replicaLog()).toEqual([
      { level: 40, replica: name, reason: 'lagging', msg: expect.any(String) },
      { level: 30, replica: name, reason: undefined, msg: expect.any(String) },
    ]);
  });

  it('keeps answering list pages and statistics from the primary when the replica stops', async () => {
    await asPostgres('pg_ctl', ['-D', path.join(replica.dir, 'data'), '-m', 'immediate', 'stop']);
    const unreachable = await reads('primary', 'unreachable');
    const id = await create('Pysähtynyt');
    expect(await listed('Pysähtynyt')).toEqual(['Pysähtynyt']);
    // The first read finds the replica gone (under the read, or at its lag reading); the next ones skip it.
    expect(await listed('Pysähtynyt')).toEqual(['Pysähtynyt']);
    expect(await reads('primary', 'unreachable')).toBeGreaterThan(unreachable);
    expect(replicaLog().at(-1)).toEqual({ level: 40, replica: `127.0.0.1:${replica.port}`, reason: 'unreachable', msg: expect.any(String) });
    const stats = await gql(`{ statistics { minimumGroupSize } }`);
    expect(stats.errors).toBeUndefined();
    const page = await gql(`query ($id: UUID!) { customer(id: $id) { lastName } }`, { id });
    expect(page.data?.customer).toEqual({ lastName: 'Pysähtynyt' });
  });
});
