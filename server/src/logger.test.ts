import 'reflect-metadata';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { createLogger, type Logger } from './logger';
import { startTestServer, TEST_PASSWORD, type TestServer } from './test/harness';

/** The server's log as the lines it wrote. */
function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

const EMAIL = 'planted.person@example.com';
const PHONE = '+358401234567';
const PASSWORD = 'planted-Secret-42';
const COOKIE_TOKEN = 'planted-session-token-value';
const PLANTED = [EMAIL, 'planted.person', PHONE, '401234567', PASSWORD, COOKIE_TOKEN];

let server: TestServer;
let other: App;
let log: ReturnType<typeof capturedLogger>;
beforeAll(async () => {
  server = await startTestServer();
  log = capturedLogger();
  other = await createApp(server.config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, log.logger);
});
afterAll(async () => {
  await other?.stop();
  await server?.close();
});

describe('the server log', () => {
  it('[P12] never holds SQL parameters, passwords, cookies, e-mail addresses or phone numbers, even after errors', async () => {
    const sales = (await server.as('sales'))
      .cookies()
      .map((c) => c.split(';')[0])
      .join('; ');
    const post = (body: object, cookie = sales) => request(other.app).post('/graphql').set('Cookie', `${cookie}; other=${COOKIE_TOKEN}`).send(body);

    // A text field with a NUL byte once reached the database and failed there with the row's values.
    await post({
      query: `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
      variables: { input: { firstName: 'Nul\u0000Byte', lastName: 'Person', email: EMAIL, phone: PHONE } },
    });
    // A sign-in that fails inside the database, with a password and a cookie beside it.
    await post({
      query: `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { roles } }`,
      variables: { u: `nul\u0000${EMAIL}`, p: PASSWORD },
    });
    await post({ query: `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { roles } }`, variables: { u: 'sales', p: PASSWORD } });
    // An unexpected database error as any module would log it: the statement's parameter is an e-mail address.
    const failure = await server.db.query('SELECT $1::int AS n', [EMAIL]).catch((error: unknown) => error);
    log.logger.error({ err: failure, req: { headers: { cookie: `rekisteri_session=${COOKIE_TOKEN}` } }, password: PASSWORD, phone: PHONE }, 'statement failed');
    expect(TEST_PASSWORD).not.toBe(PASSWORD);

    const errors = log.lines.filter((l) => JSON.parse(l).level >= 50);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const line of log.lines) for (const planted of PLANTED) expect(line, line).not.toContain(planted);
    // What helps to find the fault is still there: the SQLSTATE and the statement without its values.
    const statement = JSON.parse(errors.find((l) => l.includes('statement failed'))!);
    expect(statement.err).toMatchObject({ code: '22P02', query: 'SELECT $1::int AS n' });
    expect(statement.err.message).toContain('invalid input syntax for type integer');
  });
});
