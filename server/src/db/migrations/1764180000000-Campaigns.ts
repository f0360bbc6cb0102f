import type { MigrationInterface, QueryRunner } from 'typeorm';

/** P3: campaigns and their target lists, snapshotted with every exclusion and its reasons. */
export class Campaigns1764180000000 implements MigrationInterface {
  name = 'Campaigns1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        purpose text NOT NULL CHECK (purpose IN ('DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH')),
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'POST', 'PHONE', 'SMS')),
        segment jsonb NOT NULL DEFAULT '{}',
        owner_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'BUILT', 'EXPORTED', 'ARCHIVED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE target_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'BUILDING', 'BUILT', 'FAILED')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error text,
        purpose text NOT NULL,
        channel text NOT NULL,
        segment jsonb NOT NULL,
        included_count integer,
        excluded_count integer,
        requested_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        built_at timestamptz
      )`);
    await q.query(`CREATE INDEX target_lists_campaign_idx ON target_lists (campaign_id, created_at DESC)`);
    // Snapshots name customers by id without a foreign key: a snapshot must never hold back an erasure,
    // and exports join the live register, so an erased customer simply drops out.
    await q.query(`
      CREATE TABLE target_list_members (
        target_list_id uuid NOT NULL REFERENCES target_lists(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL,
        customer_number bigint NOT NULL,
        PRIMARY KEY (target_list_id, customer_number)
      )`);
    await q.query(`
      CREATE TABLE target_list_exclusions (
        target_list_id uuid NOT NULL REFERENCES target_lists(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL,
        customer_number bigint NOT NULL,
        reasons text[] NOT NULL CHECK (cardinality(reasons) > 0),
        prohibited_kinds text[],
        opt_out_lists text[],
        PRIMARY KEY (target_list_id, customer_number)
      )`);
    await q.query(`
      CREATE TABLE target_list_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_list_id uuid NOT NULL REFERENCES target_lists(id),
        format text NOT NULL CHECK (format IN ('CSV', 'LABELS_PDF')),
        content bytea NOT NULL,
        sha256 text NOT NULL,
        row_count integer NOT NULL,
        dropped_count integer NOT NULL,
        dropped_by_reason jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE target_list_exports`);
    await q.query(`DROP TABLE target_list_exclusions`);
    await q.query(`DROP TABLE target_list_members`);
    await q.query(`DROP TABLE target_lists`);
    await q.query(`DROP TABLE campaigns`);
  }
}
