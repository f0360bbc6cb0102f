import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database';
import { APP_ROLE } from './db/roles';
import { freePort } from './test/ports';

/**
 * The built server as `pnpm start` runs it: a real process on an embedded PostgreSQL in a data
 * directory. (`pnpm test` builds first.)
 */
const MAIN = path.resolve(__dirname, '../dist/main.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rekisteri-main-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the port bound when the server logs that it listens; rejects if it exits first. */
  listening: Promise<number>;
}

function run(env: Record<string, string>): Running {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the server first (pnpm build)`);
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: dataDir, COOKIE_SECURE: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const collect = (d: Buffer) => {
      output += d;
      // main.ts logs this line from the HTTP server's listen callback: the port is bound by then.
      const line = output.split('\n').find((l) => /"msg":"[^"]*listening/.test(l));
      if (line) resolve(JSON.parse(line).port);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${output}`)));
  });
  listening.catch(() => {}); // a test that expects the process to exit never waits for this
  return { child, output: () => output, exited, listening };
}

/** Polls `condition` (the server's log, an endpoint) until it holds; fails if the process exits first. */
async function until(condition: () => boolean | Promise<boolean>, running: Running): Promise<void> {
  let exited = false;
  void running.exited.then(() => (exited = true));
  for (;;) {
    if (await condition()) return;
    if (exited) throw new Error(`server exited: ${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The server's port (it binds PORT=0, a port the system picks, so no other process can take it first) and its health. */
async function waitForHealth(running: Running): Promise<{ port: number; health: Response }> {
  const port = await running.listening;
  return { port, health: await fetch(`http://127.0.0.1:${port}/healthz`) };
}

const login = (port: number, username: string, password: string) =>
  fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { roles } }`,
      variables: { u: username, p: password },
    }),
  }).then((r) => r.json() as Promise<any>);

describe('the server process', () => {
  it('[P12] first start seeds demo users with a password printed once; a restart keeps the data and prints none', async () => {
    const first = run({ PORT: '0' });
    const { port, health } = await waitForHealth(first);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { state: 'up', kind: 'embedded' } });
    const password = /Password \(shown only now\): (\S+)/.exec(first.output())?.[1];
    expect(password).toBeTruthy();
    expect((await login(port, 'admin', password!)).data.login.roles).toEqual(['ADMIN']);
    // Logs are JSON lines.
    const logLine = first
      .output()
      .split('\n')
      .find((l) => l.includes('listening'))!;
    expect(JSON.parse(logLine)).toMatchObject({ level: 30, service: 'rekisteri' });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = run({ PORT: '0' });
    const again = await waitForHealth(second);
    expect(second.output()).not.toContain('shown only now');
    expect((await login(again.port, 'marketing', password!)).data.login.roles).toEqual(['MARKETING']);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('waits at start-up for a database that is not there yet, with backoff; /readyz answers 503 with a reason while it is down', async () => {
    const dbPort = await freePort();
    const running = run({
      PORT: '0',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${dbPort}/postgres`,
      // The embedded database's socket takes one connection at a time.
      DATABASE_POOL_SIZE: '1',
      SUPPRESSION_SECRET: 'main-test-suppression-secret-0123456789abcdef',
      DEMO_DATA: 'false',
    });
    const retries = () => running.output().match(/"retryInMs":\d+/g) ?? [];
    await until(() => retries().length >= 2, running);
    const [first, second] = retries().map((r) => Number(r.split(':')[1]));
    expect(second).toBeGreaterThan(first);
    expect(running.output()).toContain('database not reachable yet');

    // The database appears: start-up goes on and serves. An embedded PostgreSQL stands in for the server.
    // It has one session whose login is always the superuser, and the server refuses a connection that
    // could rewrite the ledgers; so it is made ready as an operator would make a server (migrated by the
    // owner), and its session then works as the application's role.
    const prepared = await openDatabase(
      { databaseUrl: undefined, databaseAppUrl: undefined, dataDir: '', poolSize: 1, timeZone: 'Europe/Helsinki' },
      { inMemory: true },
    );
    const dump = await prepared.dumpDataDir!();
    await prepared.close();
    const pglite = await PGlite.create('memory://', { extensions: { pgcrypto, pg_trgm }, loadDataDir: dump });
    await pglite.exec(`SET SESSION AUTHORIZATION ${APP_ROLE}`);
    const serve = async () => {
      const socket = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: dbPort, maxConnections: 4 });
      await socket.start();
      return socket;
    };
    let socket = await serve();
    try {
      const port = await running.listening;
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

      // It goes away: not ready, with the reason, while the process lives on.
      await socket.stop();
      const down = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: { state: 'down' } });

      // And comes back.
      socket = await serve();
      await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, running);
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    } finally {
      running.child.kill('SIGKILL');
      await socket.stop();
      await pglite.close();
    }
  }, 120_000);

  it('stops at start-up with a message naming a bad variable', async () => {
    const bad = run({ PORT: 'not-a-port' });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/PORT/);
  });

  it('hides stack traces and introspection in production', async () => {
    const running = run({ PORT: '0' });
    const { port } = await waitForHealth(running);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(response.errors[0].message).toMatch(/introspection/i);
    expect(JSON.stringify(response)).not.toContain('stacktrace');
    running.child.kill('SIGTERM');
    await running.exited;
  });
});
