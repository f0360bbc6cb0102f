import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { asSessionSuperuser } from '../db/roles';

/** The demo users' password in every test database. */
export const TEST_PASSWORD = 'test-password-1';

/**
 * The database that the server project's global setup (`global-setup.ts`) migrates and seeds once
 * per run, and each test file copies: on the TEST_DATABASE_URL server, a database copied with
 * CREATE DATABASE ... TEMPLATE; embedded, a PGlite data directory as a tar file, which each file's
 * in-memory PGlite starts from.
 */
export type TestTemplate =
  | { kind: 'server'; database: string; confidentialityVersion: string }
  | { kind: 'embedded'; dumpFile: string; confidentialityVersion: string };

export interface TestDatabase {
  /** A database on the TEST_DATABASE_URL server; undefined: an embedded one. */
  url: string | undefined;
  /** Embedded: the data directory the in-memory PGlite starts from; undefined: an empty one. */
  loadDataDir?: Blob;
  /** A copy of the template: migrated and seeded already. */
  seeded: boolean;
  drop(): Promise<void>;
}

/** The server the tests make their databases on; unset or empty: embedded. */
export const testServerUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

export function serverDatabaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database name that no other test file or run picks. */
export const uniqueDatabaseName = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

async function onServer(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const createServerDatabase = (server: string, database: string, template?: string) =>
  onServer(server, `CREATE DATABASE ${database}${template ? ` TEMPLATE ${template}` : ''}`);

export const dropServerDatabase = (server: string, database: string) => onServer(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);

/** A template is copied only while nobody is connected to it; after this, nobody can connect. */
export const freezeServerTemplate = (server: string, database: string) => onServer(server, `ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);

/**
 * Each test file gets a database of its own: an in-memory embedded PostgreSQL by default, or a new
 * database on the server named by TEST_DATABASE_URL, dropped afterwards. Given the run's template,
 * it starts as a copy of it; without one, empty (the harness migrates and seeds it).
 */
export async function createTestDatabase(template?: TestTemplate): Promise<TestDatabase> {
  const server = testServerUrl();
  if (!server) {
    if (template?.kind !== 'embedded') return { url: undefined, seeded: false, drop: async () => {} };
    return { url: undefined, loadDataDir: new Blob([fs.readFileSync(template.dumpFile)]), seeded: true, drop: async () => {} };
  }
  const database = uniqueDatabaseName('rekisteri_test');
  const copyOf = template?.kind === 'server' ? template.database : undefined;
  await createServerDatabase(server, database, copyOf);
  return { url: serverDatabaseUrl(server, database), seeded: copyOf !== undefined, drop: () => dropServerDatabase(server, database) };
}

/** A statement run as the database's owner: what `asDatabaseOwner` hands its work. */
export type OwnerQuery = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * For a test that must do what the application may not (DDL on a ledger, say): `work` runs as the
 * owner of the test file's database. `server.db` is the application's own connection (role
 * rekisteri_app), so every other test meets the same grants the server does. Server: a connection of
 * its own as DATABASE_URL. Embedded: the one session as the superuser it logged in as, then back.
 */
export async function asDatabaseOwner<T>(server: { db: DataSource; config: { databaseUrl?: string } }, work: (owner: OwnerQuery) => Promise<T>): Promise<T> {
  if (!server.config.databaseUrl) {
    return asSessionSuperuser(server.db, 'postgres', () => work((sql, params) => server.db.query(sql, params)));
  }
  const client = new Client({ connectionString: server.config.databaseUrl });
  await client.connect();
  try {
    return await work(async (sql, params) => (await client.query(sql, params)).rows);
  } finally {
    await client.end();
  }
}
