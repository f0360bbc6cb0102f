import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, P3, P15: a campaign's manual exclusions, customers marketing keeps off its list by hand (from the
 * customer list's selection). The build and the export's re-check leave them off with the reason MANUAL.
 * One row per campaign and customer; who added it and when, with an optional note.
 */
export class CampaignExclusions1796243625212 implements MigrationInterface {
  name = 'CampaignExclusions1796243625212';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_exclusions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        added_by uuid REFERENCES users(id),
        added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        note text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
        UNIQUE (campaign_id, customer_id)
      )`);
    // The access package and erasure find a person's rows by customer.
    await q.query(`CREATE INDEX campaign_exclusions_customer_idx ON campaign_exclusions (customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign_exclusions`);
  }
}
