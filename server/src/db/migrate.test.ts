import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { asDatabaseOwner, createServerDatabase, dropServerDatabase, serverDatabaseUrl, testServerUrl, uniqueDatabaseName } from '../test/database';
import { startTestServer, type TestServer } from '../test/harness';
import { openDatabase } from './database';
import { assertSchemaCurrent, SchemaMismatchError, schemaState } from './migrate';
import { many } from './sql';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const FUTURE = 'FromANewerBuild9999999999999';

describe('the schema a server serves on', () => {
  it('is exactly the one its build carries: nothing pending, nothing unknown', async () => {
    expect(await schemaState(server.db)).toEqual({ pending: [], unknown: [] });
    await expect(assertSchemaCurrent(server.db)).resolves.toBeUndefined();
  });

  it('is refused when a newer build has migrated the database, naming the migration it does not know', async () => {
    await asDatabaseOwner(server, (owner) => owner(`INSERT INTO migrations (timestamp, name) VALUES (9999999999999, $1)`, [FUTURE]));
    try {
      const refused = await assertSchemaCurrent(server.db).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SchemaMismatchError);
      expect((refused as SchemaMismatchError).unknown).toEqual([FUTURE]);
      expect((refused as Error).message).toMatch(/newer schema than this build/);
    } finally {
      await asDatabaseOwner(server, (owner) => owner(`DELETE FROM migrations WHERE name = $1`, [FUTURE]));
    }
  });

  it('is refused without MIGRATE_ON_START while a migration of the build is pending, saying to run pnpm migrate', async () => {
    const [last] = await many<{ name: string; timestamp: string }>(server.db, `SELECT name, timestamp::text FROM migrations ORDER BY timestamp DESC LIMIT 1`);
    await asDatabaseOwner(server, (owner) => owner(`DELETE FROM migrations WHERE name = $1`, [last.name]));
    try {
      const refused = await assertSchemaCurrent(server.db).catch((error: unknown) => error);
      expect((refused as SchemaMismatchError).pending).toEqual([last.name]);
      expect((refused as Error).message).toMatch(/run `pnpm migrate` first/);
    } finally {
      await asDatabaseOwner(server, (owner) => owner(`INSERT INTO migrations (timestamp, name) VALUES ($1, $2)`, [last.timestamp, last.name]));
    }
  });
});

const serverUrl = testServerUrl();
if (serverUrl) {
  describe('migrations on a PostgreSQL server', () => {
    const names: string[] = [];
    afterAll(async () => {
      for (const name of names) await dropServerDatabase(serverUrl, name);
    });
    const freshDatabase = async () => {
      const name = uniqueDatabaseName('rekisteri_migrate');
      names.push(name);
      await createServerDatabase(serverUrl, name);
      return serverDatabaseUrl(serverUrl, name);
    };

    it('run once when two processes start together on an empty database: the lock makes the second wait, then find nothing to do', async () => {
      const url = await freshDatabase();
      const config = parseConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATABASE_POOL_SIZE: '2' });
      const [a, b] = await Promise.all([openDatabase(config), openDatabase(config)]);
      try {
        const ran = [a.migrated ?? [], b.migrated ?? []].sort((x, y) => y.length - x.length);
        expect(ran[0].length).toBe(a.dataSource.migrations.length);
        expect(ran[1]).toEqual([]);
        const rows = await many<{ name: string; n: number }>(a.dataSource, `SELECT name, count(*)::int AS n FROM migrations GROUP BY name HAVING count(*) > 1`);
        expect(rows).toEqual([]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('are not run by a server started with MIGRATE_ON_START=false: it refuses an unmigrated database', async () => {
      const url = await freshDatabase();
      const config = parseConfig({ NODE_ENV: 'test', DATABASE_URL: url, MIGRATE_ON_START: 'false' });
      await expect(openDatabase(config)).rejects.toThrow(/run `pnpm migrate` first/);
    });
  });
} else {
  describe('migrations on the embedded database', () => {
    it('are not run by a server started with MIGRATE_ON_START=false: it refuses an unmigrated database', async () => {
      const config = parseConfig({ NODE_ENV: 'test', MIGRATE_ON_START: 'false' });
      await expect(openDatabase(config, { inMemory: true })).rejects.toThrow(/run `pnpm migrate` first/);
    });
  });
}
