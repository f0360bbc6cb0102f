import 'reflect-metadata';
import { configOrExit } from '../config';
import { openDatabase } from '../db/database';
import { SchemaMismatchError } from '../db/migrate';

/**
 * `pnpm migrate`: brings the configured database's schema up to date, once, on deploy, before servers start with
 * MIGRATE_ON_START=false. As the owner (DATABASE_URL) under the migration lock, then checks that the application's
 * role can log in; embedded: the database in DATA_DIR. A database a newer build has migrated is refused (exit 3).
 */
async function main() {
  const config = configOrExit();
  try {
    const database = await openDatabase({ ...config, migrateOnStart: true });
    await database.close();
    console.log((database.migrated ?? []).length === 0 ? 'The schema is up to date; nothing to run.' : `Migrated: ${(database.migrated ?? []).join(', ')}`);
  } catch (error) {
    if (error instanceof SchemaMismatchError) {
      console.error(error.message);
      process.exit(3);
    }
    throw error;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
