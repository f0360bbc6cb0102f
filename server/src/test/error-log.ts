import pino from 'pino';
import request from 'supertest';
import { createApp } from '../app';
import type { GraphQLResponse, TestServer } from './harness';

export type Post = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

/**
 * Runs `work` against a second app on the test server's database whose error log the test can read
 * (the harness logs nothing), signed in as `username`. Answers the error lines logged meanwhile.
 */
export async function withErrorLog(server: TestServer, username: string, work: (post: Post) => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(JSON.parse(line)) });
  const other = await createApp(server.config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, logger);
  const cookie = (await server.as(username))
    .cookies()
    .map((c) => c.split(';')[0])
    .join('; ');
  try {
    await work(async (query, variables) => (await request(other.app).post('/graphql').set('Cookie', cookie).send({ query, variables })).body);
  } finally {
    await other.stop();
  }
  return errors;
}

/** Each query answers exactly one BAD_USER_INPUT, and nothing is logged as a server error. */
export async function expectBadInputWithoutErrors(
  server: TestServer,
  username: string,
  cases: Array<[string, Record<string, unknown>?]>,
  expect: (actual: unknown, message: string) => { toEqual(expected: unknown): void },
): Promise<void> {
  const errors = await withErrorLog(server, username, async (post) => {
    for (const [query, variables] of cases) {
      const body = await post(query, variables);
      expect(
        (body.errors ?? []).map((e) => e.extensions?.code),
        query,
      ).toEqual(['BAD_USER_INPUT']);
    }
  });
  expect(errors, 'error log').toEqual([]);
}
