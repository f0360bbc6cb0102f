import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BENCH_MARKETING_USER, BENCH_PASSWORD, BENCH_SUPPRESSION_SECRET, BENCH_USER } from './bench-user';

/** `baseline`: another build of Rekisteri (BENCH_BASELINE_DIST), loaded with the same requests, to measure a change side by side. */
export type TargetName = 'raw' | 'postgraphile' | 'rekisteri' | 'baseline';

/** A server under load: its process (whose CPU is read), its port, and the application_name of its connections. */
export interface Target {
  name: TargetName;
  process: ChildProcess;
  pid: number;
  base: string;
  applicationName: string;
  log: string;
}

/** One request of a scenario, as autocannon sends it. */
export interface Load {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** The same database, the connections named so their backends can be told apart in pg_stat_activity. */
export function withApplicationName(databaseUrl: string, applicationName: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

async function waitUntil(target: Target, ready: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (target.process.exitCode !== null) break;
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const tail = fs.existsSync(target.log) ? fs.readFileSync(target.log, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`${target.name} did not become ready (log ${target.log}):\n${tail}`);
}

interface StartOptions {
  name: TargetName;
  command: string;
  args: string[];
  env: Record<string, string>;
  databaseUrl: string;
  logDir: string;
  ready: (base: string) => Promise<boolean>;
  startSeconds: number;
}

export async function startTarget(options: StartOptions): Promise<Target> {
  const port = await freePort();
  const applicationName = `bench-${options.name}`;
  const log = path.join(options.logDir, `${options.name}.log`);
  const out = fs.openSync(log, 'w');
  const child = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env, PORT: String(port), DATABASE_URL: withApplicationName(options.databaseUrl, applicationName) },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (!child.pid) throw new Error(`${options.name} did not start`);
  const target: Target = { name: options.name, process: child, pid: child.pid, base: `http://127.0.0.1:${port}`, applicationName, log };
  try {
    await waitUntil(target, () => options.ready(target.base), options.startSeconds);
  } catch (error) {
    await stopTarget(target);
    throw error;
  }
  return target;
}

export async function stopTarget(target: Target): Promise<void> {
  if (target.process.exitCode !== null || target.process.signalCode !== null) return;
  const exited = new Promise((resolve) => target.process.once('exit', resolve));
  target.process.kill('SIGTERM');
  const timer = setTimeout(() => target.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const postJson = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Rekisteri's server as production runs it: `node dist/main.js`, NODE_ENV=production, on the bench database. */
export function startRekisteri(serverDist: string, databaseUrl: string, logDir: string, name: 'rekisteri' | 'baseline' = 'rekisteri'): Promise<Target> {
  return startTarget({
    name,
    command: process.execPath,
    args: [path.join(serverDist, 'main.js')],
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      SUPPRESSION_SECRET: process.env.SUPPRESSION_SECRET ?? BENCH_SUPPRESSION_SECRET,
    },
    databaseUrl,
    logDir,
    ready: async (base) => (await fetch(`${base}/healthz`)).ok,
    startSeconds: 120,
  });
}

export function startRaw(serverDist: string, databaseUrl: string, logDir: string): Promise<Target> {
  return startTarget({
    name: 'raw',
    command: process.execPath,
    args: [path.join(serverDist, 'bench', 'raw-server.js')],
    env: { NODE_ENV: 'production' },
    databaseUrl,
    logDir,
    ready: async (base) => (await fetch(`${base}/b2`)).ok,
    startSeconds: 30,
  });
}

export function startPostGraphile(node22: string, postgraphileDir: string, script: string, databaseUrl: string, logDir: string): Promise<Target> {
  return startTarget({
    name: 'postgraphile',
    command: node22,
    args: [script],
    env: { NODE_ENV: 'production', PG5_DIR: postgraphileDir },
    databaseUrl,
    logDir,
    ready: async (base) => (await postJson(base, { query: '{ __typename }' })).ok,
    startSeconds: 180,
  });
}

/** Signs in to Rekisteri and answers the session cookie to send. */
export async function signIn(target: Target, username: string): Promise<string> {
  const response = await postJson(target.base, {
    query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { roles } }',
    variables: { u: username, p: BENCH_PASSWORD },
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${username} failed: ${await response.text()}`);
  return cookie;
}

export { BENCH_MARKETING_USER, BENCH_USER };

/** Sends a load once and answers its status and body, to check what the server answers before it is loaded. */
export async function sendOnce(target: Target, load: Load): Promise<{ status: number; body: string }> {
  const response = await fetch(`${target.base}${load.path}`, { method: load.method, headers: load.headers, body: load.body });
  return { status: response.status, body: await response.text() };
}
