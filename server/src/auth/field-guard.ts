import { CUSTOMER_PERSONAL_FIELDS, SUBJECTS } from '@rekisteri/schema';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden } from '../errors';
import type { RequestContext } from '../graphql/context';

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
      const guarded: GraphQLFieldResolver<object, RequestContext> = (root, args, context, info) => {
        if (!context.fieldMask?.canRead(typeName, root, name)) {
          throw forbidden(`You may not read ${typeName}.${name}.`, name);
        }
        // A personal field is a Customer's, whose record carries its id.
        if (personal) context.readLog.note((root as { id: string }).id, name);
        return resolve(root, args, context, info);
      };
      field.resolve = guarded;
    }
  }
  return schema;
}
