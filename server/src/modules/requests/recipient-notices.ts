import type { EntityManager } from 'typeorm';
import type { PrivacyDocuments } from './documents';
import type { RecipientSummary } from './letters';
import { recipientNotice, type CorrectedValue, type NoticePerson } from './notice-letters';
import { attachNoticeDocument, insertKindNotice, personOf, recipientsOfCustomer, type LedgerRecipientRow } from './rectification.repository';
import { AddresseeKind, NoticeKind, PrivacyDocumentKind, RequestLanguage, type DocumentAddressee } from './request.model';
import type { CustomerRequestRow } from './requests.repository';

/** A recipient is written to in its own language when the registry has one, else in Finnish. */
function recipientAddressee(r: LedgerRecipientRow): DocumentAddressee {
  return {
    kind: AddresseeKind.RECIPIENT,
    name: r.name,
    email: r.contact_email,
    postalAddress: r.postal_address,
    language: r.language ?? RequestLanguage.FI,
    recipientId: r.id,
  };
}

/**
 * GDPR 19: each recipient in the disclosure ledger that received the person's data is told of a
 * rectification, an erasure or a restriction, by a document addressed to it; the notice goes on
 * the request's worklist (PENDING until marked SENT or IMPOSSIBLE). Read before anything is
 * changed: the recipient must be able to tell whom the notice is about.
 */
export class RecipientNotices {
  constructor(private readonly documents: PrivacyDocuments) {}

  /** The recipients of the person's data, as the reply to the requester names them. */
  async recipientsOf(tx: EntityManager, customerId: string): Promise<RecipientSummary[]> {
    return (await recipientsOfCustomer(tx, customerId)).map((r) => ({ name: r.name, fields: r.fields }));
  }

  /** An erasure or a restriction: one notice (and letter) per recipient that received anything. Returns who they were. */
  async notifyAll(
    tx: EntityManager,
    kind: NoticeKind.ERASURE | NoticeKind.RESTRICTION,
    row: CustomerRequestRow,
    actorId: string | null,
    now: Date,
  ): Promise<RecipientSummary[]> {
    const recipients = await recipientsOfCustomer(tx, row.customer_id);
    if (recipients.length === 0) return [];
    const person = await this.person(tx, row.customer_id);
    for (const recipient of recipients) {
      const documentId = await this.write(tx, row, kind, recipient, person, recipient.fields, [], actorId, now);
      await insertKindNotice(tx, { requestId: row.id, kind, recipientId: recipient.id, documentId });
    }
    return recipients.map((r) => ({ name: r.name, fields: r.fields }));
  }

  /**
   * A rectification: the notices (one per corrected field and recipient of it) are already on the
   * worklist; each recipient gets one letter with the corrected values of the fields it received.
   */
  async writeRectificationLetters(
    tx: EntityManager,
    row: CustomerRequestRow,
    person: NoticePerson,
    corrected: CorrectedValue[],
    actorId: string | null,
    now: Date,
  ): Promise<void> {
    const recipients = await recipientsOfCustomer(tx, row.customer_id);
    for (const recipient of recipients) {
      const theirs = corrected.filter((c) => recipient.fields.includes(c.field));
      if (theirs.length === 0) continue;
      const documentId = await this.write(
        tx,
        row,
        NoticeKind.RECTIFICATION,
        recipient,
        person,
        theirs.map((c) => c.field),
        theirs,
        actorId,
        now,
      );
      await attachNoticeDocument(tx, row.id, recipient.id, documentId);
    }
  }

  /** Whom the notices are about, as the recipients knew them: read before a correction changes the name. */
  async person(tx: EntityManager, customerId: string): Promise<NoticePerson> {
    const p = await personOf(tx, customerId);
    if (!p) throw new Error(`customer ${customerId} of a request is missing`);
    return { name: `${p.first_name} ${p.last_name}`, customerNumber: p.customer_number };
  }

  private async write(
    tx: EntityManager,
    row: CustomerRequestRow,
    kind: NoticeKind,
    recipient: LedgerRecipientRow,
    person: NoticePerson,
    fields: string[],
    corrections: CorrectedValue[],
    actorId: string | null,
    now: Date,
  ): Promise<string> {
    const to = recipientAddressee(recipient);
    const document = await this.documents.store(tx, {
      requestId: row.id,
      kind: PrivacyDocumentKind.RECIPIENT_NOTICE,
      addressee: to,
      filename: `request-${row.request_number}-${kind.toLowerCase()}-notice-${recipient.id.slice(0, 8)}.html`,
      contentType: 'text/html; charset=utf-8',
      content: recipientNotice(this.documents.dates, to, kind, person, String(row.request_number), fields, corrections, now),
      actorId,
    });
    return document.id;
  }
}
