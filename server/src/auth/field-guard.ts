import { CUSTOMER_PERSONAL_FIELDS, SUBJECTS } from '@rekisteri/schema';
import {
  defaultFieldResolver,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isObjectType,
  responsePathAsArray,
} from 'graphql';
import type { RequestContext } from '../graphql/context';

const PERSONAL = new Set(CUSTOMER_PERSONAL_FIELDS);

/**
 * A denied field's error: FORBIDDEN at the field's path, built already located (graphql-js then
 * takes it as it is instead of wrapping it) and without a stack trace, which says nothing about a
 * refusal: so a page of denied cells costs about what a page of shown ones does.
 */
function deniedField(typeName: string, field: string, info: GraphQLResolveInfo): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(`You may not read ${typeName}.${field}.`, {
      nodes: info.fieldNodes,
      path: responsePathAsArray(info.path),
      extensions: { code: 'FORBIDDEN', field },
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The one place field reads are checked: every field of every type in the permission table is
 * wrapped here. A denied field resolves to null with FORBIDDEN at its path; the rest of the
 * response is intact. Every personal field shown is noted for the audit trail. The wrapper is
 * synchronous and the decision is made once per type and field per request (FieldMask, by the
 * field's slot number), so a list costs an array lookup per cell, not a middleware chain.
 */
export function guardFields(schema: GraphQLSchema): GraphQLSchema {
  let slot = 0;
  for (const typeName of SUBJECTS) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const name = field.name;
      const personal = typeName === 'Customer' && PERSONAL.has(name);
      const fieldSlot = slot++;
      const guarded: GraphQLFieldResolver<object, RequestContext> = (root, args, context, info) => {
        if (!context.fieldMask?.canReadAt(fieldSlot, typeName, root, name)) throw deniedField(typeName, name, info);
        // A personal field is a Customer's, whose record carries its id.
        if (personal) context.readLog.note((root as { id: string }).id, name);
        return resolve(root, args, context, info);
      };
      field.resolve = guarded;
    }
  }
  return schema;
}
