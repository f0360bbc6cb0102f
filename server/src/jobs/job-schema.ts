import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { execute, maybeOne } from '../db/sql';

/** The job queue's schema (pg-boss's default, which JobQueue uses). */
const SCHEMA = 'pgboss';

/**
 * Run by the database owner after the migrations: the job queue's schema exists and belongs to the
 * application's role. The application may not create schemas, so pg-boss cannot install itself as it;
 * yet it makes a table per queue and attaches it to its job table, which only that table's owner may
 * do. So the owner installs pg-boss (first start) and hands the schema and everything in it to the
 * application, which owns nothing else; pg-boss upgrades its own schema from then on.
 */
export async function prepareJobSchema(owner: DataSource, appRole: string): Promise<void> {
  if (!(await installed(owner))) {
    try {
      await owner.query(PgBoss.getConstructionPlans(SCHEMA));
    } catch (error) {
      // Another process installing it at the same moment is fine; anything else is not.
      if (!(await installed(owner))) throw error;
    }
  }
  await execute(
    owner,
    `DO $$
     DECLARE
       app oid := (SELECT oid FROM pg_roles WHERE rolname = '${appRole}');
       r record;
     BEGIN
       IF (SELECT nspowner FROM pg_namespace WHERE nspname = '${SCHEMA}') <> app THEN
         EXECUTE 'ALTER SCHEMA ${SCHEMA} OWNER TO ${appRole}';
       END IF;
       FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                 WHERE c.relnamespace = '${SCHEMA}'::regnamespace AND c.relkind IN ('r', 'p', 'v') AND c.relowner <> app LOOP
         EXECUTE format('ALTER TABLE %s OWNER TO ${appRole}', r.name);
       END LOOP;
       -- Sequences of their own (a column's sequence followed its table).
       FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                 WHERE c.relnamespace = '${SCHEMA}'::regnamespace AND c.relkind = 'S' AND c.relowner <> app
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
         EXECUTE format('ALTER SEQUENCE %s OWNER TO ${appRole}', r.name);
       END LOOP;
       FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p WHERE p.pronamespace = '${SCHEMA}'::regnamespace AND p.proowner <> app LOOP
         EXECUTE format('ALTER ROUTINE %s OWNER TO ${appRole}', r.name);
       END LOOP;
       FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
                 WHERE t.typnamespace = '${SCHEMA}'::regnamespace AND t.typtype IN ('e', 'd') AND t.typrelid = 0 AND t.typowner <> app LOOP
         EXECUTE format('ALTER TYPE %s OWNER TO ${appRole}', r.name);
       END LOOP;
     END $$`,
  );
}

async function installed(db: DataSource): Promise<boolean> {
  return (await maybeOne<{ t: string | null }>(db, `SELECT to_regclass('${SCHEMA}.version')::text AS t`))?.t != null;
}
