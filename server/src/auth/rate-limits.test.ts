import 'reflect-metadata';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { ManualClock } from '../clock';
import { createLogger } from '../logger';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../test/harness';

/** The clock both processes' windows are measured on: moved past a window instead of waiting for it. */
const clock = new ManualClock();
let server: TestServer;
/** A second server process on the same database. */
let other: App;
beforeAll(async () => {
  clock.set(new Date());
  // Behind a proxy that names the client address (X-Forwarded-For), so each test plays its own client.
  server = await startTestServer({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ADDRESS: '3', PUBLIC_RATE_LIMIT: '6' }, { clock });
  other = await createApp(server.config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, createLogger('silent'), { clock });
});
afterAll(async () => {
  await other?.stop();
  await server?.close();
});

const apps = () => [server.app, other.app];

function login(app: App['app'], address: string, username: string, password: string) {
  return request(app)
    .post('/graphql')
    .set('X-Forwarded-For', address)
    .send({ query: `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { roles } }`, variables: { u: username, p: password } });
}
const codeOf = (response: request.Response) => response.body.errors?.[0]?.extensions?.code ?? 'OK';

describe('sign-in throttling per client address', () => {
  it('[P12] after 3 failures from one address, whatever the usernames and whichever process, even a right password waits for the window', async () => {
    const address = '203.0.113.10';
    for (const [i, username] of ['sales', 'service', 'nobody-at-all'].entries()) {
      expect(codeOf(await login(apps()[i % 2], address, username, 'wrong-password'))).toBe('UNAUTHENTICATED');
    }
    for (const app of apps()) expect(codeOf(await login(app, address, 'marketing', TEST_PASSWORD))).toBe('TOO_MANY_ATTEMPTS');
    // Another address signs the same user in.
    expect(codeOf(await login(other.app, '203.0.113.11', 'marketing', TEST_PASSWORD))).toBe('OK');
    clock.set(new Date(clock.now().getTime() + server.config.loginThrottle.windowMs + 1000));
    expect(codeOf(await login(server.app, address, 'marketing', TEST_PASSWORD))).toBe('OK');
  });

  it('[P12] successful sign-ins from one address (an office behind one router) do not count as failures', async () => {
    const address = '203.0.113.20';
    for (let i = 0; i < 5; i++) expect(codeOf(await login(apps()[i % 2], address, 'privacy', TEST_PASSWORD))).toBe('OK');
    clock.set(new Date(clock.now().getTime() + server.config.publicRateLimit.windowMs + 1000));
    for (let i = 0; i < 2; i++) expect(codeOf(await login(apps()[i % 2], address, 'privacy', 'wrong-password'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(server.app, address, 'privacy', TEST_PASSWORD))).toBe('OK');
  });
});

describe('unauthenticated requests per client address', () => {
  it('[P12] answer 429 after the limit, counted across server processes, until the window ends', async () => {
    const address = '198.51.100.7';
    const anonymous = (app: App['app'], from = address) => request(app).post('/graphql').set('X-Forwarded-For', from).send({ query: '{ me { roles } }' });
    for (let i = 0; i < 6; i++) expect((await anonymous(apps()[i % 2])).status, `request ${i + 1}`).toBe(200);
    for (const app of apps()) {
      const refused = await anonymous(app);
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Other public routes share the count; the health endpoints do not count.
      expect((await request(app).get('/documents/00000000-0000-0000-0000-000000000000').set('X-Forwarded-For', address)).status).toBe(429);
      expect((await request(app).get('/healthz').set('X-Forwarded-For', address)).status).toBe(200);
    }
    // Another address, and a signed-in user at this one, are served.
    expect((await anonymous(server.app, '198.51.100.8')).status).toBe(200);
    const signedIn = await login(server.app, '198.51.100.9', 'sales', TEST_PASSWORD);
    const cookie = ([] as string[]).concat(signedIn.headers['set-cookie']).map((c) => c.split(';')[0]);
    const me = await request(other.app).post('/graphql').set('X-Forwarded-For', address).set('Cookie', cookie).send({ query: '{ me { roles } }' });
    expect(me.status).toBe(200);
    expect(me.body.data.me.roles).toEqual(['SALES']);

    clock.set(new Date(clock.now().getTime() + server.config.publicRateLimit.windowMs + 1000));
    expect((await anonymous(other.app)).status).toBe(200);
  });
});
