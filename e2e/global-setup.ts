import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, DEMO_PASSWORD } from './support/constants';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's output; a last line `SERVER_EXITED <code>` when it stops before the teardown. */
    serverLog: string;
    /** P13: the origin of a stand-in for the company's own web site, which the server lets send web events. */
    siteOrigin: string;
  }
}

/** The line the log ends with when the server process has exited. */
export const SERVER_EXITED = 'SERVER_EXITED';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = path.join(root, 'server');
const serverMain = path.join(serverDir, 'dist', 'main.js');
const webDist = path.join(root, 'web', 'dist');

/** In CI the browser tests must run: anything missing is an error, never a skip. */
function requireFile(file: string, hint: string): void {
  if (!fs.existsSync(file)) throw new Error(`e2e: ${file} is missing. ${hint}`);
}

/** Whether nothing listens on the port now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A port for the server, which binds it only after its database is ready. Taken below the kernel's
 * ephemeral range, so no client connection of the tests running meanwhile is given it first.
 */
async function freePort(): Promise<number> {
  let low = 32768;
  try {
    low = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || low;
  } catch {
    // not Linux: the usual range
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * Math.max(1, low - 20000));
    if (await isFree(port)) return port;
  }
  throw new Error('e2e: found no free port for the server');
}

/**
 * With TEST_DATABASE_URL (the CI run on a PostgreSQL server), the browser tests run against that server too: a fresh
 * database on it, migrated by the server as its owner and served through the application role, dropped afterwards.
 * Without it, the server takes a fresh embedded database.
 */
async function serverDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> } | null> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return null;
  const name = `rekisteri_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), SUPPRESSION_SECRET: randomBytes(32).toString('hex') },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export default async function setup(project: TestProject) {
  requireFile(serverMain, 'Build the server first: pnpm build (or pnpm --filter @rekisteri/server build).');
  requireFile(path.join(webDist, 'index.html'), 'Build the web app first: pnpm build (or pnpm --filter @rekisteri/web build).');
  requireFile(CHROMIUM_PATH, 'Install Chromium (Debian: apt-get install chromium); the tests never download a browser.');

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rekisteri-e2e-'));
  const port = await freePort();
  const siteOrigin = `http://localhost:${await freePort()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    DEMO_PASSWORD,
    COOKIE_SECURE: 'false',
    WEB_DIST: webDist,
    // A fixed compliance report (one promise proven, one failing, one not proven), not the build's own.
    COMPLIANCE_REPORT: path.join(root, 'e2e', 'support', 'compliance-report.json'),
    LOG_LEVEL: 'warn',
    COLLECT_ALLOWED_ORIGINS: siteOrigin,
    // Every browser test signs in from 127.0.0.1, and each fresh profile fetches the app's files without a session:
    // one address making a whole suite's sign-ins in a few minutes would meet the public limit (300 a minute) and
    // fail at a random sign-in. The limit itself is proven by the server's tests (rate-limits.test.ts).
    PUBLIC_RATE_LIMIT: '100000',
  };
  delete env.DATABASE_URL; // a fresh database: embedded, or one made on the test server below
  delete env.DATABASE_APP_URL;
  const database = await serverDatabase();
  if (database) Object.assign(env, database.env);
  // The server starts (an embedded PostgreSQL, migrations, demo data) while the other projects'
  // tests run; each browser test file waits until it is healthy (support/server-ready.ts).
  const serverLog = path.join(dataDir, 'server.log');
  const log = fs.openSync(serverLog, 'a');
  const child = spawn(process.execPath, [serverMain], { cwd: serverDir, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) fs.appendFileSync(serverLog, `\n${SERVER_EXITED} ${code ?? signal}\n`);
  });

  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('serverLog', serverLog);
  project.provide('siteOrigin', siteOrigin);
  return async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
}
