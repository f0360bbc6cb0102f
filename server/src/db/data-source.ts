import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from './migrations';

// A SQL `date` is a calendar day, not an instant: read it as 'YYYY-MM-DD' text. Turned into a JS Date it
// becomes local midnight, and a server east of UTC would move every retention date a day back.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * `timeZone` is the company's calendar (`TIME_ZONE`): every session runs on it, so `now()::date`
 * and date arithmetic in SQL mean the same day as the documents and deadlines do.
 */
export function createDataSource(
  url: string,
  poolSize: number,
  timeZone: string,
  /** A read replica's pool (db/replicas.ts): its own name in pg_stat_activity, and a bound on a connection attempt. */
  pool: { applicationName?: string; connectTimeoutMs?: number } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    // No entities: modules read and write through their repositories' SQL (db/sql.ts), and the
    // migrations alone define the schema.
    entities: [],
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    poolSize,
    extra: {
      max: poolSize,
      application_name: pool.applicationName ?? 'rekisteri',
      options: `-c TimeZone=${timeZone}`,
      ...(pool.connectTimeoutMs ? { connectionTimeoutMillis: pool.connectTimeoutMs } : {}),
    },
  });
}
