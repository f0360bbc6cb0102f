import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { ManualClock } from '../clock';
import { createLogger } from '../logger';
import { buildUser } from '../test/factories';
import { codes, startTestServer, TEST_PASSWORD, type TestServer } from '../test/harness';
import request from 'supertest';

const CUSTOMERS = `{ customers(first: 1) { totalCount } }`;
const ME = `{ me { roles mustChangePassword confidentialityAccepted confidentialityVersion rules user { username displayName } } }`;

let server: TestServer;
/** The clock the throttling window is measured on: moved past the window instead of waiting for it. */
const clock = new ManualClock();
beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(() => server?.close());

describe('signing in', () => {
  it('[P12] sets an httpOnly, SameSite session cookie and tells who is signed in, with the packed rules', async () => {
    const client = server.client();
    const login = await client.login('sales');
    expect(login.errors).toBeUndefined();
    const cookie = client.cookies().find((c) => c.startsWith('rekisteri_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await client.gql(ME);
    expect(me.data.me).toMatchObject({ roles: ['SALES'], mustChangePassword: false, confidentialityAccepted: true });
    expect(me.data.me.user.username).toBe('sales');
    expect(Array.isArray(me.data.me.rules)).toBe(true);
  });

  it('[P12] answers a wrong password and an unknown user alike', async () => {
    const wrong = await server.client().login('service', 'not-the-password');
    const unknown = await server.client().login('nobody-here', 'not-the-password');
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('[P12] nobody reads customers without signing in', async () => {
    const result = await server.client().gql(CUSTOMERS);
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toBeNull();
  });

  it('[P12] gives a new session id at every login and the old one stops working', async () => {
    const client = await server.as('service');
    const first = client.cookies()[0].split(';')[0];
    await client.login('service');
    const second = client.cookies()[0].split(';')[0];
    expect(second).not.toBe(first);
    const replay = await request(server.app).post('/graphql').set('Cookie', first).send({ query: CUSTOMERS });
    expect(replay.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('[P12] logout ends the session', async () => {
    const client = await server.as('marketing');
    expect((await client.gql(CUSTOMERS)).errors).toBeUndefined();
    expect((await client.gql(`mutation { logout }`)).data.logout).toBe(true);
    expect((await client.gql(ME)).data.me).toBeNull();
    expect(codes(await client.gql(CUSTOMERS))).toEqual(['UNAUTHENTICATED']);
  });

  it('[P12] ends a session idle for 30 minutes', async () => {
    const client = await server.as('privacy');
    await server.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM users WHERE username = 'privacy')`);
    expect(codes(await client.gql(CUSTOMERS))).toEqual(['UNAUTHENTICATED']);
  });

  it('[P12] ends a session 12 hours after login however busy', async () => {
    const client = await server.as('admin');
    const [{ hours }] = await server.db.query(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM sessions ORDER BY created_at DESC LIMIT 1`,
    );
    expect(hours).toBe(12);
    await server.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'admin')`);
    expect(codes(await client.gql(CUSTOMERS))).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps Apollo CSRF prevention on: a simple form post is refused', async () => {
    const response = await request(server.app).post('/graphql').set('Content-Type', 'application/x-www-form-urlencoded').send('query={me{roles}}');
    expect(response.status).toBe(400);
  });
});

describe('login throttling', () => {
  it('[P12] after 5 failures in the window even the right password gets TOO_MANY_ATTEMPTS, until the window passes', async () => {
    const user = await buildUser(server.db, { roles: ['SALES'] });
    clock.set(new Date());
    for (let i = 0; i < 5; i++) expect(codes(await server.client().login(user.username, 'wrong'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await server.client().login(user.username, TEST_PASSWORD))).toEqual(['TOO_MANY_ATTEMPTS']);
    // Another username is not affected.
    expect((await server.client().login('sales')).errors).toBeUndefined();
    // Still refused just before the window ends...
    clock.set(new Date(Date.now() + server.config.loginThrottle.windowMs - 60_000));
    expect(codes(await server.client().login(user.username, TEST_PASSWORD))).toEqual(['TOO_MANY_ATTEMPTS']);
    // ...and let in once it has passed.
    clock.set(new Date(Date.now() + server.config.loginThrottle.windowMs + 1_000));
    expect((await server.client().login(user.username, TEST_PASSWORD)).errors).toBeUndefined();
  });

  it('[P12] counts failures across server processes: the count lives in the database', async () => {
    await server.db.query(`INSERT INTO users (username, display_name, password_hash, roles, must_change_password)
                           SELECT 'twoservers', 'Two Servers', password_hash, '{SALES}', false FROM users WHERE username = 'sales'`);
    clock.set(new Date()); // the other process reads the system clock
    const other = await createApp(server.config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, createLogger('silent'));
    const loginVia = (app: typeof server.app, password: string) =>
      request(app)
        .post('/graphql')
        .send({ query: `mutation { login(username: "twoservers", password: "${password}") { roles } }` })
        .then((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK');
    for (let i = 0; i < 5; i++) await loginVia(i % 2 ? server.app : other.app, 'wrong');
    expect(await loginVia(other.app, TEST_PASSWORD)).toBe('TOO_MANY_ATTEMPTS');
    expect(await loginVia(server.app, TEST_PASSWORD)).toBe('TOO_MANY_ATTEMPTS');
    await other.stop();
  });
});

describe('first login of a new user', () => {
  it('[P11][P12] must change the one-time password, then acknowledge confidentiality, before any register data', async () => {
    const admin = await server.as('admin');
    const created = await admin.gql(
      `mutation { createUser(input: { username: "uusi", displayName: "Uusi Käyttäjä", roles: [SERVICE] }) { initialPassword user { id } } }`,
    );
    expect(created.errors).toBeUndefined();
    const newcomer = server.client();
    expect((await newcomer.login('uusi', created.data.createUser.initialPassword)).errors).toBeUndefined();
    expect(codes(await newcomer.gql(CUSTOMERS))).toEqual(['PASSWORD_CHANGE_REQUIRED']);

    const short = await newcomer.gql(
      `mutation { changePassword(currentPassword: "${created.data.createUser.initialPassword}", newPassword: "short") { mustChangePassword } }`,
    );
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const changed = await newcomer.gql(
      `mutation ($c: String!) { changePassword(currentPassword: $c, newPassword: "a-long-new-secret-42") { mustChangePassword confidentialityAccepted } }`,
      { c: created.data.createUser.initialPassword },
    );
    expect(changed.data.changePassword).toEqual({ mustChangePassword: false, confidentialityAccepted: false });

    const blocked = await newcomer.gql(CUSTOMERS);
    expect(codes(blocked)).toEqual(['CONFIDENTIALITY_REQUIRED']);
    expect(blocked.data).toBeNull();
    expect(codes(await newcomer.gql(`query { customer(id: "00000000-0000-0000-0000-000000000000") { id } }`))).toEqual(['CONFIDENTIALITY_REQUIRED']);

    const wrongVersion = await newcomer.gql(`mutation { acceptConfidentiality(version: "1999-1") { confidentialityAccepted } }`);
    expect(wrongVersion.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'version' });
    const accepted = await newcomer.gql(`mutation ($v: String!) { acceptConfidentiality(version: $v) { confidentialityAccepted } }`, {
      v: server.config.confidentialityVersion,
    });
    expect(accepted.data.acceptConfidentiality.confidentialityAccepted).toBe(true);
    const allowed = await newcomer.gql(CUSTOMERS);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.customers.totalCount).toBeGreaterThan(0);
  });

  it('[P12] a new confidentiality version requires everyone to acknowledge again', async () => {
    const client = await server.as('sales');
    expect((await client.gql(CUSTOMERS)).errors).toBeUndefined();
    // As if the commitment had been revised after this user accepted it.
    await server.db.query(`UPDATE users SET confidentiality_accepted_version = '2025-01' WHERE username = 'sales'`);
    expect(codes(await client.gql(CUSTOMERS))).toEqual(['CONFIDENTIALITY_REQUIRED']);
    expect((await client.gql(ME)).data.me.confidentialityAccepted).toBe(false);
    await client.gql(`mutation ($v: String!) { acceptConfidentiality(version: $v) { confidentialityAccepted } }`, {
      v: server.config.confidentialityVersion,
    });
    expect((await client.gql(CUSTOMERS)).errors).toBeUndefined();
  });
});

describe('deactivation', () => {
  it("[P12] ends the user's sessions at once", async () => {
    const admin = await server.as('admin');
    const created = await admin.gql(
      `mutation { createUser(input: { username: "lahtija", displayName: "Lähtijä", roles: [SALES] }) { initialPassword user { id } } }`,
    );
    const leaver = server.client();
    await leaver.login('lahtija', created.data.createUser.initialPassword);
    expect((await leaver.gql(ME)).data.me.user.username).toBe('lahtija');
    const result = await admin.gql(`mutation ($id: UUID!) { deactivateUser(id: $id) { active } }`, { id: created.data.createUser.user.id });
    expect(result.data.deactivateUser.active).toBe(false);
    expect((await leaver.gql(ME)).data.me).toBeNull();
    expect(codes(await leaver.login('lahtija', created.data.createUser.initialPassword))).toEqual(['UNAUTHENTICATED']);
  });
});
