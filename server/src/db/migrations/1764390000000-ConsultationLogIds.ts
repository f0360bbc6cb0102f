import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P12 (issue 13): the consultation log of a request in one row: the customers shown, in an array
 * (`customer_id` stays for an event about one customer). The GIN index finds a person's reads for
 * the access package and the audit trail's customer filter.
 */
export class ConsultationLogIds1764390000000 implements MigrationInterface {
  name = 'ConsultationLogIds1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN customer_ids uuid[]`);
    await q.query(`CREATE INDEX audit_events_customer_ids_idx ON audit_events USING gin (customer_ids) WHERE customer_ids IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_customer_ids_idx`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN customer_ids`);
  }
}
