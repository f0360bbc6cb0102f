import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, dropServerDatabase, serverDatabaseUrl, testServerUrl, uniqueDatabaseName } from './test/database';
import { freePort } from './test/ports';

/**
 * The built server as `pnpm start` runs it (`pnpm test` builds first), on the embedded database,
 * or on a database of its own on the TEST_DATABASE_URL server when one is given.
 */
const MAIN = path.resolve(__dirname, '../dist/main.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rekisteri-shutdown-'));
const PASSWORD = 'shutdown-demo-password';
let dropDatabase: () => Promise<void> = async () => {};
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase();
});

async function databaseEnv(): Promise<Record<string, string>> {
  const server = testServerUrl();
  if (!server) return {};
  const name = uniqueDatabaseName('rekisteri_shutdown');
  await createServerDatabase(server, name);
  dropDatabase = () => dropServerDatabase(server, name);
  return { DATABASE_URL: serverDatabaseUrl(server, name), SUPPRESSION_SECRET: 'shutdown-test-suppression-secret-0123456789' };
}

interface LoginAnswer {
  data?: { login?: { roles: string[] } };
  error?: string;
}

describe('stopping the server', () => {
  it('on SIGTERM finishes all 30 requests in flight with 200, then exits 0', async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the server first (pnpm build)`);
    // Below the kernel's ephemeral range (32768 and up), where no client connection of a test running meanwhile takes it.
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        COOKIE_SECURE: 'false',
        DEMO_PASSWORD: PASSWORD,
        PORT: String(port),
        HOST: '127.0.0.1',
        // 30 sign-ins at once from one address would otherwise meet its throttle (failures plus attempts in flight).
        LOGIN_MAX_FAILURES_PER_ADDRESS: '100',
        ...(await databaseEnv()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const collect = (d: Buffer) => {
        output += d;
        if (/"msg":"[^"]*listening/.test(output)) resolve();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${output}`)));
    });

    // Slow-ish: each sign-in verifies an argon2id hash and writes the audit trail.
    let settled = 0;
    const requests = Array.from({ length: 30 }, () =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation ($p: String!) { login(username: "admin", password: $p) { roles } }`, variables: { p: PASSWORD } }),
      })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as LoginAnswer }))
        .catch((error: Error): { status: number; body: LoginAnswer } => ({ status: 0, body: { error: String(error.cause ?? error) } }))
        .finally(() => settled++),
    );
    await Promise.race(requests);
    const settledAtSignal = settled;
    child.kill('SIGTERM');
    const results = await Promise.all(requests);

    expect(settledAtSignal, 'requests still in flight at SIGTERM').toBeLessThan(30);
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    for (const r of results) expect(r.body.data?.login?.roles).toEqual(['ADMIN']);
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    // Once draining, nobody new is let in.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 180_000);
});
