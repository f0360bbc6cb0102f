import { subject as asSubject, CUSTOMER_PERSONAL_FIELDS, SUBJECTS, type AppAbility, type Subject } from '@rekisteri/schema';
import type { MiddlewareFn } from 'type-graphql';
import { forbidden } from '../errors';
import type { RequestContext } from '../graphql/context';

type Decision = 'allow' | 'deny' | 'per-record';

/**
 * What a user may read of each (type, field), worked out once per request. Only where a rule
 * has conditions (a partner's own customers, a user's own account) is each record checked.
 */
export class FieldMask {
  private readonly decisions = new Map<string, Decision>();

  constructor(private readonly ability: AppAbility) {}

  decide(type: Subject, field: string): Decision {
    const key = `${type}.${field}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      const rules = this.ability.rulesFor('read', type, field);
      if (rules.length === 0) decision = 'deny';
      else if (rules.some((r) => r.conditions)) decision = 'per-record';
      else decision = this.ability.can('read', type, field) ? 'allow' : 'deny';
      this.decisions.set(key, decision);
    }
    return decision;
  }

  canRead(type: Subject, record: object, field: string): boolean {
    const decision = this.decide(type, field);
    if (decision === 'per-record') return this.ability.can('read', asSubject(type, record as Record<string, unknown>), field);
    return decision === 'allow';
  }
}

const GUARDED = new Set<string>(SUBJECTS);
const PERSONAL = new Set(CUSTOMER_PERSONAL_FIELDS);

/**
 * The one place field reads are checked. A denied field resolves to null with FORBIDDEN at its
 * path; the rest of the response is intact. Every personal field shown is noted for the audit trail.
 */
export const fieldGuard: MiddlewareFn<RequestContext> = ({ root, info, context }, next) => {
  const type = info.parentType.name;
  if (!GUARDED.has(type)) return next();
  const field = info.fieldName;
  if (!context.fieldMask?.canRead(type as Subject, root, field)) {
    throw forbidden(`You may not read ${type}.${field}.`, field);
  }
  if (type === 'Customer' && PERSONAL.has(field)) context.readLog.note(root.id, field);
  return next();
};
