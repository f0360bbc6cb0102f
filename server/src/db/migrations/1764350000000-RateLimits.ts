import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P12: request counters of the rate limits (sign-in failures per client address, unauthenticated
 * requests per address), in the database so that every server process counts the same hits.
 */
export class RateLimits1764350000000 implements MigrationInterface {
  name = 'RateLimits1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        hits integer NOT NULL CHECK (hits >= 0)
      )`);
    await q.query(`CREATE INDEX rate_limits_window_idx ON rate_limits (window_started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
