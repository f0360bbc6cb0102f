import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight } from '../../auth/authorize';
import { badInput, isAppError, requireId } from '../../errors';
import { normaliseCustomerValues } from '../customers/customers.service';
import { lockPersonOf } from '../customers/merged-record';
import { RECTIFIABLE_FIELDS, currentValueOf } from './rectifiable-fields';
import { insertItem } from './rectification.repository';
import { PrivacyRequestStatus, PrivacyRequestType, type NewPrivacyRequest, type PrivacyRequest } from './request.model';
import { insertRequest, openDuplicateOf, rectifiableValues } from './requests.repository';
import type { RequestStepDeps } from './request-steps';

/**
 * The intake of a data-subject request: what was asked, by whom, when and how, checked before
 * it is recorded; a second open request of the same type for the same customer is flagged a
 * duplicate. `RequestsService.create` runs it.
 */

/** The input of an intake, by the request's own field names (the permission table's). */
const INTAKE_FIELDS: Record<keyof NewPrivacyRequest, string> = {
  type: 'type',
  customerId: 'customer',
  requesterName: 'requesterName',
  requesterContact: 'requesterContact',
  receivedVia: 'receivedVia',
  language: 'language',
  signed: 'signed',
  receivedAt: 'receivedAt',
  paperOriginalLocation: 'paperOriginalLocation',
  items: 'items',
  prohibitions: 'requestedProhibitions',
};

/** Takes in a request: the fields given must be ones the actor may set. */
export async function takeIn(deps: RequestStepDeps, actor: Actor, input: NewPrivacyRequest): Promise<PrivacyRequest> {
  requireRight(actor, 'create', 'PrivacyRequest', 'You may not take in data-subject requests.');
  const given = (Object.keys(INTAKE_FIELDS) as Array<keyof NewPrivacyRequest>).filter((k) => input[k] !== undefined && input[k] !== null);
  const fields = given.map((k) => INTAKE_FIELDS[k]);
  assertWritable(actor, 'create', 'PrivacyRequest', null, fields);
  const requesterName = input.requesterName?.trim();
  if (!requesterName) throw badInput('requesterName', "Give the requester's name.");
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (Number.isNaN(receivedAt.getTime())) throw badInput('receivedAt', 'Give a valid date and time of receipt.');
  if (receivedAt.getTime() > now.getTime() + 60_000) throw badInput('receivedAt', 'A request cannot be received in the future.');
  const customer = input.customerId ? await deps.customers.get(actor, requireId(input.customerId, 'customerId', 'customer')) : null;

  const items = input.items ?? [];
  if (input.type === PrivacyRequestType.RECTIFICATION) {
    if (items.length === 0) throw badInput('items', 'Say what the requester wants corrected.');
    items.forEach((item, i) => {
      if (!RECTIFIABLE_FIELDS.includes(item.field)) throw badInput(`items.${i}.field`, `${item.field} is not a field that can be corrected.`);
      if (!item.proposedValue?.trim()) throw badInput(`items.${i}.proposedValue`, 'Give the corrected value.');
    });
  } else if (items.length > 0) {
    throw badInput('items', 'Only a rectification request has items to correct.');
  }
  const prohibitions = input.prohibitions ?? [];
  if (input.type === PrivacyRequestType.OBJECTION) {
    if (prohibitions.length === 0) throw badInput('prohibitions', 'Say which processing the requester objects to.');
  } else if (prohibitions.length > 0) {
    throw badInput('prohibitions', 'Only an objection names prohibitions.');
  }

  return deps.db.transaction(async (tx) => {
    // A second open request of the same type for the same customer is a duplicate: flagged, never merged.
    // The customer's row is the lock, so two intakes at once cannot both miss each other. P6, P8: a request naming
    // a merged record is the person's, taken in as the customer it was merged into (lockPersonOf says why).
    const person = customer ? await lockPersonOf(tx, actor, customer.id, 'UPDATE') : null;
    const customerId = person?.id ?? null;
    const redirectedFrom = person?.redirectedFrom ?? null;
    const country = redirectedFrom && customerId ? (await rectifiableValues(tx, customerId))?.country : customer?.country;
    const duplicateOf = customerId ? await openDuplicateOf(tx, customerId, input.type) : null;
    for (const [i, item] of items.entries()) await checkProposedValue(tx, item.field, item.proposedValue, country ?? 'FI', i);
    const row = await insertRequest(tx, {
      type: input.type,
      customerId,
      requesterName,
      requesterContact: input.requesterContact?.trim() || null,
      receivedAt,
      receivedVia: input.receivedVia,
      language: input.language,
      signed: input.signed ?? false,
      paperOriginalLocation: input.paperOriginalLocation?.trim() || null,
      dueAt: deps.requests.deadlines.firstDueAt(receivedAt),
      duplicateOf,
      objection: input.type === PrivacyRequestType.OBJECTION ? prohibitions.map((p) => ({ kind: p.kind, channel: p.channel ?? null })) : null,
      createdBy: actor.user.id,
      at: now,
    });
    if (items.length > 0) {
      const current = customerId ? await rectifiableValues(tx, customerId) : undefined;
      for (const [i, item] of items.entries()) {
        await insertItem(tx, {
          requestId: row.id,
          position: i + 1,
          field: item.field,
          currentValue: current ? currentValueOf(current, item.field) : null,
          proposedValue: item.proposedValue.trim(),
          reason: item.reason?.trim() || null,
        });
      }
    }
    const detail = redirectedFrom ? { duplicateOf, redirectedFrom } : { duplicateOf };
    await deps.requests.event(tx, actor, row.id, 'CREATED', null, PrivacyRequestStatus.RECEIVED, null, detail);
    await deps.requests.audit(tx, actor, 'PRIVACY_REQUEST_CREATED', row, { type: input.type, ...detail });
    return deps.requests.toRequest(row);
  });
}

/** A corrected value must be one the register would accept: checked at intake, not first at the decision. */
async function checkProposedValue(tx: EntityManager, field: string, value: string, country: string, index: number): Promise<void> {
  try {
    await normaliseCustomerValues(tx, { [field]: value.trim() }, [field], country);
  } catch (error) {
    if (isAppError(error, 'BAD_USER_INPUT')) throw badInput(`items.${index}.proposedValue`, error.message);
    throw error;
  }
}
