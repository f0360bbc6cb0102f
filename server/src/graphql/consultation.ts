import { CUSTOMER_PERSONAL_FIELDS } from '@rekisteri/schema';
import type { GraphQLResolveInfo } from 'graphql';
import type { Consultation } from '../audit/audit.repository';
import { ReadLog } from '../audit/audit.service';
import type { RequestContext } from './context';
import { selectedFieldsAt } from './selection';

const PERSONAL = new Set<string>(CUSTOMER_PERSONAL_FIELDS);

/**
 * What a page of customers will show of every customer on it, known before it is read: the personal
 * fields the request selects at `path` (below the list field) that the reader may read of every
 * customer (the field mask's 'allow'; a field decided per record is left to the field guard, which
 * logs it as it resolves). The list's read then writes this consultation log itself. Undefined when
 * nobody is signed in or the selection hangs on variables (@skip, @include). `selected`: the caller's
 * `selectedFieldsAt(info, path)`, when it has it already.
 */
export function pageConsultation(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  path: readonly string[],
  selected = selectedFieldsAt(info, path),
): Consultation | undefined {
  if (!ctx.actor || !ctx.fieldMask || !selected) return undefined;
  const mask = ctx.fieldMask;
  const fields = ReadLog.FIELDS.filter((f) => PERSONAL.has(f) && selected.has(f) && mask.decide('Customer', f) === 'allow');
  return { actorId: ctx.actor.user.id, actorUsername: ctx.actor.user.username, purpose: ctx.purpose, fields };
}
