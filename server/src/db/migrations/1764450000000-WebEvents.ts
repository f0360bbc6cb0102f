import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P13 (issue 15): web events of the company's own site, consent first. A visitor (a random id in a
 * first-party cookie) exists here only once they gave consent; their page views hang off that consent
 * and go with it. A contact form fill links the visitor to a customer, and keeps the message.
 */
export class WebEvents1764450000000 implements MigrationInterface {
  name = 'WebEvents1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_consents (
        visitor_id text PRIMARY KEY CHECK (visitor_id ~ '^[A-Za-z0-9_-]{16,64}$'),
        categories text[] NOT NULL CHECK (categories <@ ARRAY['ANALYTICS','MARKETING']::text[]),
        notice_version text NOT NULL CHECK (length(notice_version) BETWEEN 1 AND 40),
        given_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        customer_id uuid REFERENCES customers(id) ON DELETE CASCADE,
        linked_at timestamptz,
        CHECK ((withdrawn_at IS NULL) = (cardinality(categories) > 0)),
        CHECK ((customer_id IS NULL) = (linked_at IS NULL))
      )`);
    await q.query(`CREATE INDEX web_consents_customer_idx ON web_consents (customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE web_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        visitor_id text NOT NULL REFERENCES web_consents(visitor_id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL,
        page text NOT NULL CHECK (length(page) BETWEEN 1 AND 512),
        duration_ms integer NOT NULL CHECK (duration_ms BETWEEN 0 AND 86400000),
        ip_address inet,
        user_agent text CHECK (length(user_agent) <= 512)
      )`);
    await q.query(`CREATE INDEX web_events_visitor_idx ON web_events (visitor_id, occurred_at)`);
    // The nightly purge deletes by age; the statistics read a period.
    await q.query(`CREATE INDEX web_events_occurred_at_idx ON web_events (occurred_at)`);
    await q.query(`
      CREATE TABLE web_form_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        visitor_id text,
        form text NOT NULL,
        message text CHECK (length(message) <= 4000),
        submitted_at timestamptz NOT NULL,
        matched boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX web_form_submissions_customer_idx ON web_form_submissions (customer_id, submitted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_form_submissions`);
    await q.query(`DROP TABLE web_events`);
    await q.query(`DROP TABLE web_consents`);
  }
}
