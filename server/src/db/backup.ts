import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { DataSource } from 'typeorm';
import type { Database } from './database';
import { LEDGERS } from './roles';
import { many, one } from './sql';

const run = promisify(execFile);

export const BACKUP_FORMAT = 'rekisteri-backup/1';
const MANIFEST = 'manifest.json';
const EMBEDDED_FILE = 'pgdata.tar.gz';
const SERVER_FILE = 'database.dump';
const KEY_FILE = 'suppression.key';

/** What a backup holds, written beside it and compared after a restore. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  kind: 'embedded' | 'server';
  createdAt: string;
  /** The last migration the database had: a restore needs a build that knows it. */
  lastMigration: string | null;
  /** Rows per table of what matters most: the register, the ledgers and the documents. */
  counts: Record<string, number>;
}

/** The tables whose rows a restore must find again, every one of them. */
export const COUNTED_TABLES = ['customers', 'orders', 'invoices', 'users', 'privacy_requests', 'privacy_documents', ...LEDGERS];

export async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) counts[table] = (await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${table}`)).n;
  return counts;
}

async function lastMigration(db: DataSource): Promise<string | null> {
  const [row] = await many<{ name: string }>(db, `SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
  return row?.name ?? null;
}

/**
 * Writes a backup of an open database into `dir` (which must not exist): the embedded data directory as a gzipped tar
 * (taken after a checkpoint), or, for a server, `pg_dump --format=custom` of `ownerUrl`; the embedded database's
 * suppression key file beside it (without it an erased person's "no" could not be recognised again); and a manifest.
 */
export async function writeBackup(database: Database, dir: string, options: { ownerUrl?: string; suppressionKeyFile?: string } = {}): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: false });
  const db = database.dataSource;
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    kind: database.kind,
    createdAt: new Date().toISOString(),
    lastMigration: await lastMigration(db),
    counts: await tableCounts(db),
  };
  if (database.kind === 'embedded') {
    if (!database.dumpDataDir) throw new Error('this embedded database cannot be dumped');
    const tar = Buffer.from(await (await database.dumpDataDir()).arrayBuffer());
    fs.writeFileSync(path.join(dir, EMBEDDED_FILE), gzipSync(tar), { mode: 0o600 });
    if (options.suppressionKeyFile && fs.existsSync(options.suppressionKeyFile)) {
      fs.copyFileSync(options.suppressionKeyFile, path.join(dir, KEY_FILE));
      fs.chmodSync(path.join(dir, KEY_FILE), 0o600);
    }
  } else {
    if (!options.ownerUrl) throw new Error('a server backup needs the owner URL (DATABASE_URL)');
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${path.join(dir, SERVER_FILE)}`, options.ownerUrl]);
  }
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} is not a backup: it has no ${MANIFEST}`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${dir}: unknown backup format ${String(manifest.format)}`);
  return manifest;
}

/**
 * Restores an embedded backup into `dataDir`, which must hold no database yet (a restore never overwrites one), with
 * its suppression key.
 */
export async function restoreEmbedded(dir: string, dataDir: string): Promise<BackupManifest> {
  const manifest = readManifest(dir);
  if (manifest.kind !== 'embedded') throw new Error(`${dir} is a server backup: restore it with pnpm restore and DATABASE_URL`);
  const pgdata = path.join(dataDir, 'pgdata');
  if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) throw new Error(`${pgdata} already holds a database: restore into an empty DATA_DIR`);
  fs.mkdirSync(pgdata, { recursive: true });
  const tar = gunzipSync(fs.readFileSync(path.join(dir, EMBEDDED_FILE)));
  const db = await PGlite.create(pgdata, { extensions: { pgcrypto, pg_trgm }, loadDataDir: new Blob([tar]) });
  await db.close();
  const key = path.join(dir, KEY_FILE);
  if (fs.existsSync(key)) fs.copyFileSync(key, path.join(dataDir, KEY_FILE));
  return manifest;
}

/** Restores a server backup into the empty database of `ownerUrl` (pg_restore, as its owner), stopping at the first error. */
export async function restoreServer(dir: string, ownerUrl: string): Promise<BackupManifest> {
  const manifest = readManifest(dir);
  if (manifest.kind !== 'server') throw new Error(`${dir} is an embedded backup: restore it with pnpm restore without DATABASE_URL`);
  await run('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${ownerUrl}`, path.join(dir, SERVER_FILE)]);
  return manifest;
}
