import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P11: the register of paper material. Each piece (a signed request, a contract, an order form) is recorded with
 * where it is locked away, its custodian, when it came in and by when it is destroyed; its destruction (when, by
 * whom, how) is final: the database refuses to change or remove a record once its destruction is recorded, as it
 * refuses to rewrite the ledgers. The one change it lets through on such a record is a link going when the customer
 * or request it named is removed (ON DELETE SET NULL): the record of the destruction itself stays as it was.
 * No record is ever deleted: it is the evidence of how the paper was kept and destroyed.
 */
export class PaperRecords1796231226190 implements MigrationInterface {
  name = 'PaperRecords1796231226190';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE paper_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('SIGNED_REQUEST', 'CONTRACT', 'ORDER_FORM', 'OTHER')),
        description text NOT NULL CHECK (length(trim(description)) > 0 AND length(description) <= 1000),
        location text NOT NULL CHECK (length(trim(location)) > 0 AND length(location) <= 300),
        custodian_id uuid NOT NULL REFERENCES users(id),
        customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
        request_id uuid REFERENCES privacy_requests(id) ON DELETE SET NULL,
        received_on date NOT NULL,
        destroy_by date NOT NULL CHECK (destroy_by >= received_on),
        destroyed_at timestamptz,
        destroyed_by uuid REFERENCES users(id),
        destruction_method text CHECK (destruction_method IN ('SHREDDED', 'INCINERATED', 'DESTRUCTION_SERVICE', 'RETURNED')),
        destruction_note text CHECK (destruction_note IS NULL OR length(destruction_note) <= 1000),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((destroyed_at IS NULL) = (destroyed_by IS NULL) AND (destroyed_at IS NULL) = (destruction_method IS NULL))
      )`);
    await q.query(`CREATE INDEX paper_records_destroy_by_idx ON paper_records (destroy_by, id) WHERE destroyed_at IS NULL`);
    await q.query(`CREATE INDEX paper_records_customer_idx ON paper_records (customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX paper_records_request_idx ON paper_records (request_id) WHERE request_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION paper_records_destruction_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
          RAISE EXCEPTION 'paper_records keeps every record: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.destroyed_at IS NOT NULL AND (
             (to_jsonb(NEW) - 'customer_id' - 'request_id') IS DISTINCT FROM (to_jsonb(OLD) - 'customer_id' - 'request_id')
             OR (NEW.customer_id IS DISTINCT FROM OLD.customer_id AND NEW.customer_id IS NOT NULL)
             OR (NEW.request_id IS DISTINCT FROM OLD.request_id AND NEW.request_id IS NOT NULL)) THEN
          RAISE EXCEPTION 'paper record % was destroyed: its record is final', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER paper_records_destruction_final BEFORE UPDATE OR DELETE ON paper_records
        FOR EACH ROW EXECUTE FUNCTION paper_records_destruction_final()`);
    await q.query(`
      CREATE TRIGGER paper_records_no_truncate BEFORE TRUNCATE ON paper_records
        FOR EACH STATEMENT EXECUTE FUNCTION paper_records_destruction_final()`);
    await q.query(`REVOKE DELETE, TRUNCATE ON paper_records FROM rekisteri_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE paper_records`);
    await q.query(`DROP FUNCTION paper_records_destruction_final()`);
  }
}
