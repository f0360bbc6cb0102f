import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('/healthz', () => {
  it('answers 200 with the state of the database', async () => {
    const response = await request(server.app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { state: 'up' } });
    expect(['embedded', 'server']).toContain(response.body.database.kind);
  });
});
