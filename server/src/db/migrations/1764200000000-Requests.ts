import type { MigrationInterface, QueryRunner } from 'typeorm';

const BASES = ['CREDIT_DECISION', 'DEBT_COLLECTION', 'INVOICING', 'LEGAL_OBLIGATION', 'VALUE_ADDED_SERVICE'];
const TYPES = ['ACCESS', 'RECTIFICATION', 'ERASURE', 'ANONYMISATION', 'OBJECTION', 'RESTRICTION'];
const STATUSES = ['RECEIVED', 'IDENTITY_PENDING', 'IN_PROGRESS', 'AWAITING_DECISION', 'COMPLETED', 'PARTIALLY_COMPLETED', 'REFUSED', 'WITHDRAWN'];
const VIA = ['LETTER', 'EMAIL', 'CUSTOMER_SERVICE', 'CONTACT_PERSON', 'WEB_FORM'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** P8, P10, P11, P14, P16, P17: recipients and the disclosure ledger; the data-subject request queues. */
export class Requests1764200000000 implements MigrationInterface {
  name = 'Requests1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recipients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('PROCESSOR', 'INDEPENDENT_CONTROLLER', 'AUTHORITY')),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        bases text[] NOT NULL CHECK (cardinality(bases) > 0 AND bases <@ ARRAY[${list(BASES)}]::text[]),
        safeguard text CHECK (safeguard IN ('ADEQUACY_DECISION', 'STANDARD_CONTRACTUAL_CLAUSES', 'BINDING_CORPORATE_RULES')),
        necessity text,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // P8: who received what, when and why. Field names only, never the values.
    await q.query(`
      CREATE TABLE disclosures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id),
        recipient_id uuid NOT NULL REFERENCES recipients(id),
        basis text NOT NULL CHECK (basis IN (${list(BASES)})),
        fields text[] NOT NULL CHECK (cardinality(fields) > 0),
        note text,
        disclosed_by uuid NOT NULL REFERENCES users(id),
        disclosed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX disclosures_customer_idx ON disclosures (customer_id, id DESC)`);
    await q.query(`
      CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE ON disclosures
      FOR EACH ROW EXECUTE FUNCTION append_only()`);

    await q.query(`CREATE SEQUENCE privacy_request_number_seq START 1001`);
    await q.query(`
      CREATE TABLE privacy_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_number bigint NOT NULL UNIQUE DEFAULT nextval('privacy_request_number_seq'),
        type text NOT NULL CHECK (type IN (${list(TYPES)})),
        status text NOT NULL DEFAULT 'RECEIVED' CHECK (status IN (${list(STATUSES)})),
        customer_id uuid REFERENCES customers(id),
        requester_name text NOT NULL CHECK (length(trim(requester_name)) > 0),
        requester_contact text,
        received_at timestamptz NOT NULL,
        received_via text NOT NULL CHECK (received_via IN (${list(VIA)})),
        language text NOT NULL CHECK (language IN ('FI', 'EN')),
        signed boolean NOT NULL DEFAULT false,
        paper_original_location text,
        first_due_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL CHECK (due_at >= first_due_at),
        extension_reason text,
        duplicate_of uuid REFERENCES privacy_requests(id),
        objection jsonb,
        identity_verified_at timestamptz,
        identity_method text,
        identity_note text,
        identity_verified_by uuid REFERENCES users(id),
        assignee_id uuid REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`ALTER SEQUENCE privacy_request_number_seq OWNED BY privacy_requests.request_number`);
    await q.query(`CREATE INDEX privacy_requests_open_idx ON privacy_requests (due_at) WHERE closed_at IS NULL`);
    await q.query(`CREATE INDEX privacy_requests_customer_idx ON privacy_requests (customer_id, type)`);

    // Every change of a request, with who and when.
    await q.query(`
      CREATE TABLE privacy_request_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES privacy_requests(id),
        at timestamptz NOT NULL,
        actor_id uuid REFERENCES users(id),
        kind text NOT NULL,
        from_status text,
        to_status text,
        note text,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX privacy_request_events_request_idx ON privacy_request_events (request_id, id)`);
    await q.query(`
      CREATE TRIGGER privacy_request_events_append_only BEFORE UPDATE OR DELETE ON privacy_request_events
      FOR EACH ROW EXECUTE FUNCTION append_only()`);

    // P16: what the requester wants corrected, and the decision on each item.
    await q.query(`
      CREATE TABLE rectification_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES privacy_requests(id),
        position integer NOT NULL,
        field text NOT NULL,
        current_value text,
        proposed_value text NOT NULL,
        reason text,
        decision text CHECK (decision IN ('APPROVED', 'REFUSED')),
        decision_reason text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        UNIQUE (request_id, position)
      )`);
    // Art. 19: whoever got the old value is told of the correction.
    await q.query(`
      CREATE TABLE rectification_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES privacy_requests(id),
        item_id uuid NOT NULL REFERENCES rectification_items(id),
        target text NOT NULL CHECK (target IN ('SOURCE', 'RECIPIENT')),
        recipient_id uuid REFERENCES recipients(id),
        source text,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'IMPOSSIBLE')),
        status_reason text,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((target = 'RECIPIENT') = (recipient_id IS NOT NULL)),
        CHECK (status <> 'IMPOSSIBLE' OR status_reason IS NOT NULL)
      )`);

    // P10, P17: the erasure plan, per table and group of rows, and what became of it.
    await q.query(`
      CREATE TABLE erasure_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES privacy_requests(id),
        position integer NOT NULL,
        table_name text NOT NULL,
        action text NOT NULL CHECK (action IN ('ERASE', 'ANONYMISE', 'HOLD')),
        reason text CHECK (reason IN ('OPEN_INVOICE', 'IN_COLLECTION', 'ACCOUNTING_RETENTION', 'LEGAL_OBLIGATION')),
        until date,
        row_ids text[] NOT NULL DEFAULT '{}',
        row_count integer NOT NULL,
        fields text[] NOT NULL DEFAULT '{}',
        state text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED', 'DONE', 'HELD')),
        done_at timestamptz,
        CHECK ((action = 'HOLD') = (reason IS NOT NULL)),
        UNIQUE (request_id, position)
      )`);
    await q.query(`CREATE INDEX erasure_items_held_idx ON erasure_items (request_id) WHERE state = 'HELD'`);

    // Documents of requests: access packages, certificates, replies. Stored with their hash.
    await q.query(`
      CREATE TABLE privacy_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES privacy_requests(id),
        kind text NOT NULL,
        language text NOT NULL CHECK (language IN ('FI', 'EN')),
        filename text NOT NULL,
        content_type text NOT NULL,
        content bytea NOT NULL,
        sha256 text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX privacy_documents_request_idx ON privacy_documents (request_id, created_at)`);

    // Erasure is the one lawful exception to the append-only ledgers: inside the transaction that
    // erases a customer (rekisteri.erasing names them), that customer's rows may go.
    await q.query(`
      CREATE FUNCTION append_only_but_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.customer_id IS NOT NULL AND current_setting('rekisteri.erasing', true) = OLD.customer_id::text THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TRIGGER prohibition_events_append_only ON prohibition_events`);
    await q.query(`
      CREATE TRIGGER prohibition_events_append_only BEFORE UPDATE OR DELETE ON prohibition_events
      FOR EACH ROW EXECUTE FUNCTION append_only_but_erasure()`);
    await q.query(`DROP TRIGGER audit_events_no_update_delete ON audit_events`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION append_only_but_erasure()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_no_update_delete ON audit_events`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`DROP TRIGGER prohibition_events_append_only ON prohibition_events`);
    await q.query(`
      CREATE TRIGGER prohibition_events_append_only BEFORE UPDATE OR DELETE ON prohibition_events
      FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`DROP FUNCTION append_only_but_erasure()`);
    for (const table of [
      'privacy_documents',
      'erasure_items',
      'rectification_notices',
      'rectification_items',
      'privacy_request_events',
      'privacy_requests',
      'disclosures',
      'recipients',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
