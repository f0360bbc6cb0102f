import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, DEMO_PASSWORD } from './support/constants';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = path.join(root, 'server');
const serverMain = path.join(serverDir, 'dist', 'main.js');
const webDist = path.join(root, 'web', 'dist');

/** In CI the browser tests must run: anything missing is an error, never a skip. */
function requireFile(file: string, hint: string): void {
  if (!fs.existsSync(file)) throw new Error(`e2e: ${file} is missing. ${hint}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`e2e: the server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`e2e: the server did not become healthy in ${timeoutMs / 1000} s:\n${log()}`);
}

export default async function setup(project: TestProject) {
  requireFile(serverMain, 'Build the server first: pnpm build (or pnpm --filter @rekisteri/server build).');
  requireFile(path.join(webDist, 'index.html'), 'Build the web app first: pnpm build (or pnpm --filter @rekisteri/web build).');
  requireFile(CHROMIUM_PATH, 'Install Chromium (Debian: apt-get install chromium); the tests never download a browser.');

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rekisteri-e2e-'));
  const port = await freePort();
  let output = '';
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
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL; // always a fresh embedded database, whatever the integration tests use
  const child = spawn(process.execPath, [serverMain], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  return stop;
}
