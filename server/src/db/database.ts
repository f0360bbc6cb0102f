import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { execute } from './sql';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

export interface Database {
  dataSource: DataSource;
  kind: 'embedded' | 'server';
  /** Embedded only: the data directory as a tar file, to open a copy from (`loadDataDir`; tests). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/** Opens the configured database and brings its schema up to date (migrations, never synchronize). */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize' | 'timeZone'>,
  opts: { inMemory?: boolean /** Embedded: start from this dumped data directory (tests). */; loadDataDir?: Blob } = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.inMemory ? undefined : `${config.dataDir}/pgdata`, config.poolSize + 2, {
      loadDataDir: opts.loadDataDir,
    });
    url = embedded.url;
  }
  const dataSource = createDataSource(url, config.poolSize, config.timeZone);
  try {
    await dataSource.initialize();
    // The embedded database is one session shared by every pooled connection, and ignores startup
    // options: set the calendar on that session once.
    if (embedded) await execute(dataSource, `SELECT set_config('TimeZone', $1, false)`, [config.timeZone]);
    await dataSource.runMigrations();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    kind: embedded ? 'embedded' : 'server',
    ...(embedded ? { dumpDataDir: embedded.dumpDataDir } : {}),
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
