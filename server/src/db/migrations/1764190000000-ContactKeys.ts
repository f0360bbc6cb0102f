import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Normalised name and street of every customer, kept by the database itself, so target-list
 * builds match opt-out lists and find duplicate addresses with plain hash joins.
 */
export class ContactKeys1764190000000 implements MigrationInterface {
  name = 'ContactKeys1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers
      ADD COLUMN name_key text GENERATED ALWAYS AS (rk_name_key(first_name || ' ' || last_name)) STORED,
      ADD COLUMN street_key text GENERATED ALWAYS AS (rk_street_key(street)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers DROP COLUMN street_key, DROP COLUMN name_key`);
  }
}
