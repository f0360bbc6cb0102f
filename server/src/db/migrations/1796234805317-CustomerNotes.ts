import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: notes and contacts (a phone call, an e-mail, a visit) on a customer, by the staff who look after
 * the relationship. Personal data: in the person's access package (P14), erased with them (P10, P17).
 */
export class CustomerNotes1796234805317 implements MigrationInterface {
  name = 'CustomerNotes1796234805317';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('NOTE', 'CONTACT')),
        channel text CHECK (channel IN ('PHONE', 'EMAIL', 'VISIT', 'OTHER')),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        author_id uuid REFERENCES users(id),
        author_name text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((kind = 'CONTACT') = (channel IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX customer_notes_customer_idx ON customer_notes (customer_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_notes`);
  }
}
