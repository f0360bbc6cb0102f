import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import { badInput, requireId } from '../../errors';
import { lockLiveCustomer } from '../customers/merged-record';
import { customerLanguage, PrivacyDocumentKind, requesterAddressee } from './documents';
import { extensionNotice, refusalNotice, restrictionLiftNotice } from './letters';
import { PrivacyRequestStatus, type DeadlineExtension, type PrivacyRequest } from './request.model';
import { liftCustomerRestriction, restrictionRequestOf, restrictionStateOf, setExtension } from './requests.repository';
import type { RequestStepDeps } from './request-steps';

/**
 * The steps on a request of which the requester is told by a document made in the same
 * transaction: a restriction lifted (GDPR 18(3)), a deadline extended (GDPR 12(3)), a refusal.
 * `RequestsService` runs them.
 */

/**
 * GDPR 18: ends a restriction of processing, with the reason. A privacy officer's step, on a
 * customer they may see. GDPR 18(3): the person is told first, by a notice in their language on
 * the request that restricted the processing; then the restriction goes, in the same transaction.
 */
export async function liftRestriction(deps: RequestStepDeps, actor: Actor, customerId: string, note: string): Promise<void> {
  requireRight(actor, 'work', 'PrivacyRequest', 'Only a privacy officer may lift a restriction.');
  if (!note?.trim()) throw badInput('note', 'Say why the restriction is lifted.');
  const customer = await deps.customers.get(actor, requireId(customerId, 'customerId', 'customer'));
  await deps.db.transaction(async (tx) => {
    // P6: a merged record was never restricted (customer-merge refuses it): refused as any write to it.
    await lockLiveCustomer(tx, actor, customer.id, 'UPDATE');
    const state = await restrictionStateOf(tx, customer.id);
    if (!state?.restricted) throw badInput('customerId', 'Processing of this customer is not restricted.');
    const request = await restrictionRequestOf(tx, customer.id);
    if (!request) {
      throw badInput('customerId', 'No restriction request of this customer is on record, so the person cannot be told before the lift (GDPR 18(3)).');
    }
    const now = deps.clock.now();
    const to = await requesterAddressee(tx, request, customerLanguage(state.language, request.language));
    const document = await deps.documents.store(tx, {
      requestId: request.id,
      kind: PrivacyDocumentKind.RESTRICTION_LIFT_NOTICE,
      addressee: to,
      filename: `request-${request.request_number}-restriction-lifted.html`,
      contentType: 'text/html; charset=utf-8',
      content: restrictionLiftNotice(deps.documents.dates, to, request, note.trim(), now),
      actorId: actor.user.id,
    });
    await deps.requests.event(tx, actor, request.id, 'RESTRICTION_LIFTED', null, null, note.trim(), { documentId: document.id });
    if ((await liftCustomerRestriction(tx, customer.id)) === 0) throw badInput('customerId', 'Processing of this customer is not restricted.');
    await recordAuditEvents(tx, [
      {
        action: 'CUSTOMER_RESTRICTION_LIFTED',
        actorId: actor.user.id,
        actorUsername: actor.user.username,
        customerId: customer.id,
        detail: { note: note.trim(), requestId: request.id, documentId: document.id },
      },
    ]);
  });
}

/**
 * GDPR 12(3): the deadline may move by at most two further months, only while the first month
 * runs, and the requester is told why (a notice document is made and recorded).
 */
export function extendDeadline(deps: RequestStepDeps, actor: Actor, id: string, input: DeadlineExtension): Promise<PrivacyRequest> {
  return deps.requests.work(actor, id, { fields: ['dueAt', 'extended'] }, async (tx, row) => {
    const now = deps.clock.now();
    const reason = input.reason?.trim();
    if (!reason) throw badInput('reason', 'Say why more time is needed: the requester is told.');
    if (now.getTime() > new Date(row.first_due_at).getTime()) {
      throw badInput('until', 'The deadline can be extended only while the first month runs.');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(input.until))) throw badInput('until', 'Give the new last day as a date.');
    const until = deps.requests.deadlines.endOfDate(String(input.until));
    if (until.getTime() <= new Date(row.due_at).getTime()) throw badInput('until', 'An extension moves the deadline later.');
    if (until.getTime() > deps.requests.deadlines.latestExtension(row.received_at).getTime()) {
      throw badInput('until', 'The deadline can move at most two further months (three months from receipt).');
    }
    await setExtension(tx, id, until, reason);
    const to = await requesterAddressee(tx, row);
    const document = await deps.documents.store(tx, {
      requestId: id,
      kind: PrivacyDocumentKind.EXTENSION_NOTICE,
      addressee: to,
      filename: `request-${row.request_number}-extension.html`,
      contentType: 'text/html; charset=utf-8',
      content: extensionNotice(deps.documents.dates, to, row, until, reason),
      actorId: actor.user.id,
    });
    await deps.requests.transition(tx, actor, row, row.status, 'EXTENDED', reason, {
      until: String(input.until),
      requesterInformed: true,
      documentId: document.id,
    });
    await deps.requests.audit(tx, actor, 'PRIVACY_REQUEST_EXTENDED', row, { until: String(input.until) });
  });
}

/** Refuses the request (e.g. identity could not be verified, or manifestly unfounded), with the Ombudsman route. */
export function refuseRequest(deps: RequestStepDeps, actor: Actor, id: string, reason: string): Promise<PrivacyRequest> {
  return deps.requests.work(actor, id, { fields: ['status'] }, async (tx, row) => {
    if (!reason?.trim()) throw badInput('reason', 'Say why the request is refused: the requester is told.');
    const to = await requesterAddressee(tx, row);
    const document = await deps.documents.store(tx, {
      requestId: id,
      kind: PrivacyDocumentKind.REFUSAL_NOTICE,
      addressee: to,
      filename: `request-${row.request_number}-refusal.html`,
      contentType: 'text/html; charset=utf-8',
      content: refusalNotice(deps.documents.dates, to, row, reason.trim(), deps.clock.now()),
      actorId: actor.user.id,
    });
    await deps.requests.transition(tx, actor, row, PrivacyRequestStatus.REFUSED, 'STATUS', reason.trim(), { documentId: document.id });
    await deps.requests.audit(tx, actor, 'PRIVACY_REQUEST_REFUSED', row, {});
  });
}
