import { subject as asSubject, CUSTOMER_PERSONAL_FIELDS, SUBJECTS, type AppAbility, type Subject } from '@rekisteri/schema';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
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

const PERSONAL = new Set(CUSTOMER_PERSONAL_FIELDS);

/**
 * The one place field reads are checked: every field of every type in the permission table is
 * wrapped here. A denied field resolves to null with FORBIDDEN at its path; the rest of the
 * response is intact. Every personal field shown is noted for the audit trail. The wrapper is
 * synchronous and the decision is made once per type and field per request (FieldMask), so a
 * list costs a map lookup per field, not a middleware chain.
 */
export function guardFields(schema: GraphQLSchema): GraphQLSchema {
  for (const typeName of SUBJECTS) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const name = field.name;
      const personal = typeName === 'Customer' && PERSONAL.has(name);
      const guarded: GraphQLFieldResolver<any, RequestContext> = (root, args, context, info) => {
        if (!context.fieldMask?.canRead(typeName, root, name)) {
          throw forbidden(`You may not read ${typeName}.${name}.`, name);
        }
        if (personal) context.readLog.note(root.id, name);
        return resolve(root, args, context, info);
      };
      field.resolve = guarded;
    }
  }
  return schema;
}
