import type { MigrationInterface, QueryRunner } from 'typeorm';

/** As in 1764380000000-AppRole: the advisory locks an erasure's transaction holds on its customer. */
const ERASURE_LOCKS = 1764380001;

/**
 * `redact_customer_ledger` with `erased` the customer whose erasure must be under way (locked, planned) for
 * the ledger rows of `customer` to be redacted. Before: `erased` is `customer` itself.
 */
function redactFunction(erased: string): string {
  return `
    CREATE OR REPLACE FUNCTION redact_customer_ledger(customer uuid, ledger text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET rekisteri.redacting = '' AS $$
    DECLARE
      changed integer;
      erased uuid;
    BEGIN
      IF customer IS NULL OR ledger IS NULL OR ledger NOT IN ('audit_events', 'prohibition_events') THEN
        RAISE EXCEPTION 'redact_customer_ledger redacts the audit trail or the prohibition ledger of one customer'
          USING ERRCODE = 'invalid_parameter_value';
      END IF;
      ${erased}
      IF NOT EXISTS (
        SELECT 1 FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted
           AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
           AND l.classid = ${ERASURE_LOCKS} AND l.objsubid = 2
           AND l.objid = (hashtext(erased::text)::bigint & 4294967295)::oid) THEN
        RAISE EXCEPTION 'no erasure of customer % is being carried out in this transaction', erased
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NOT EXISTS (
        SELECT 1 FROM public.privacy_requests r JOIN public.erasure_items i ON i.request_id = r.id
         WHERE r.customer_id = erased AND r.type IN ('ERASURE', 'ANONYMISATION') AND r.identity_verified_at IS NOT NULL
           AND r.status NOT IN ('COMPLETED', 'PARTIALLY_COMPLETED', 'REFUSED', 'WITHDRAWN')
           AND i.table_name = ledger AND i.state = 'PLANNED'
           AND i.action = CASE ledger WHEN 'audit_events' THEN 'ANONYMISE' ELSE 'ERASE' END) THEN
        RAISE EXCEPTION 'no erasure plan of customer % has % still to do', erased, ledger
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
    END $$`;
}

/**
 * P10, P17 (issue 16): a record merged into another keeps its ledger rows (audit trail, prohibition ledger:
 * append-only, never re-pointed), so erasing the kept person must redact them too. `redact_customer_ledger`
 * now also acts on a record merged (transitively, `customers.merged_into`) into the customer whose erasure
 * this transaction carries out, as that customer's plan says; never on any other customer's rows.
 */
export class MergedRecordErasure1796236443228 implements MigrationInterface {
  name = 'MergedRecordErasure1796236443228';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      redactFunction(`
      -- The record the customer was merged into, and so on, to the one kept (a merge keeps the older number: no cycle).
      WITH RECURSIVE up(id, next, depth) AS (
        SELECT c.id, c.merged_into, 0 FROM public.customers c WHERE c.id = customer
        UNION ALL
        SELECT c.id, c.merged_into, up.depth + 1 FROM public.customers c JOIN up ON c.id = up.next WHERE up.depth < 1000)
      SELECT up.id INTO erased FROM up WHERE up.next IS NULL;
      erased := coalesce(erased, customer);`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(redactFunction('erased := customer;'));
  }
}
