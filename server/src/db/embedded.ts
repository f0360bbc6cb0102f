import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  /** The whole data directory as a tar file, to start another PGlite from (`loadDataDir`). */
  dumpDataDir(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL (PGlite) served on loopback, so the same `pg` driver and SQL run
 * against it as against a real server. `dataDir` undefined keeps it in memory (tests).
 * `loadDataDir` starts it from a dumped data directory instead of an empty one (tests copy one
 * migrated, seeded database this way).
 */
export async function startEmbeddedPostgres(dataDir: string | undefined, maxConnections: number, opts: { loadDataDir?: Blob } = {}): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', { extensions: { pgcrypto, pg_trgm }, loadDataDir: opts.loadDataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    dumpDataDir: () => db.dumpDataDir('none'),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
