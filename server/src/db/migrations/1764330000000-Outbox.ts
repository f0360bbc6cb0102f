import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P14, P16, P17: the outbox that delivers the documents of requests (answers to requesters, notices to
 * recipients) by e-mail, or holds them for printing and marking sent by hand. A request counts as
 * answered only once its answer has gone: `answered_at`, and `answer_pending` while it waits.
 */
export class Outbox1764330000000 implements MigrationInterface {
  name = 'Outbox1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES privacy_requests(id),
        -- The letter goes with its document: erasing the document (P10, P17) takes its delivery record too.
        document_id uuid NOT NULL REFERENCES privacy_documents(id) ON DELETE CASCADE,
        -- The attachments: the request's documents to the same addressee whose file name has this stem.
        stem text NOT NULL,
        answer boolean NOT NULL,
        subject text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'FAILED', 'HELD', 'SENT')),
        hold_reason text CHECK (hold_reason IN ('NO_SMTP', 'NO_EMAIL')),
        channel text CHECK (channel IN ('EMAIL', 'BY_HAND')),
        job_id uuid,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        last_attempt_at timestamptz,
        claimed_at timestamptz,
        sent_at timestamptz,
        sent_to text,
        message_id text,
        sent_by uuid REFERENCES users(id),
        note text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (status <> 'HELD' OR hold_reason IS NOT NULL),
        CHECK ((status = 'SENT') = (sent_at IS NOT NULL AND channel IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX outbox_messages_status_idx ON outbox_messages (status, created_at DESC)`);
    await q.query(`CREATE INDEX outbox_messages_request_idx ON outbox_messages (request_id)`);
    await q.query(`CREATE INDEX outbox_messages_document_idx ON outbox_messages (document_id)`);

    await q.query(`ALTER TABLE privacy_requests ADD COLUMN answered_at timestamptz, ADD COLUMN answer_pending boolean NOT NULL DEFAULT false`);
    // Before the outbox, closing a request with an answer was answering it.
    await q.query(`UPDATE privacy_requests SET answered_at = closed_at WHERE status IN ('COMPLETED', 'PARTIALLY_COMPLETED', 'REFUSED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE privacy_requests DROP COLUMN answer_pending, DROP COLUMN answered_at`);
    await q.query(`DROP TABLE outbox_messages`);
  }
}
