import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from './app';
import type { Config } from './config';
import { createLogger } from './logger';
import { BUILD_QUEUE } from './modules/campaigns/campaigns.service';
import { startTestServer, TEST_PASSWORD, type TestServer } from './test/harness';
import { freePort } from './test/ports';

/**
 * Any number of stateless processes on one PostgreSQL (issue 17): two web processes and a worker share one database.
 * On a PostgreSQL server (the CI's second run) they are real processes of the built server (`dist/main.js`); on the
 * embedded database, which one process owns, they are three apps in this process on its one connection.
 */
interface Process {
  url: string;
  /** Its log so far, one JSON object per line. */
  log(): string;
  stop(): Promise<void>;
}

const MAIN = path.resolve(__dirname, '../dist/main.js');
const MAX_FAILURES = 3;

async function spawnProcess(server: TestServer, role: string, name: string): Promise<Process> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the server first (pnpm build)`);
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: server.config.databaseUrl,
      DATABASE_POOL_SIZE: '3',
      SUPPRESSION_SECRET: server.config.suppressionSecret ?? '',
      DEMO_DATA: 'false',
      COOKIE_SECURE: 'false',
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      ROLE: role,
      PROCESS_NAME: name,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const collect = (d: Buffer) => {
      output += d;
      if (/"msg":"[^"]*listening/.test(output)) resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then((code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function inProcess(server: TestServer, role: Config['role'], name: string): Promise<Process> {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  const config: Config = { ...server.config, role, processName: name, loginThrottle: { ...server.config.loginThrottle, maxFailures: MAX_FAILURES } };
  const app = await createApp(config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, logger);
  const listener = http.createServer(app.app);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}`,
    log: () => lines.join(''),
    async stop() {
      await new Promise((resolve) => listener.close(resolve));
      await app.stop();
    },
  };
}

/** A browser's view of one process: its cookie jar is the one session cookie. */
class Browser {
  cookie = '';
  async gql(at: Process, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${at.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    expect(response.status).toBeLessThan(500);
    return (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  }
  login(at: Process, username: string, password = TEST_PASSWORD) {
    return this.gql(at, `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { user { username } } }`, { u: username, p: password });
  }
}

const codes = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => (r.errors ?? []).map((e) => e.extensions?.code);

let server: TestServer;
let webA: Process;
let webB: Process;
let worker: Process;
beforeAll(async () => {
  server = await startTestServer();
  // Only the processes under test work the queue.
  await server.services.queue.stop();
  const start = server.config.databaseUrl ? spawnProcess : inProcess;
  [webA, webB, worker] = await Promise.all([start(server, 'web', 'web-a'), start(server, 'web', 'web-b'), start(server, 'worker', 'worker-1')]);
}, 120_000);
afterAll(async () => {
  await Promise.all([webA?.stop(), webB?.stop(), worker?.stop()]);
  await server?.close();
});

describe('two web processes and a worker on one database', () => {
  it('[P12] a session made on one process works on the other, and a sign-out on the other ends it on both', async () => {
    const browser = new Browser();
    expect((await browser.login(webA, 'service')).errors).toBeUndefined();
    const onB = await browser.gql(webB, '{ me { user { username } } }');
    expect(onB.data?.me?.user?.username).toBe('service');
    expect((await browser.gql(webB, 'mutation { logout }')).errors).toBeUndefined();
    const afterwards = await browser.gql(webA, '{ me { user { username } } }');
    expect(afterwards.data?.me ?? null).toBeNull();
  });

  it('[P12] throttles sign-in failures counted across both processes', async () => {
    const browser = new Browser();
    for (const at of [webA, webB, webA].slice(0, MAX_FAILURES)) {
      expect(codes(await browser.login(at, 'admin', 'wrong-password-1'))).not.toContain('TOO_MANY_ATTEMPTS');
    }
    // The right password on the other process: the failures of both count.
    expect(codes(await browser.login(webB, 'admin'))).toEqual(['TOO_MANY_ATTEMPTS']);
  });

  it('runs a target-list build queued on a web process on the worker, with the same progress on both web processes', async () => {
    const browser = new Browser();
    expect((await browser.login(webA, 'marketing')).errors).toBeUndefined();
    const created = await browser.gql(webA, `mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
      i: { name: 'Scale-out', purpose: 'DIRECT_MARKETING', channel: 'EMAIL', segment: {} },
    });
    expect(created.errors).toBeUndefined();
    const queued = await browser.gql(webA, `mutation ($c: UUID!) { buildTargetList(campaignId: $c) { id } }`, { c: created.data.createCampaign.id });
    expect(queued.errors).toBeUndefined();
    const id = queued.data.buildTargetList.id as string;
    const view = async (at: Process) =>
      (await browser.gql(at, `query ($id: UUID!) { targetList(id: $id) { status progress includedCount excludedCount } }`, { id })).data.targetList;
    await vi.waitFor(async () => expect((await view(webB)).status).toBe('BUILT'), { timeout: 60_000, interval: 100 });
    expect(await view(webA)).toEqual(await view(webB));
    expect((await view(webA)).progress).toBe(100);
    // The worker ran it, and said so; the web processes ran no job.
    const done = (log: string) => log.split('\n').filter((line) => line.includes('"msg":"job done"') && line.includes(`"queue":"${BUILD_QUEUE}"`));
    await vi.waitFor(() => expect(done(worker.log()).some((line) => line.includes('"process":"worker-1"'))).toBe(true), { timeout: 10_000, interval: 50 });
    expect([...done(webA.log()), ...done(webB.log())]).toEqual([]);
  });
});
