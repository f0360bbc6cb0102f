import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, configOrExit } from '../config';
import { readManifest, restoreEmbedded, restoreServer, tableCounts, writeBackup } from '../db/backup';
import { openDatabase } from '../db/database';

/**
 * `pnpm backup [-- --out DIR]` and `pnpm restore -- DIR` (README "Backups"). Embedded: the data directory's database
 * (stop the server first: one process owns it) with its suppression key; a server: pg_dump / pg_restore as the owner
 * (DATABASE_URL). A restore goes only into an empty database, then checks that every table's rows are there.
 */
async function backup(config: Config, out: string | undefined) {
  const dir = path.resolve(out ?? path.join('backups', `rekisteri-${new Date().toISOString().replace(/[:.]/g, '-')}`));
  const database = await openDatabase({ ...config, migrateOnStart: false });
  try {
    const manifest = await writeBackup(database, dir, { ownerUrl: config.databaseUrl, suppressionKeyFile: path.join(config.dataDir, 'suppression.key') });
    console.log(
      `Backup written to ${dir}: ${Object.entries(manifest.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );
  } finally {
    await database.close();
  }
}

async function restore(config: Config, dir: string) {
  const manifest = readManifest(dir);
  if (config.databaseUrl) await restoreServer(dir, config.databaseUrl);
  else await restoreEmbedded(dir, config.dataDir);
  const database = await openDatabase({ ...config, migrateOnStart: false });
  try {
    const counts = await tableCounts(database.dataSource);
    const missing = Object.entries(manifest.counts).filter(([table, n]) => counts[table] !== n);
    if (missing.length > 0) throw new Error(`restored, but rows differ: ${missing.map(([t, n]) => `${t} ${counts[t]} of ${n}`).join(', ')}`);
    console.log(`Restored ${dir} (taken ${manifest.createdAt}); every table has its rows.`);
  } finally {
    await database.close();
  }
}

async function main() {
  const [command, ...args] = process.argv.slice(2).filter((arg) => arg !== '--');
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true });
  const config = configOrExit();
  if (command === 'backup') return backup(config, values.out);
  if (command === 'restore' && positionals[0]) return restore(config, path.resolve(positionals[0]));
  console.error('Usage: backup [--out DIR] | restore DIR');
  process.exit(2);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
