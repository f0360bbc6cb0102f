import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P18, GDPR 30 (issue 14): the register's configuration in one row (the controller, the contact person, the
 * person who signs certificates, the retention periods), versioned; and the published versions of the privacy
 * notice, append-only: a published notice is what the public was told on that date, and is never rewritten.
 */
export class RegisterConfig1764410000000 implements MigrationInterface {
  name = 'RegisterConfig1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE register_config (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        controller_name text,
        controller_business_id text,
        controller_address text,
        controller_phone text,
        controller_email text,
        contact_name text,
        contact_address text,
        contact_phone text,
        contact_email text,
        signer_name text,
        signer_title text,
        inactive_customer_months integer NOT NULL DEFAULT 36 CHECK (inactive_customer_months BETWEEN 1 AND 240),
        audit_log_months integer NOT NULL DEFAULT 24 CHECK (audit_log_months BETWEEN 1 AND 240),
        consultation_log_months integer NOT NULL DEFAULT 24 CHECK (consultation_log_months BETWEEN 1 AND 240),
        web_event_days integer NOT NULL DEFAULT 365 CHECK (web_event_days BETWEEN 1 AND 3650),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
    // The one row exists from the start: the retention periods are in force before anyone edits them.
    await q.query(`INSERT INTO register_config (id) VALUES (true)`);
    await q.query(`
      CREATE TABLE privacy_notice_versions (
        version integer PRIMARY KEY CHECK (version > 0),
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES users (id) ON DELETE SET NULL,
        content jsonb NOT NULL,
        digest text NOT NULL
      )`);
    // Append-only for the application: a published version is never changed or removed.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON privacy_notice_versions FROM rekisteri_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE privacy_notice_versions`);
    await q.query(`DROP TABLE register_config`);
  }
}
