import 'reflect-metadata';
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

describe('/readyz', () => {
  it('answers 200 when the database is reachable, every migration applied and the job queue running', async () => {
    const response = await request(server.app).get('/readyz');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/json/);
    expect(response.body).toEqual({ status: 'ready' });
  });

  it('answers 503 with the reason while a migration is pending', async () => {
    const [last] = await server.db.query(`SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
    await server.db.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    try {
      const response = await request(server.app).get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'unavailable', reason: 'migrations pending' });
    } finally {
      await server.db.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    }
    expect((await request(server.app).get('/readyz')).status).toBe(200);
  });

  it('answers 503 with the reason while the job queue is stopped', async () => {
    await server.services.queue.stop();
    try {
      const response = await request(server.app).get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'unavailable', reason: 'job queue stopped' });
      // The process itself lives.
      expect((await request(server.app).get('/healthz')).status).toBe(200);
    } finally {
      await server.services.queue.start();
    }
    expect((await request(server.app).get('/readyz')).status).toBe(200);
  });
});
