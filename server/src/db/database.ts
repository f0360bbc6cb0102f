import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { assertSchemaCurrent, migrateSchema } from './migrate';
import { attachReplicas } from './replicas';
import { appDatabaseUrl, asSessionSuperuser, assertAppRole, becomeAppRole } from './roles';
import { allowPreparedStatements, execute } from './sql';

export interface Database {
  /** The application's connection: the role `rekisteri_app` (db/roles.ts), never the owner. */
  dataSource: DataSource;
  kind: 'embedded' | 'server';
  /** The migrations this start ran (none when the schema was current or MIGRATE_ON_START=false). */
  migrated?: string[];
  /** Embedded only: the data directory as a tar file, to open a copy from (`loadDataDir`; tests). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/**
 * Opens the configured database and brings its schema up to date (migrations, never synchronize) as its
 * owner; the application then works as `rekisteri_app`, which may not rewrite the append-only ledgers.
 * Server: the owner (DATABASE_URL) migrates on a connection of its own, closed before the application's
 * pool (DATABASE_APP_URL) opens. Embedded: the one session migrates, then becomes the application's role.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseAppUrl' | 'dataDir' | 'poolSize' | 'timeZone'> &
    Partial<Pick<Config, 'replicaUrls' | 'replicaMaxLagMs' | 'preparedStatements'>> & { migrateOnStart?: boolean },
  opts: { inMemory?: boolean /** Embedded: start from this dumped data directory (tests). */; loadDataDir?: Blob } = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  const migrateOnStart = config.migrateOnStart ?? true;
  let migrated: string[] = [];
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.inMemory ? undefined : `${config.dataDir}/pgdata`, config.poolSize + 2, {
      loadDataDir: opts.loadDataDir,
    });
    url = embedded.url;
  }
  const dataSource = createDataSource(embedded ? url : appDatabaseUrl(url, config.databaseAppUrl), config.poolSize, config.timeZone);
  try {
    if (embedded) {
      await dataSource.initialize();
      // The embedded database is one session shared by every pooled connection, and ignores startup
      // options: set the calendar on that session once.
      await execute(dataSource, `SELECT set_config('TimeZone', $1, false)`, [config.timeZone]);
      if (migrateOnStart) migrated = await migrateSchema(dataSource, { lock: false });
      else await assertSchemaCurrent(dataSource);
      await becomeAppRole(dataSource);
    } else {
      if (migrateOnStart) {
        // Two connections: one holds the migration lock while the other migrates.
        const owner = createDataSource(url, 2, config.timeZone);
        await owner.initialize();
        try {
          migrated = await migrateSchema(owner, { lock: true });
        } finally {
          await owner.destroy();
        }
      }
      await dataSource.initialize();
      if (!migrateOnStart) await assertSchemaCurrent(dataSource);
      // Not embedded: PGlite is one session under every pooled connection, where one connection's
      // named statement would collide with another's.
      if (config.preparedStatements ?? true) allowPreparedStatements(dataSource);
    }
    await assertAppRole(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  // Read replicas: their pools connect on first use, so one that is down delays nothing (db/replicas.ts).
  const replicas =
    !embedded && config.databaseUrl && config.replicaUrls?.length
      ? attachReplicas(dataSource, {
          urls: config.replicaUrls,
          primaryUrl: config.databaseUrl,
          appUrl: config.databaseAppUrl,
          poolSize: config.poolSize,
          timeZone: config.timeZone,
          maxLagMs: config.replicaMaxLagMs ?? 5000,
          preparedStatements: config.preparedStatements ?? true,
        })
      : undefined;
  const superuser = embedded ? decodeURIComponent(new URL(embedded.url).username) : '';
  return {
    dataSource,
    kind: embedded ? 'embedded' : 'server',
    migrated,
    ...(embedded
      ? {
          async dumpDataDir() {
            // Everything on disk first, so a copy starts without replaying the WAL (CHECKPOINT is a superuser's).
            await asSessionSuperuser(dataSource, superuser, () => execute(dataSource, 'CHECKPOINT'));
            return embedded.dumpDataDir();
          },
        }
      : {}),
    async close() {
      await replicas?.close();
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
