import 'reflect-metadata';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { createLogger } from '../logger';
import { startTestServer, type TestServer } from '../test/harness';
import { correlation } from './correlation';

const TOKEN = 'metrics-token-0123456789';

let server: TestServer;
let logged: App;
const lines: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: TOKEN });
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  logged = await createApp({ ...server.config, metricsToken: undefined }, { dataSource: server.db, kind: 'embedded', close: async () => {} }, logger);
});
afterAll(async () => {
  await logged?.stop();
  await server?.close();
});

const scrape = () => request(server.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);

describe('metrics', () => {
  it('are served only with the metrics token', async () => {
    expect((await request(server.app).get('/metrics')).status).toBe(401);
    expect((await request(server.app).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('have no route at all without a configured token', async () => {
    const response = await request(logged.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(response.text).not.toContain('rekisteri_graphql_request_duration_seconds');
  });

  it('count requests by operation name, errors by code, refused sign-ins, the pool, the queue and request deadlines', async () => {
    const client = server.client();
    await client.gql('query WhoAmI { me { user { username } } }');
    expect((await client.login('service', 'not-the-password-1')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.gql('query Customers { customers(first: 1) { edges { node { id } } } }');
    const text = (await scrape()).text;
    expect(text).toMatch(/rekisteri_graphql_request_duration_seconds_count\{[^}]*operation="WhoAmI"[^}]*type="query"[^}]*\} 1/);
    expect(text).toMatch(/rekisteri_graphql_errors_total\{[^}]*code="UNAUTHENTICATED"[^}]*\} [1-9]/);
    expect(text).toMatch(/rekisteri_login_failures_total\{[^}]*outcome="failed"[^}]*\} 1/);
    expect(text).toMatch(/rekisteri_db_pool_connections\{[^}]*state="total"/);
    expect(text).toMatch(/rekisteri_privacy_requests_due\{[^}]*when="due_7d"/);
    expect(text).toContain('# TYPE rekisteri_job_queue_depth gauge');
    expect(text).toContain(`process="${server.config.processName}"`);
  });

  it('keep operation names from growing the series: a malformed name is counted as anonymous', async () => {
    await request(server.app).post('/graphql').send({ query: '{ me { user { username } } }' });
    const text = (await scrape()).text;
    expect(text).toMatch(/rekisteri_graphql_request_duration_seconds_count\{[^}]*operation="anonymous"/);
  });
});

describe('correlation ids', () => {
  it('are answered in a header, taken from a well-formed X-Request-Id and replaced when malformed', async () => {
    const fresh = await request(logged.app).get('/healthz');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await request(logged.app).get('/healthz').set('X-Request-Id', 'proxy-req-12345678');
    expect(given.headers['x-request-id']).toBe('proxy-req-12345678');
    const malformed = await request(logged.app).get('/healthz').set('X-Request-Id', 'bad id <script>');
    expect(malformed.headers['x-request-id']).not.toBe('bad id <script>');
  });

  it('are in every error of a response and in the request log line', async () => {
    const response = await request(logged.app).post('/graphql').send({ query: '{ customers(first: 1) { edges { node { id } } } }' });
    const id = response.headers['x-request-id'];
    expect(response.body.errors.length).toBeGreaterThan(0);
    for (const error of response.body.errors) expect(error.extensions.correlationId).toBe(id);
    const line = lines.find((l) => l.msg === 'request' && l.correlationId === id);
    expect(line).toMatchObject({ method: 'POST', path: '/graphql', status: 200 });
    const malformedJson = await request(logged.app).post('/graphql').set('content-type', 'application/json').send('{"query":');
    expect(malformedJson.status).toBe(400);
    expect(malformedJson.body).toEqual({ error: 'BAD_REQUEST', correlationId: malformedJson.headers['x-request-id'] });
  });

  it('mark every line logged while a request is served', () => {
    const seen: Array<Record<string, unknown>> = [];
    const logger = createLogger('info', { write: (line: string) => void seen.push(JSON.parse(line)) });
    correlation.run('request-abc-123', () => logger.info('inside'));
    logger.info('outside');
    expect(seen.map((l) => [l.msg, l.correlationId])).toEqual([
      ['inside', 'request-abc-123'],
      ['outside', undefined],
    ]);
  });
});
