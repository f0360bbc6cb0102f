import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { lockLiveCustomer } from '../customers/merged-record';
import type { NoticeVia } from '../prohibitions/prohibition.model';
import type { ProhibitionsService } from '../prohibitions/prohibitions.service';
import { PrivacyDocumentKind, requesterAddressee, type PrivacyDocuments } from './documents';
import { restrictionReply } from './letters';
import type { RecipientNotices } from './recipient-notices';
import { NoticeKind, PrivacyRequestStatus } from './request.model';
import { prohibitionsInForce, restrictCustomer, type CustomerRequestRow, type PrivacyRequestRow } from './requests.repository';

/** What the two effects need of the request workflow (RequestsService): moving the request on, and the audit trail. */
export interface RequestSteps {
  transition(
    tx: EntityManager,
    actor: Actor | null,
    row: PrivacyRequestRow,
    status: PrivacyRequestStatus,
    kind: string,
    note: string | null,
    detail: Record<string, unknown> | null,
  ): Promise<void>;
  audit(tx: EntityManager, actor: Actor | null, action: AuditAction, row: PrivacyRequestRow, detail: Record<string, unknown>): Promise<void>;
  now(): Date;
}

/** What a restriction writes: the notices to recipients (GDPR 19) and the reply to the requester. */
export interface RestrictionLetters {
  notices: RecipientNotices;
  documents: PrivacyDocuments;
}

/**
 * The two requests that take effect the moment the requester's identity is verified: an objection
 * (P15, P17) and a restriction of processing (GDPR 18). Both run inside the verification's transaction.
 */

/** P15, P17: the prohibitions asked for go into the ledger at once. */
export async function applyObjection(
  tx: EntityManager,
  actor: Actor,
  requests: RequestSteps,
  prohibitions: ProhibitionsService,
  row: CustomerRequestRow,
): Promise<void> {
  // The customer's lock first (appendIn takes it too), so the check below and the notices are one step.
  await lockLiveCustomer(tx, actor, row.customer_id, 'UPDATE');
  const asked = row.objection ?? [];
  const inForce = await prohibitionsInForce(tx, row.customer_id);
  const missing = asked.filter((p) => !inForce.some((f) => f.kind === p.kind && f.channel === p.channel));
  // Through the prohibition ledger, as any notice; every way a request comes in is also a way a notice does.
  for (const p of missing) {
    await prohibitions.appendIn(
      tx,
      actor,
      row.customer_id,
      { kind: p.kind, channel: p.channel, via: row.received_via as string as NoticeVia, note: `Objection, request ${row.request_number}` },
      'SET',
    );
  }
  await requests.transition(tx, actor, row, PrivacyRequestStatus.COMPLETED, 'STATUS', null, {
    recorded: missing,
    alreadyInForce: asked.length - missing.length,
  });
}

/**
 * GDPR 18: stored, but out of target lists, disclosures (but legal obligation) and others' edits.
 * GDPR 19: every recipient that received the person's data is told, and the requester's reply
 * names them.
 */
export async function applyRestriction(
  tx: EntityManager,
  actor: Actor,
  requests: RequestSteps,
  letters: RestrictionLetters,
  row: CustomerRequestRow,
): Promise<void> {
  // P6: a merged record is not restricted; the request follows the person to the customer it was merged into.
  await lockLiveCustomer(tx, actor, row.customer_id, 'UPDATE');
  await restrictCustomer(tx, row.customer_id);
  const now = requests.now();
  const recipients = await letters.notices.notifyAll(tx, NoticeKind.RESTRICTION, row, actor.user.id, now);
  const to = await requesterAddressee(tx, row);
  const document = await letters.documents.store(tx, {
    requestId: row.id,
    kind: PrivacyDocumentKind.RESTRICTION_REPLY,
    addressee: to,
    filename: `request-${row.request_number}-restriction-reply.html`,
    contentType: 'text/html; charset=utf-8',
    content: restrictionReply(letters.documents.dates, to, row, recipients, now),
    actorId: actor.user.id,
  });
  await requests.audit(tx, actor, 'CUSTOMER_RESTRICTED', row, { recipientsNotified: recipients.length });
  await requests.transition(tx, actor, row, PrivacyRequestStatus.COMPLETED, 'STATUS', null, {
    restricted: true,
    recipientsNotified: recipients.length,
    documentId: document.id,
  });
}
