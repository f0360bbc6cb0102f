import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764150000000 implements MigrationInterface {
  name = 'Foundation1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{2,64}$'),
        display_name text NOT NULL CHECK (length(trim(display_name)) > 0),
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}'
          CHECK (roles <@ ARRAY['SALES','SERVICE','MARKETING','PRIVACY_OFFICER','PARTNER','ADMIN']::text[]),
        active boolean NOT NULL DEFAULT true,
        partner_id uuid REFERENCES partners(id),
        must_change_password boolean NOT NULL DEFAULT true,
        confidentiality_accepted_version text,
        confidentiality_accepted_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_partner_role CHECK (NOT ('PARTNER' = ANY(roles)) OR partner_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (username)`);

    // Sessions live in the database so any server process can serve any request.
    await q.query(`
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        business_id text UNIQUE CHECK (business_id ~ '^[0-9]{7}-[0-9]$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`CREATE SEQUENCE customer_number_seq START 100001`);
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_number bigint NOT NULL UNIQUE DEFAULT nextval('customer_number_seq'),
        first_name text NOT NULL CHECK (length(trim(first_name)) > 0),
        last_name text NOT NULL CHECK (length(trim(last_name)) > 0),
        organisation_id uuid REFERENCES organisations(id),
        email text CHECK (email = lower(email)),
        phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        street text,
        postal_code text,
        city text,
        country char(2) NOT NULL DEFAULT 'FI' CHECK (country ~ '^[A-Z]{2}$'),
        language text NOT NULL DEFAULT 'fi' CHECK (language IN ('fi','sv','en')),
        partner_id uuid REFERENCES partners(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER SEQUENCE customer_number_seq OWNED BY customers.customer_number`);
    await q.query(`CREATE INDEX customers_partner_id_idx ON customers (partner_id)`);
    await q.query(`CREATE INDEX customers_email_idx ON customers (email)`);
    await q.query(`CREATE INDEX customers_organisation_id_idx ON customers (organisation_id)`);

    // P12 and the consultation log (CJEU C-579/21): append-only, enforced by the database itself.
    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        action text NOT NULL,
        actor_id uuid,
        actor_username text,
        customer_id uuid,
        target_user_id uuid,
        fields text[],
        changes jsonb,
        purpose text,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX audit_events_customer_idx ON audit_events (customer_id, id)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id)`);
    await q.query(`CREATE INDEX audit_events_login_idx ON audit_events (actor_username, action, at)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE customers`);
    await q.query(`DROP TABLE organisations`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE partners`);
  }
}
