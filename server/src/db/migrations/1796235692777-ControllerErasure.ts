import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage limitation (issue 14, P10): an erasure the controller starts itself (an accepted retention proposal), not
 * asked for by the person. It is a request of the ERASURE kind like any other, so its plan holds what the law, open
 * invoices or collection keep; only the requester's identity check does not apply: nobody asked.
 */
export class ControllerErasure1796235692777 implements MigrationInterface {
  name = 'ControllerErasure1796235692777';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE privacy_requests ADD COLUMN initiated_by_controller boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE privacy_requests ADD CONSTRAINT privacy_requests_controller_erasure CHECK (NOT initiated_by_controller OR type = 'ERASURE')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE privacy_requests DROP COLUMN initiated_by_controller`);
  }
}
