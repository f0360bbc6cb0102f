import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Traces (issue 17): the built server, started with an OTLP endpoint, exports spans of the HTTP request, the GraphQL
 * operation and its SQL to it; never the values of a request.
 */
const MAIN = path.resolve(__dirname, '../../dist/main.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rekisteri-tracing-'));
const received: string[] = [];
let collector: http.Server;
let child: ReturnType<typeof spawn> | undefined;
let output = '';

const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the server first (pnpm build)`);
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.url === '/v1/traces') received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const collectorPort = await listen(collector);
  const probe = http.createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      COOKIE_SECURE: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const collect = (d: Buffer) => {
      output += d;
      if (/"msg":"[^"]*listening/.test(output)) resolve();
    };
    child?.stdout?.on('data', collect);
    child?.stderr?.on('data', collect);
    child?.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  baseUrl = `http://127.0.0.1:${port}`;
}, 120_000);
let baseUrl = '';
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await new Promise((resolve) => collector?.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Span {
  name: string;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
}
const spans = (): Span[] =>
  received.flatMap((body) =>
    (JSON.parse(body).resourceSpans ?? []).flatMap((r: { scopeSpans?: Array<{ spans?: Span[] }> }) => (r.scopeSpans ?? []).flatMap((s) => s.spans ?? [])),
  );

describe('traces', () => {
  it('are exported by OTLP when configured: the HTTP request, the GraphQL operation and its SQL, without the values sent', async () => {
    expect(output).toContain('"tracing":true');
    const secret = 'tracing-secret-password-1';
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { user { id } } }',
        variables: { u: 'nobody', p: secret },
      }),
    });
    expect(response.status).toBe(200);
    await vi.waitFor(
      () => {
        const names = spans().map((s) => s.name);
        expect(names.some((n) => /^POST\b/.test(n))).toBe(true);
        expect(names.some((n) => n.includes('graphql') || n.includes('SignIn'))).toBe(true);
        expect(names.some((n) => /^pg\.|^(SELECT|INSERT|UPDATE)\b/i.test(n))).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(received.join('')).not.toContain(secret);
  }, 60_000);
});
