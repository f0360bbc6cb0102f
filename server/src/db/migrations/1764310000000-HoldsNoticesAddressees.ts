import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P10, P16, GDPR 18 and 19:
 * - a customer whose erasure is held by an invoice keeps only what invoicing needs: the language
 *   can be erased (nullable);
 * - vouchers kept for the Accounting Act keep the buyer as invoiced in `retained_vouchers`, with no
 *   link to a customer profile, until their retention ends;
 * - the notice worklist carries erasure and restriction notices too (no rectification item), each
 *   with the document that tells the recipient;
 * - every document records whom it is addressed to, so an outbox can deliver it;
 * - recipients may have a language and contact details for those notices.
 */
export class HoldsNoticesAddressees1764310000000 implements MigrationInterface {
  name = 'HoldsNoticesAddressees1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ALTER COLUMN language DROP NOT NULL`);

    await q.query(`
      CREATE TABLE retained_vouchers (
        invoice_id uuid PRIMARY KEY REFERENCES invoices(id) ON DELETE CASCADE,
        request_id uuid NOT NULL REFERENCES privacy_requests(id),
        buyer_name text NOT NULL,
        organisation text,
        street text,
        postal_code text,
        city text,
        country char(2),
        retained_until date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX retained_vouchers_until_idx ON retained_vouchers (retained_until)`);
    await q.query(`CREATE INDEX retained_vouchers_request_idx ON retained_vouchers (request_id)`);

    await q.query(`ALTER TABLE recipients ADD COLUMN language text CHECK (language IN ('FI', 'EN'))`);
    await q.query(`ALTER TABLE recipients ADD COLUMN contact_email text CHECK (contact_email = lower(contact_email))`);
    await q.query(`ALTER TABLE recipients ADD COLUMN postal_address text`);

    await q.query(`
      ALTER TABLE privacy_documents
        ADD COLUMN addressee_kind text CHECK (addressee_kind IN ('REQUESTER', 'RECIPIENT')),
        ADD COLUMN addressee_name text,
        ADD COLUMN addressee_email text,
        ADD COLUMN addressee_address text,
        ADD COLUMN recipient_id uuid REFERENCES recipients(id)`);
    // Documents made before: all of them answered the requester, by name.
    await q.query(`
      UPDATE privacy_documents d SET addressee_kind = 'REQUESTER', addressee_name = r.requester_name
        FROM privacy_requests r WHERE r.id = d.request_id`);
    await q.query(`ALTER TABLE privacy_documents ALTER COLUMN addressee_kind SET NOT NULL, ALTER COLUMN addressee_name SET NOT NULL`);
    await q.query(`ALTER TABLE privacy_documents ADD CHECK ((addressee_kind = 'RECIPIENT') = (recipient_id IS NOT NULL))`);

    await q.query(`ALTER TABLE rectification_notices ALTER COLUMN item_id DROP NOT NULL`);
    await q.query(`
      ALTER TABLE rectification_notices
        ADD COLUMN kind text NOT NULL DEFAULT 'RECTIFICATION' CHECK (kind IN ('RECTIFICATION', 'ERASURE', 'RESTRICTION')),
        ADD COLUMN document_id uuid REFERENCES privacy_documents(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE rectification_notices ADD CHECK ((kind = 'RECTIFICATION') = (item_id IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM rectification_notices WHERE kind <> 'RECTIFICATION'`);
    await q.query(`ALTER TABLE rectification_notices DROP COLUMN document_id, DROP COLUMN kind`);
    await q.query(`ALTER TABLE rectification_notices ALTER COLUMN item_id SET NOT NULL`);
    await q.query(`DELETE FROM privacy_documents WHERE addressee_kind = 'RECIPIENT'`);
    await q.query(`
      ALTER TABLE privacy_documents
        DROP COLUMN recipient_id, DROP COLUMN addressee_address, DROP COLUMN addressee_email, DROP COLUMN addressee_name, DROP COLUMN addressee_kind`);
    await q.query(`ALTER TABLE recipients DROP COLUMN postal_address, DROP COLUMN contact_email, DROP COLUMN language`);
    await q.query(`DROP TABLE retained_vouchers`);
    await q.query(`UPDATE customers SET language = 'fi' WHERE language IS NULL`);
    await q.query(`ALTER TABLE customers ALTER COLUMN language SET NOT NULL`);
  }
}
