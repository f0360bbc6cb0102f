import fs from 'node:fs';
import { beforeAll, inject } from 'vitest';
import { SERVER_EXITED } from '../global-setup';

const TIMEOUT_MS = 120_000;

/**
 * Before a browser test file: the server that the global setup started is healthy. It boots while
 * the other projects' tests run, so usually it is by the time the first browser test starts.
 */
beforeAll(async () => {
  const baseUrl = inject('baseUrl');
  const log = () => fs.readFileSync(inject('serverLog'), 'utf8').slice(-20_000);
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (log().includes(SERVER_EXITED)) throw new Error(`e2e: the server exited:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`e2e: the server did not become healthy in ${TIMEOUT_MS / 1000} s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, TIMEOUT_MS + 10_000);
