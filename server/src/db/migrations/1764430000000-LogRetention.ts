import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The database role the application works as (db/roles.ts). */
const APP = 'rekisteri_app';

/** The trigger of the ledgers as the AppRole migration left it: what `down` puts back. */
const APP_ROLE_TRIGGER = `
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
      END $$`;

/**
 * Storage limitation (issue 14): the audit trail and the consultation log are kept for a stated period each
 * (RetentionSettings.auditLogMonths, consultationLogMonths) and then purged. `audit_events` stays append-only
 * for the application; the one deletion it allows goes through `purge_audit_log`, a SECURITY DEFINER function
 * that deletes only one log's rows older than its cutoff, and never a row younger than a month whatever the
 * caller asks: a compromised application can not wipe the recent trail. The trigger lets a DELETE through only
 * while that function runs (a transaction-local setting naming the log and the cutoff, honoured only for the
 * table's owner) and only for a row of that log older than the cutoff.
 */
export class LogRetention1764430000000 implements MigrationInterface {
  name = 'LogRetention1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION append_only_but_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        purging text := current_setting('rekisteri.purging', true);
        owner_acts boolean := (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID)
             = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);
      BEGIN
        IF OLD.customer_id IS NOT NULL
           AND current_setting('rekisteri.redacting', true) = OLD.customer_id::text
           AND owner_acts THEN
          IF TG_TABLE_NAME = 'prohibition_events' AND TG_OP = 'DELETE' THEN
            RETURN OLD;
          END IF;
          IF TG_TABLE_NAME = 'audit_events' AND TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'changes') = (to_jsonb(OLD) - 'changes') THEN
            RETURN NEW;
          END IF;
        END IF;
        -- purge_audit_log: 'consultation|<cutoff>' or 'audit|<cutoff>'; the row must be of that log and older.
        -- Nested: PL/pgSQL does not promise to stop at the first false AND, and only audit_events has "at".
        IF TG_TABLE_NAME = 'audit_events' AND TG_OP = 'DELETE' AND owner_acts AND purging IS NOT NULL AND purging <> '' THEN
          IF OLD.at < split_part(purging, '|', 2)::timestamptz
             AND (OLD.action = 'CUSTOMER_READ') = (split_part(purging, '|', 1) = 'consultation') THEN
            RETURN OLD;
          END IF;
        END IF;
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`
      CREATE FUNCTION purge_audit_log(log text, before timestamptz) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET rekisteri.purging = '' AS $$
      DECLARE
        deleted integer;
      BEGIN
        IF log IS NULL OR log NOT IN ('audit', 'consultation') OR before IS NULL THEN
          RAISE EXCEPTION 'purge_audit_log purges the audit trail or the consultation log before a date'
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF before > now() - interval '1 month' THEN
          RAISE EXCEPTION 'purge_audit_log keeps at least the last month (asked to purge before %)', before
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('rekisteri.purging', log || '|' || before::text, true);
        IF log = 'consultation' THEN
          DELETE FROM public.audit_events WHERE action = 'CUSTOMER_READ' AND at < before;
        ELSE
          DELETE FROM public.audit_events WHERE action <> 'CUSTOMER_READ' AND at < before;
        END IF;
        GET DIAGNOSTICS deleted = ROW_COUNT;
        RETURN deleted;
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION purge_audit_log(text, timestamptz) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION purge_audit_log(text, timestamptz) TO ${APP}`);
    await q.query(`CREATE INDEX audit_events_at_idx ON audit_events (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_at_idx`);
    await q.query(`DROP FUNCTION purge_audit_log(text, timestamptz)`);
    await q.query(APP_ROLE_TRIGGER);
  }
}
