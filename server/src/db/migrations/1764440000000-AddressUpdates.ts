import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P7: address updates from an update service (Posti's address service, fed by DVV), and the
 * customer's update prohibition ("asiakasrekisterin päivityskielto").
 *
 * - `customers.update_prohibited`: the prohibition in force, a property of the customer that every
 *   import reads; `update_prohibition_events` says who recorded or lifted it, how the customer told us
 *   (the channel, as prohibitions are recorded) or which file carried the flag.
 * - `address_update_imports`: one row per file, with its progress (bytes and rows read, rows classified
 *   by the dry run, rows applied) readable from any server process while it runs.
 * - `address_update_rows`: the file's rows, staged with their dry-run outcome and then the applied one:
 *   the outcome report that is kept and downloaded.
 */
export class AddressUpdates1764440000000 implements MigrationInterface {
  name = 'AddressUpdates1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ADD COLUMN update_prohibited boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE update_prohibition_events (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('SET', 'LIFT')),
        -- CUSTOMER_NOTICE: the customer told us (via says how); ADDRESS_UPDATE_SERVICE: the file's flag (detail names the file).
        source text NOT NULL CHECK (source IN ('CUSTOMER_NOTICE', 'ADDRESS_UPDATE_SERVICE')),
        via text CHECK (via IN ('CUSTOMER_SERVICE', 'EMAIL', 'CONTACT_PERSON', 'LETTER', 'PHONE', 'WEB_FORM')),
        detail text,
        note text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid REFERENCES users(id),
        CHECK (source <> 'CUSTOMER_NOTICE' OR via IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX update_prohibition_events_customer_idx ON update_prohibition_events (customer_id, id)`);
    // Matching by normalised name and address: the dry run looks customers up by these keys.
    await q.query(`CREATE INDEX customers_name_address_key_idx ON customers (name_key, postal_code, street_key)`);
    await q.query(`
      CREATE TABLE address_update_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name text NOT NULL CHECK (length(trim(file_name)) > 0),
        file_date date NOT NULL,
        status text NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING', 'READING', 'DRY_RUN', 'APPLYING', 'APPLIED', 'FAILED')),
        encoding text CHECK (encoding IN ('utf-8', 'windows-1252')),
        total_bytes bigint,
        processed_bytes bigint NOT NULL DEFAULT 0,
        rows_read integer NOT NULL DEFAULT 0,
        rows_to_apply integer NOT NULL DEFAULT 0,
        rows_applied integer NOT NULL DEFAULT 0,
        -- Rows by outcome: of the dry run, then as applied.
        counts jsonb NOT NULL DEFAULT '{}',
        error jsonb,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        dry_run_at timestamptz,
        applied_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE address_update_rows (
        import_id uuid NOT NULL REFERENCES address_update_imports(id) ON DELETE CASCADE,
        line integer NOT NULL,
        customer_number bigint,
        first_name text,
        last_name text,
        old_street text,
        old_postal_code text,
        old_city text,
        new_street text,
        new_postal_code text,
        new_city text,
        moved_on date,
        prohibition_flag boolean NOT NULL DEFAULT false,
        outcome text NOT NULL,
        reason text,
        detail text,
        customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
        customer_version integer,
        applied_outcome text,
        applied_reason text,
        PRIMARY KEY (import_id, line)
      )`);
    await q.query(`CREATE INDEX address_update_rows_outcome_idx ON address_update_rows (import_id, outcome, line)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE address_update_rows`);
    await q.query(`DROP TABLE address_update_imports`);
    await q.query(`DROP INDEX customers_name_address_key_idx`);
    await q.query(`DROP TABLE update_prohibition_events`);
    await q.query(`ALTER TABLE customers DROP COLUMN update_prohibited`);
  }
}
