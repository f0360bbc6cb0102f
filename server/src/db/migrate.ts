import type { DataSource } from 'typeorm';
import { prepareJobSchema } from '../jobs/job-schema';
import { APP_ROLE } from './roles';
import { many, one } from './sql';

/** The session-level advisory lock every process takes to migrate: two starting together run the migrations once. */
const MIGRATION_LOCK = 7_311_046_001;

/** The database's schema does not fit this build: the server must not serve on it. */
export class SchemaMismatchError extends Error {
  constructor(
    message: string,
    readonly pending: string[],
    readonly unknown: string[],
  ) {
    super(message);
    this.name = 'SchemaMismatchError';
  }
}

export interface SchemaState {
  /** Migrations of this build the database has not had yet. */
  pending: string[];
  /** Migrations the database has had that this build does not know: a newer version of the code migrated it. */
  unknown: string[];
}

/** Compares the migrations the database has had with those this build carries. */
export async function schemaState(ds: DataSource): Promise<SchemaState> {
  const known = ds.migrations.map((m) => m.name ?? m.constructor.name);
  const { exists } = await one<{ exists: boolean }>(ds, `SELECT to_regclass('public.migrations') IS NOT NULL AS exists`);
  const applied = exists ? (await many<{ name: string }>(ds, `SELECT name FROM migrations ORDER BY timestamp`)).map((r) => r.name) : [];
  const appliedSet = new Set(applied);
  const knownSet = new Set(known);
  return { pending: known.filter((n) => !appliedSet.has(n)), unknown: applied.filter((n) => !knownSet.has(n)) };
}

function refuseNewer(state: SchemaState): void {
  if (state.unknown.length > 0) {
    throw new SchemaMismatchError(
      `The database is at a newer schema than this build (it has had ${state.unknown.join(', ')}): deploy the newer code, or restore a backup taken for this version.`,
      state.pending,
      state.unknown,
    );
  }
}

/**
 * As the owner: refuses a database a newer build has migrated, then runs what is pending and hands the job queue's
 * schema to the application's role. On a server, under the migration lock held on a connection of its own (the owner's
 * pool needs two): a second process starting at the same time waits on the lock, then finds nothing pending. The
 * embedded database is one process's by construction (its data directory is locked) and needs no lock.
 */
export async function migrateSchema(owner: DataSource, opts: { lock: boolean }): Promise<string[]> {
  const run = async () => {
    refuseNewer(await schemaState(owner));
    const ran = await owner.runMigrations();
    await prepareJobSchema(owner, APP_ROLE);
    return ran.map((m) => m.name);
  };
  if (!opts.lock) return run();
  const runner = owner.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await run();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Without migrating (MIGRATE_ON_START=false): the server serves only on exactly the schema it was built for. */
export async function assertSchemaCurrent(ds: DataSource): Promise<void> {
  const state = await schemaState(ds);
  refuseNewer(state);
  if (state.pending.length > 0) {
    throw new SchemaMismatchError(
      `The database lacks ${state.pending.length} migration(s) of this build (${state.pending.join(', ')}): run \`pnpm migrate\` first.`,
      state.pending,
      state.unknown,
    );
  }
}
