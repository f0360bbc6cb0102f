import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../app';
import type { Clock } from '../clock';
import { parseConfig, type Config } from '../config';
import { openDatabase } from '../db/database';
import { seedDemoData } from '../db/seed/demo';
import type { Services } from '../services';
import { createLogger } from '../logger';
import { createTestDatabaseUrl } from './database';

export const TEST_PASSWORD = 'test-password-1';

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
  config: Config;
  services: Services;
  client(): TestClient;
  /** A client signed in as a demo user (admin, sales, service, marketing, privacy, partner). */
  as(username: string): Promise<TestClient>;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const database = await createTestDatabaseUrl();
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    SUPPRESSION_SECRET: randomBytes(32).toString('base64url'),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const opened = await openDatabase(config, { inMemory: true });
  await seedDemoData(opened.dataSource, { password: TEST_PASSWORD, confidentialityVersion: config.confidentialityVersion });
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
