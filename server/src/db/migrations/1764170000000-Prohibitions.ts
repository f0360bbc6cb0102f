import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION', 'PROFILING'];
const CHANNELS = ['EMAIL', 'POST', 'PHONE', 'SMS'];
const VIA = ['CUSTOMER_SERVICE', 'EMAIL', 'CONTACT_PERSON', 'LETTER', 'PHONE', 'WEB_FORM', 'EARLIER_PROHIBITION'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** P5, P15, P17: the customer's "no", as a ledger never rewritten; external opt-out lists; suppression after erasure. */
export class Prohibitions1764170000000 implements MigrationInterface {
  name = 'Prohibitions1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prohibition_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id),
        kind text NOT NULL CHECK (kind IN (${list(KINDS)})),
        channel text CHECK (channel IN (${list(CHANNELS)})),
        action text NOT NULL CHECK (action IN ('SET', 'LIFT')),
        via text NOT NULL CHECK (via IN (${list(VIA)})),
        note text,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX prohibition_events_key_idx ON prohibition_events (customer_id, kind, channel, id DESC)`);
    await q.query(`
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER prohibition_events_append_only BEFORE UPDATE OR DELETE ON prohibition_events
      FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`
      CREATE TRIGGER prohibition_events_no_truncate BEFORE TRUNCATE ON prohibition_events
      FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    // The current state, derived from the ledger: the latest event per (customer, kind, channel) is a SET.
    await q.query(`
      CREATE VIEW current_prohibitions AS
      SELECT customer_id, kind, channel, via, note, recorded_by, recorded_at
        FROM (SELECT DISTINCT ON (customer_id, kind, channel) *
                FROM prohibition_events ORDER BY customer_id, kind, channel, id DESC) latest
       WHERE action = 'SET'`);

    // Flags the request queues set (restriction of processing, erasure pending, anonymised).
    await q.query(`ALTER TABLE customers ADD COLUMN restricted boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE customers ADD COLUMN pending_erasure boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE customers ADD COLUMN anonymised_at timestamptz`);

    // Matching keys for opt-out lists, in SQL so import and target-list builds normalise alike:
    // a name's words lower-cased and sorted ("Korhonen Aino" = "aino korhonen"), a street's spacing folded.
    await q.query(`
      CREATE FUNCTION rk_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT nullif(array_to_string(ARRAY(
          SELECT w FROM regexp_split_to_table(lower(regexp_replace(coalesce(name, ''), '[^[:alnum:][:space:]-]', '', 'g')), '\\s+') AS w
           WHERE w <> '' ORDER BY w COLLATE "C"), ' '), '')
      $$`);
    await q.query(`
      CREATE FUNCTION rk_street_key(street text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT nullif(regexp_replace(lower(trim(coalesce(street, ''))), '\\s+', ' ', 'g'), '')
      $$`);
    await q.query(`
      CREATE TABLE opt_out_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        channel text CHECK (channel IN (${list(CHANNELS)})),
        valid_from date NOT NULL,
        valid_until date,
        row_count integer NOT NULL,
        imported_by uuid REFERENCES users(id),
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE opt_out_entries (
        list_id uuid NOT NULL REFERENCES opt_out_lists(id) ON DELETE CASCADE,
        phone text,
        name_key text,
        street_key text,
        postal_code text
      )`);
    await q.query(`CREATE INDEX opt_out_entries_phone_idx ON opt_out_entries (phone) WHERE phone IS NOT NULL`);
    await q.query(`CREATE INDEX opt_out_entries_address_idx ON opt_out_entries (postal_code, street_key, name_key)`);

    // Keyed hashes of an erased person's email and phone, so their "no" survives their record.
    await q.query(`
      CREATE TABLE suppression_keys (
        hash text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('EMAIL', 'PHONE')),
        prohibitions jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE suppression_keys`);
    await q.query(`DROP TABLE opt_out_entries`);
    await q.query(`DROP TABLE opt_out_lists`);
    await q.query(`ALTER TABLE customers DROP COLUMN anonymised_at, DROP COLUMN pending_erasure, DROP COLUMN restricted`);
    await q.query(`DROP VIEW current_prohibitions`);
    await q.query(`DROP TABLE prohibition_events`);
    await q.query(`DROP FUNCTION append_only()`);
    await q.query(`DROP FUNCTION rk_street_key(text)`);
    await q.query(`DROP FUNCTION rk_name_key(text)`);
  }
}
