import 'reflect-metadata';
import express from 'express';
import request from 'supertest';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { migrations } from './db/migrations';
import { healthRoutes } from './health';
import { createLogger } from './logger';
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
    // A process built with a migration that this database has not run yet.
    class Later9999999999999 implements MigrationInterface {
      name = 'Later9999999999999';
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    }
    const newer = new DataSource({
      ...server.db.options,
      poolSize: 1,
      extra: { max: 1 },
      migrations: [...migrations, Later9999999999999],
    } as DataSourceOptions);
    await newer.initialize();
    try {
      const app = express().use(
        healthRoutes({ db: newer, kind: 'server', queue: server.services.queue, logger: createLogger('silent'), draining: () => false }),
      );
      const response = await request(app).get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'unavailable', reason: 'migrations pending' });
    } finally {
      await newer.destroy();
    }
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
