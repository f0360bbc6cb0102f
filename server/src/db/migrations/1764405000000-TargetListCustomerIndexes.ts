import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (B5): a person's target-list entries found by an index, not by reading every list's every row:
 * an access package (P14) read all 5,500,000 snapshot rows of a million-customer register to find none.
 * Keyed by customer number, which a build inserts in ascending order, so the index grows along its leaves
 * and a whole-register build stays as quick as it was.
 */
export class TargetListCustomerIndexes1764405000000 implements MigrationInterface {
  name = 'TargetListCustomerIndexes1764405000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX target_list_members_customer_number_idx ON target_list_members (customer_number)`);
    await q.query(`CREATE INDEX target_list_exclusions_customer_number_idx ON target_list_exclusions (customer_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX target_list_exclusions_customer_number_idx`);
    await q.query(`DROP INDEX target_list_members_customer_number_idx`);
  }
}
