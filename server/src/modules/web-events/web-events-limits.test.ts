import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../app';
import { createLogger } from '../../logger';
import { startTestServer, type TestServer } from '../../test/harness';

const SITE = 'https://www.example.fi';
const LIMIT = 4;
let server: TestServer;
let second: App;
beforeAll(async () => {
  server = await startTestServer({ COLLECT_ALLOWED_ORIGINS: SITE, COLLECT_RATE_LIMIT: String(LIMIT), COLLECT_RATE_WINDOW_SECONDS: '3600' });
  // A second server process on the same database (on the embedded one, a second app on its one connection).
  second = await createApp(server.config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, createLogger('silent'));
});
afterAll(async () => {
  await second?.stop();
  await server?.close();
});

const consent = (app: App['app'], visitorId: string) =>
  request(app)
    .post('/collect/consent')
    .set('Origin', SITE)
    .set('Content-Type', 'text/plain')
    .send(JSON.stringify({ visitorId, categories: ['ANALYTICS'], noticeVersion: '1' }));

describe('the site intake’s limits (P13)', () => {
  it('[P13] a second server process sees the same rate limits', async () => {
    // Counted per client address in PostgreSQL: the hits on one process count on the other.
    const first = server.app;
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await consent(i % 2 === 0 ? first : second.app, randomBytes(16).toString('hex'))).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    const over = randomBytes(16).toString('hex');
    for (const app of [second.app, first]) {
      const refused = await consent(app, over);
      expect(refused.status).toBe(429);
      expect(refused.body.error).toBe('TOO_MANY_REQUESTS');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Refused over the limit: nothing stored.
    expect(await server.db.query(`SELECT 1 FROM web_consents WHERE visitor_id = $1`, [over])).toEqual([]);
    const [{ hits }] = await server.db.query(`SELECT hits FROM rate_limits WHERE key LIKE 'collect:%'`);
    expect(hits).toBe(LIMIT + 2);
  });
});
