import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from './test/factories';
import { startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from './test/harness';

/** A built web app of one page and one script, as Vite leaves it in web/dist. */
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'rekisteri-web-'));
fs.mkdirSync(path.join(webDist, 'assets'));
fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head></html>');
fs.writeFileSync(path.join(webDist, 'assets', 'index.js'), 'console.log(1);');

let server: TestServer;
let secure: TestServer;
beforeAll(async () => {
  server = await startTestServer({ WEB_DIST: webDist });
  secure = await startTestServer({ COOKIE_SECURE: 'true' });
});
afterAll(async () => {
  await server?.close();
  await secure?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

const cookieOf = (client: TestClient) =>
  client
    .cookies()
    .map((c) => c.split(';')[0])
    .join('; ');

function expectSecurityHeaders(response: request.Response, where: string) {
  const csp = String(response.headers['content-security-policy'] ?? '');
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("script-src 'self'");
  expect(csp, where).toContain("style-src 'self'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).not.toContain('unsafe-inline');
  expect(response.headers['x-content-type-options'], where).toBe('nosniff');
  expect(response.headers['referrer-policy'], where).toBe('same-origin');
  expect(response.headers['x-frame-options'], where).toBe('DENY');
  expect(response.headers['x-powered-by'], where).toBeUndefined();
}

describe('security headers', () => {
  it('[P12] are on the API, the web app, a document download and an error response', async () => {
    expectSecurityHeaders(await request(server.app).post('/graphql').send({ query: '{ me { roles } }' }), 'graphql');
    const page = await request(server.app).get('/customers/some-page');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/assets/index.js');
    expectSecurityHeaders(page, 'web app');
    expectSecurityHeaders(await request(server.app).get('/assets/index.js'), 'script');

    const service = await server.as('service');
    const privacy = await server.as('privacy');
    const customer = await buildCustomer(server.db);
    const created = await service.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: { requesterName: 'Eero Esimerkki', receivedVia: 'LETTER', language: 'EN', signed: true, type: 'ACCESS', customerId: customer.id },
    });
    const id = created.data.createPrivacyRequest.id;
    await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT, note: "Passi" }) { status } }`, { id });
    const pkg = await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { htmlDocument { id } } }`, { id });
    const download = await request(server.app).get(`/documents/${pkg.data.fulfilAccessRequest.htmlDocument.id}`).set('Cookie', cookieOf(privacy));
    expect(download.status).toBe(200);
    expectSecurityHeaders(download, 'document');

    const refused = await request(server.app).get(`/documents/${pkg.data.fulfilAccessRequest.htmlDocument.id}`);
    expect(refused.status).toBe(401);
    expectSecurityHeaders(refused, 'error');
    const malformed = await request(server.app).post('/graphql').set('Content-Type', 'application/json').send('{"query": ');
    expect(malformed.status).toBe(400);
    expectSecurityHeaders(malformed, 'malformed JSON');
  });

  it('[P12] over HTTP no HSTS; with secure cookies HSTS and upgrade-insecure-requests', async () => {
    const plain = await request(server.app).post('/graphql').send({ query: '{ me { roles } }' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const response = await request(secure.app).post('/graphql').send({ query: '{ me { roles } }' });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d{7,}; includeSubDomains/);
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('the session cookie', () => {
  it('[P12] is __Host- prefixed when secure: Secure, Path=/, no Domain; it signs in and out', async () => {
    const login = await request(secure.app)
      .post('/graphql')
      .send({ query: `mutation { login(username: "sales", password: "${TEST_PASSWORD}") { roles } }` });
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-rekisteri_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/Domain=/i);
    const pair = cookie!.split(';')[0];
    const me = await request(secure.app).post('/graphql').set('Cookie', pair).send({ query: '{ me { user { username } } }' });
    expect(me.body.data.me.user.username).toBe('sales');
    // The unprefixed name means nothing on a secure server.
    const unprefixed = await request(secure.app).post('/graphql').set('Cookie', pair.replace('__Host-', '')).send({ query: '{ me { user { username } } }' });
    expect(unprefixed.body.data.me).toBeNull();
    const logout = await request(secure.app).post('/graphql').set('Cookie', pair).send({ query: 'mutation { logout }' });
    expect(String(logout.headers['set-cookie'])).toMatch(/^__Host-rekisteri_session=;/);
    expect((await request(secure.app).post('/graphql').set('Cookie', pair).send({ query: '{ me { roles } }' })).body.data.me).toBeNull();
  });
});
