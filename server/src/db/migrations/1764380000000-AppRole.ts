import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The database role the application works as (db/roles.ts); roles are cluster-wide, so every database shares it. */
const APP = 'rekisteri_app';

/**
 * P10: an erasure's transaction holds the advisory lock (ERASURE_LOCKS, hashtext(customer id)) while it
 * carries the erasure out (erasure.repository.ts beginErasing); released when the transaction ends.
 */
const ERASURE_LOCKS = 1764380001;

/** Append-only ledgers: the application may read them and add to them, never rewrite them. */
const LEDGERS = ['audit_events', 'disclosures', 'prohibition_events', 'privacy_request_events'];

/**
 * P8, P10, P12, P15, P17: the append-only ledgers hold against the application itself. Migrations run as
 * the owner; the server works as `rekisteri_app`, which may read and add to the ledgers but not UPDATE,
 * DELETE, TRUNCATE or ALTER them (nor own anything, create in the schema, or disable a trigger). Redaction
 * after an erasure goes through one SECURITY DEFINER function, `redact_customer_ledger`, which acts only
 * for a customer whose erasure this very transaction is carrying out, as its plan says.
 */
export class AppRole1764380000000 implements MigrationInterface {
  name = 'AppRole1764380000000';

  async up(q: QueryRunner): Promise<void> {
    // Created only if missing: other databases on the server (tests, other installations) share it. A role
    // made by an administrator beforehand is accepted only without the powers that would bypass the grants.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP}') THEN
          BEGIN
            CREATE ROLE ${APP} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database's migration made it at the same moment
          END;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP}'
                    AND (rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication)) THEN
          RAISE EXCEPTION 'the role ${APP} must not be a superuser, bypass row security, create roles or databases, or replicate';
        END IF;
        IF pg_has_role('${APP}', current_user, 'MEMBER') THEN
          RAISE EXCEPTION 'the role ${APP} must not be a member of the owner %', current_user;
        END IF;
        -- The owner hands the job queue's schema to the application (jobs/job-schema.ts): it must be able to act as it.
        IF NOT pg_has_role(current_user, '${APP}', 'MEMBER') THEN
          EXECUTE format('GRANT ${APP} TO %I', current_user);
        END IF;
      END $$`);

    // Nothing is created in the schema but by migrations.
    await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP}`);

    // Ordinary tables: what the application does with them. Tables later migrations make get the same.
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP}`);
    // The ledgers: read and add to, nothing else. The migrations' own record and the derived view: read only.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${LEDGERS.join(', ')} FROM ${APP}`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations, current_prohibitions FROM ${APP}`);

    // The one change a ledger allows: during redact_customer_ledger, which runs as the ledgers' owner and names
    // its customer in a transaction-local setting for the length of the call. Anyone may set the setting; only
    // the owner's function is the owner, so the application setting it changes nothing. Even then: an audit
    // event keeps everything but its recorded values, and a prohibition event only goes (as the plan says).
    await q.query(`
      CREATE OR REPLACE FUNCTION append_only_but_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.customer_id IS NOT NULL
           AND current_setting('rekisteri.redacting', true) = OLD.customer_id::text
           AND (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID)
             = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
          IF TG_TABLE_NAME = 'prohibition_events' AND TG_OP = 'DELETE' THEN
            RETURN OLD;
          END IF;
          IF TG_TABLE_NAME = 'audit_events' AND TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'changes') = (to_jsonb(OLD) - 'changes') THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    // P10, P17: what an erasure does to the ledgers, for one customer, only while this transaction carries
    // out a verified erasure (or anonymisation) request of theirs whose plan still has that step to do.
    // The audit trail keeps who did what and when, its values go; the prohibition ledger's rows go (the
    // "no" survives as a keyed hash, P15). Never another customer's rows, never the disclosure ledger.
    await q.query(`
      CREATE FUNCTION redact_customer_ledger(customer uuid, ledger text) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET rekisteri.redacting = '' AS $$
      DECLARE
        changed integer;
      BEGIN
        IF customer IS NULL OR ledger IS NULL OR ledger NOT IN ('audit_events', 'prohibition_events') THEN
          RAISE EXCEPTION 'redact_customer_ledger redacts the audit trail or the prohibition ledger of one customer'
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF NOT EXISTS (
          SELECT 1 FROM pg_locks l
           WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted
             AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
             AND l.classid = ${ERASURE_LOCKS} AND l.objsubid = 2
             AND l.objid = (hashtext(customer::text)::bigint & 4294967295)::oid) THEN
          RAISE EXCEPTION 'no erasure of customer % is being carried out in this transaction', customer
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT EXISTS (
          SELECT 1 FROM public.privacy_requests r JOIN public.erasure_items i ON i.request_id = r.id
           WHERE r.customer_id = customer AND r.type IN ('ERASURE', 'ANONYMISATION') AND r.identity_verified_at IS NOT NULL
             AND r.status NOT IN ('COMPLETED', 'PARTIALLY_COMPLETED', 'REFUSED', 'WITHDRAWN')
             AND i.table_name = ledger AND i.state = 'PLANNED'
             AND i.action = CASE ledger WHEN 'audit_events' THEN 'ANONYMISE' ELSE 'ERASE' END) THEN
          RAISE EXCEPTION 'no erasure plan of customer % has % still to do', customer, ledger
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- Only for the length of this call: the function's own SET clause restores the setting on return.
        PERFORM set_config('rekisteri.redacting', customer::text, true);
        IF ledger = 'audit_events' THEN
          UPDATE public.audit_events
             SET changes = (SELECT jsonb_object_agg(k, '"[erased]"'::jsonb) FROM jsonb_object_keys(changes) AS k)
           WHERE customer_id = customer AND changes IS NOT NULL;
        ELSE
          DELETE FROM public.prohibition_events WHERE customer_id = customer;
        END IF;
        GET DIAGNOSTICS changed = ROW_COUNT;
        RETURN changed;
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION redact_customer_ledger(uuid, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION redact_customer_ledger(uuid, text) TO ${APP}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION redact_customer_ledger(uuid, text)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION append_only_but_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.customer_id IS NOT NULL AND current_setting('rekisteri.erasing', true) = OLD.customer_id::text THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // The role stays: other databases on the server may use it. This database stops granting it anything.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP}`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${APP}`);
  }
}
