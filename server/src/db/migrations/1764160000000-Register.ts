import type { MigrationInterface, QueryRunner } from 'typeorm';

const SOURCES = [
  'STORE_PURCHASE',
  'WEB_SHOP',
  'RESELLER',
  'REGISTRATION',
  'CUSTOMER_NOTICE',
  'ADDRESS_UPDATE_SERVICE',
  'SUBCONTRACTOR',
  'STAFF_ENTRY',
  'WEB_FORM',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** The register in depth: provenance (P7), orders and invoices (P1), trigram search. */
export class Register1764160000000 implements MigrationInterface {
  name = 'Register1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // P7: where each personal value came from. The customer's own source is where the record began.
    await q.query(`ALTER TABLE customers ADD COLUMN source text NOT NULL DEFAULT 'STAFF_ENTRY' CHECK (source IN (${list(SOURCES)}))`);
    await q.query(`
      CREATE TABLE customer_provenance (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        field text NOT NULL,
        source text NOT NULL CHECK (source IN (${list(SOURCES)})),
        detail text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX customer_provenance_current_idx ON customer_provenance (customer_id, field, id DESC)`);

    await q.query(`CREATE INDEX customers_name_trgm_idx ON customers USING gin ((first_name || ' ' || last_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX customers_email_trgm_idx ON customers USING gin (email gin_trgm_ops)`);
    await q.query(`CREATE INDEX customers_phone_trgm_idx ON customers USING gin (phone gin_trgm_ops)`);
    await q.query(`CREATE INDEX organisations_name_trgm_idx ON organisations USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX customers_last_name_idx ON customers (lower(last_name), lower(first_name), id)`);
    await q.query(`CREATE INDEX customers_city_idx ON customers (city)`);
    await q.query(`CREATE INDEX customers_postal_code_idx ON customers (postal_code text_pattern_ops)`);
    await q.query(`CREATE INDEX customers_created_at_idx ON customers (created_at, id)`);
    await q.query(`CREATE INDEX customers_phone_idx ON customers (phone)`);

    await q.query(`CREATE SEQUENCE order_number_seq START 500001`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_number bigint NOT NULL UNIQUE DEFAULT nextval('order_number_seq'),
        customer_id uuid NOT NULL REFERENCES customers(id),
        channel text NOT NULL CHECK (channel IN ('STORE', 'WEB_SHOP', 'RESELLER')),
        channel_detail text,
        ordered_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DELIVERED', 'CANCELLED')),
        closed_at timestamptz,
        net_cents bigint NOT NULL DEFAULT 0,
        vat_cents bigint NOT NULL DEFAULT 0,
        gross_cents bigint NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'OPEN') = (closed_at IS NULL))
      )`);
    await q.query(`ALTER SEQUENCE order_number_seq OWNED BY orders.order_number`);
    await q.query(`CREATE INDEX orders_customer_idx ON orders (customer_id, ordered_at DESC, id DESC)`);
    await q.query(`CREATE INDEX orders_ordered_at_idx ON orders (ordered_at)`);
    await q.query(`
      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        position integer NOT NULL,
        sku text NOT NULL CHECK (length(trim(sku)) > 0),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
        vat_rate_bp integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
        net_cents bigint NOT NULL,
        vat_cents bigint NOT NULL,
        gross_cents bigint NOT NULL,
        PRIMARY KEY (order_id, position)
      )`);

    await q.query(`CREATE SEQUENCE invoice_number_seq START 700001`);
    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_number bigint NOT NULL UNIQUE DEFAULT nextval('invoice_number_seq'),
        order_id uuid NOT NULL REFERENCES orders(id),
        customer_id uuid NOT NULL REFERENCES customers(id),
        issued_at date NOT NULL,
        due_at date NOT NULL CHECK (due_at >= issued_at),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PAID', 'IN_COLLECTION', 'CREDITED')),
        paid_at timestamptz,
        collection_agency text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'PAID' OR paid_at IS NOT NULL),
        CHECK (paid_at IS NULL OR status IN ('PAID', 'CREDITED')),
        CHECK (status <> 'IN_COLLECTION' OR collection_agency IS NOT NULL)
      )`);
    await q.query(`ALTER SEQUENCE invoice_number_seq OWNED BY invoices.invoice_number`);
    await q.query(`CREATE INDEX invoices_customer_idx ON invoices (customer_id, issued_at DESC, id DESC)`);
    await q.query(`CREATE INDEX invoices_order_idx ON invoices (order_id)`);
    await q.query(`CREATE INDEX invoices_open_idx ON invoices (customer_id) WHERE status IN ('OPEN', 'IN_COLLECTION')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE order_lines`);
    await q.query(`DROP TABLE orders`);
    for (const index of ['name_trgm', 'email_trgm', 'phone_trgm', 'last_name', 'city', 'postal_code', 'created_at', 'phone']) {
      await q.query(`DROP INDEX customers_${index}_idx`);
    }
    await q.query(`DROP INDEX organisations_name_trgm_idx`);
    await q.query(`DROP TABLE customer_provenance`);
    await q.query(`ALTER TABLE customers DROP COLUMN source`);
  }
}
