import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 (P4, P9): processors carry their data processing agreement, sub-processors, the data they process
 * and the details of their transfer safeguard; partner firms are managed (business ID, active, their processor
 * row and field scope); partner systems reach the API through hashed tokens (`api_tokens`).
 *
 * Existing data: a recipient recorded with an adequacy decision for a country that has none (the list as of
 * this migration) cannot keep it: the safeguard is cleared and the recipient deactivated until a fitting one is
 * recorded. Each partner firm gets a processor row in Finland with the fields its staff could read until now.
 */
const ADEQUATE_2026 = ['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY'];
const PARTNER_FIELDS_BEFORE = ['firstName', 'lastName', 'organisation', 'email', 'phone', 'street', 'postalCode', 'city', 'country', 'language'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export class ProcessorsPartnersTokens1764420000000 implements MigrationInterface {
  name = 'ProcessorsPartnersTokens1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners
        ADD COLUMN business_id text,
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      ALTER TABLE recipients
        ADD COLUMN agreement_date date,
        ADD COLUMN agreement_reference text,
        ADD COLUMN sub_processors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sub_processors) = 'array'),
        ADD COLUMN data_fields text[] NOT NULL DEFAULT '{}',
        ADD COLUMN dpf_certified boolean NOT NULL DEFAULT false,
        ADD COLUMN scc_version text,
        ADD COLUMN scc_signed_on date,
        ADD COLUMN bcr_reference text,
        ADD COLUMN partner_id uuid UNIQUE REFERENCES partners (id)`);
    // P9: an adequacy decision only where the Commission has adopted one (the US: only under the Data Privacy Framework).
    await q.query(`
      UPDATE recipients SET safeguard = NULL, active = false, version = version + 1, updated_at = now()
       WHERE safeguard = 'ADEQUACY_DECISION' AND country NOT IN (${list(ADEQUATE_2026)}, 'US')`);
    await q.query(`
      INSERT INTO recipients (name, kind, country, bases, partner_id, data_fields)
      SELECT p.name || CASE WHEN EXISTS (SELECT 1 FROM recipients r WHERE lower(r.name) = lower(p.name)) THEN ' (partner)' ELSE '' END,
             'PROCESSOR', 'FI', ARRAY['VALUE_ADDED_SERVICE'], p.id, ARRAY[${list(PARTNER_FIELDS_BEFORE)}]
        FROM partners p`);
    // P4: a token is shown once; only the SHA-256 of its secret is kept. Each token acts through a technical
    // account of its firm (role PARTNER), so the audit trail, provenance and every rule see it as that firm.
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners (id),
        user_id uuid NOT NULL UNIQUE REFERENCES users (id),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        secret_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['READ_CUSTOMERS', 'WRITE_CUSTOMERS']::text[]),
        expires_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX api_tokens_partner_idx ON api_tokens (partner_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DELETE FROM recipients r WHERE r.partner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.recipient_id = r.id)`);
    await q.query(`
      ALTER TABLE recipients
        DROP COLUMN partner_id, DROP COLUMN bcr_reference, DROP COLUMN scc_signed_on, DROP COLUMN scc_version,
        DROP COLUMN dpf_certified, DROP COLUMN data_fields, DROP COLUMN sub_processors,
        DROP COLUMN agreement_reference, DROP COLUMN agreement_date`);
    await q.query(`ALTER TABLE partners DROP COLUMN updated_at, DROP COLUMN version, DROP COLUMN active, DROP COLUMN business_id`);
  }
}
