import type { DataSource } from 'typeorm';
import { execute, one } from './sql';

/**
 * The database role the application works as (migration 1764380000000-AppRole): it reads and adds to
 * the append-only ledgers but may not rewrite them, owns nothing in the schema, and is no superuser.
 * Migrations run as the owner (DATABASE_URL).
 */
export const APP_ROLE = 'rekisteri_app';

/** The ledgers the application's role may only read and add to. */
export const LEDGERS = ['audit_events', 'disclosures', 'prohibition_events', 'privacy_request_events'] as const;

/**
 * A server's connection for the application: DATABASE_APP_URL, or else the owner's DATABASE_URL as
 * `rekisteri_app` without a password (for trust, peer or certificate authentication, as in CI and tests).
 */
export function appDatabaseUrl(ownerUrl: string, appUrl: string | undefined): string {
  if (appUrl) return appUrl;
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = '';
  return url.toString();
}

/**
 * Embedded: PGlite has one session and its login is always the superuser, so after migrating, the
 * session becomes the application's role and the same grants apply. That guards the ledgers against the
 * application's own mistakes; unlike a server login, it is no wall against SQL that asks to switch back.
 */
export async function becomeAppRole(db: DataSource): Promise<void> {
  await execute(db, `SET SESSION AUTHORIZATION ${APP_ROLE}`);
}

/** Embedded only: `work` as the superuser the session logged in as (CHECKPOINT before a dump), then back. */
export async function asSessionSuperuser<T>(db: DataSource, superuser: string, work: () => Promise<T>): Promise<T> {
  await execute(db, `SET SESSION AUTHORIZATION "${superuser.replace(/"/g, '""')}"`);
  try {
    return await work();
  } finally {
    await becomeAppRole(db);
  }
}

/**
 * Refuses to start on a connection that could rewrite a ledger: a superuser, the ledgers' owner, or any
 * role with UPDATE, DELETE or TRUNCATE on one of them (DATABASE_APP_URL naming the owner, say).
 */
export async function assertAppRole(db: DataSource): Promise<void> {
  const role = await one<{ name: string; powerful: boolean; app: boolean; rewrites: boolean }>(
    db,
    `SELECT r.rolname AS name, r.rolsuper OR r.rolbypassrls AS powerful, pg_has_role(r.oid, $1, 'USAGE') AS app,
            EXISTS (SELECT 1 FROM unnest($2::text[]) AS t
                     WHERE has_table_privilege(r.oid, ('public.' || t)::regclass, 'UPDATE, DELETE, TRUNCATE')
                        OR pg_has_role(r.oid, (SELECT c.relowner FROM pg_class c WHERE c.oid = ('public.' || t)::regclass), 'USAGE')) AS rewrites
       FROM pg_roles r WHERE r.rolname = current_user`,
    [APP_ROLE, LEDGERS],
  );
  if (role.powerful || role.rewrites || !role.app) {
    throw new Error(
      `The application's database connection works as "${role.name}", which could rewrite the append-only ledgers. ` +
        `It must be ${APP_ROLE} (DATABASE_APP_URL, or DATABASE_URL's server and database as ${APP_ROLE}); migrations run as DATABASE_URL.`,
    );
  }
}
