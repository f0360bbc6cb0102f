import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P15: opt-out lists are imported as files. Each import is a row that says how far it has come
 * (bytes and rows, readable while it runs, from any server process), and its entries are loaded
 * into a staging table first: the list in force changes only when the whole file has been read,
 * in one transaction, so a failed import leaves the previous entries in force.
 */
export class OptOutListImports1764370000000 implements MigrationInterface {
  name = 'OptOutListImports1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opt_out_list_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        channel text CHECK (channel IN ('EMAIL', 'POST', 'PHONE', 'SMS')),
        valid_from date NOT NULL,
        valid_until date,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        encoding text CHECK (encoding IN ('utf-8', 'windows-1252')),
        total_bytes bigint,
        processed_bytes bigint NOT NULL DEFAULT 0,
        rows_read integer NOT NULL DEFAULT 0,
        rows_accepted integer NOT NULL DEFAULT 0,
        skipped_count integer NOT NULL DEFAULT 0,
        -- The first skipped lines (line, reason, field): never the values, which are personal data.
        skipped jsonb NOT NULL DEFAULT '[]',
        error jsonb,
        list_id uuid REFERENCES opt_out_lists(id) ON DELETE SET NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX opt_out_list_imports_unfinished_idx ON opt_out_list_imports (updated_at) WHERE status IN ('PENDING', 'RUNNING')`);
    // Rows of imports under way; emptied when the import ends either way. Usually one import's
    // rows only, so no index: each batch goes in as cheaply as it can.
    await q.query(`
      CREATE TABLE opt_out_import_entries (
        import_id uuid NOT NULL REFERENCES opt_out_list_imports(id) ON DELETE CASCADE,
        phone text,
        name_key text,
        street_key text,
        postal_code text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE opt_out_import_entries`);
    await q.query(`DROP TABLE opt_out_list_imports`);
  }
}
