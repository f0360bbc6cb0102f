import { CUSTOMER_PERSONAL_FIELDS } from '@rekisteri/schema';
import type { Consultation } from '../audit/audit.repository';
import { ReadLog } from '../audit/audit.service';
import type { RequestContext } from './context';

const PERSONAL = new Set<string>(CUSTOMER_PERSONAL_FIELDS);

/**
 * What a page of customers will show of every customer on it, known before it is read: of the fields
 * `selected` for each customer (`selectedFieldsAt`), the personal ones the reader may read of every
 * customer (the field mask's 'allow'; a field decided per record is left to the field guard, which
 * logs it as it resolves). The list's read then writes this consultation log itself. Undefined when
 * nobody is signed in or the selection cannot be known before it is resolved.
 */
export function pageConsultation(ctx: RequestContext, selected: ReadonlySet<string> | undefined): Consultation | undefined {
  if (!ctx.actor || !ctx.fieldMask || !selected) return undefined;
  const mask = ctx.fieldMask;
  const fields = ReadLog.FIELDS.filter((f) => PERSONAL.has(f) && selected.has(f) && mask.decide('Customer', f) === 'allow');
  return { actorId: ctx.actor.user.id, actorUsername: ctx.actor.user.username, purpose: ctx.purpose, fields };
}
