import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage limitation (issue 14, P10): the retention schedule's queue. A customer with no order, invoice or contact
 * for the configured period is proposed for erasure once (one open proposal per customer); a privacy officer
 * accepts it or keeps the customer with a reason, and a kept customer counts as active from that decision.
 */
export class RetentionProposals1764430000001 implements MigrationInterface {
  name = 'RetentionProposals1764430000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE retention_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        last_activity_at timestamptz NOT NULL,
        proposed_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'KEPT', 'ACCEPTED')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        reason text CHECK (reason IS NULL OR length(trim(reason)) > 0),
        request_id uuid REFERENCES privacy_requests(id),
        version integer NOT NULL DEFAULT 1,
        CHECK ((status = 'PROPOSED') = (decided_at IS NULL)),
        CHECK (status <> 'KEPT' OR reason IS NOT NULL)
      )`);
    // Idempotence: the nightly job run twice proposes nobody twice.
    await q.query(`CREATE UNIQUE INDEX retention_proposals_open_idx ON retention_proposals (customer_id) WHERE status = 'PROPOSED'`);
    await q.query(`CREATE INDEX retention_proposals_customer_idx ON retention_proposals (customer_id, decided_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retention_proposals`);
  }
}
