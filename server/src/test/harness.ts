import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../app';
import type { Clock } from '../clock';
import { parseConfig, type Config } from '../config';
import { type Database, openDatabase } from '../db/database';
import { seedDemoData } from '../db/seed/demo';
import type { Services } from '../services';
import { createLogger } from '../logger';
import { inject } from 'vitest';
import { createTestDatabase, TEST_PASSWORD, type TestTemplate } from './database';

export { TEST_PASSWORD };

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** A browser-like client: keeps its session cookie between requests. */
export interface TestClient {
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  login(username: string, password?: string): Promise<GraphQLResponse>;
  cookies(): string[];
}

export interface TestServer {
  app: Express;
  db: DataSource;
  /** The opened database itself (its kind; embedded: a dump of its data directory). */
  database: Database;
  config: Config;
  services: Services;
  client(): TestClient;
  /** A client signed in as a demo user (admin, sales, service, marketing, privacy, partner). */
  as(username: string): Promise<TestClient>;
  close(): Promise<void>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's migrated and seeded database (server/src/test/global-setup.ts). */
    testTemplate?: TestTemplate;
  }
}

/**
 * A test file's database starts as a copy of the run's template when the template is what this
 * server would have seeded (same confidentiality version); otherwise it is migrated and seeded here.
 */
function templateFor(confidentialityVersion: string): TestTemplate | undefined {
  const template = inject('testTemplate');
  return template?.confidentialityVersion === confidentialityVersion ? template : undefined;
}

export async function startTestServer(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const baseEnv = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', SUPPRESSION_SECRET: randomBytes(32).toString('base64url') };
  const database = await createTestDatabase(templateFor(parseConfig({ ...baseEnv, ...env }).confidentialityVersion));
  const config = parseConfig({ ...baseEnv, ...(database.url ? { DATABASE_URL: database.url } : {}), ...env });
  const opened = await openDatabase(config, { inMemory: true, loadDataDir: database.loadDataDir });
  if (!database.seeded) {
    await seedDemoData(opened.dataSource, { password: TEST_PASSWORD, confidentialityVersion: config.confidentialityVersion });
  }
  const { app, stop, services } = await createApp(config, opened, createLogger('silent'), { clock: options.clock });

  const client = (): TestClient => {
    const agent = request.agent(app);
    let lastCookies: string[] = [];
    const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const response = await agent.post('/graphql').set(headers).send({ query, variables });
      const setCookie = response.headers['set-cookie'];
      if (setCookie) lastCookies = Array.isArray(setCookie) ? setCookie : [setCookie];
      if (response.status >= 500) throw new Error(`HTTP ${response.status}: ${response.text}`);
      return response.body as GraphQLResponse;
    };
    return {
      gql,
      login: (username, password = TEST_PASSWORD) =>
        gql(`mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { user { id username } } }`, {
          u: username,
          p: password,
        }),
      cookies: () => lastCookies,
    };
  };

  return {
    app,
    db: opened.dataSource,
    database: opened,
    config,
    services,
    client,
    async as(username) {
      const c = client();
      const result = await c.login(username);
      if (result.errors) throw new Error(`login as ${username} failed: ${JSON.stringify(result.errors)}`);
      return c;
    },
    async close() {
      await stop();
      await opened.close();
      await database.drop();
    },
  };
}

/** The error codes of a response, in order. */
export const codes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);
