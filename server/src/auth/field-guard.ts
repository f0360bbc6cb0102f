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
import { ReadLog } from '../audit/audit.service';
import type { RequestContext } from '../graphql/context';

const PERSONAL = new Set(CUSTOMER_PERSONAL_FIELDS);

/** The first FORBIDDEN error of each denied field (its nodes and type) in a request: the others are made from it. */
const deniedTemplates = new WeakMap<readonly object[], Map<string, GraphQLError>>();

/**
 * A denied field's error: FORBIDDEN at the field's path, built already located (graphql-js then
 * takes it as it is instead of wrapping it) and without a stack trace, which says nothing about a
 * refusal. Building a GraphQLError (its stack, then its locations from the source) costs tens of
 * microseconds, so one is built per field of the request (graphql-js collects a field's nodes once
 * per request, so the same array comes back for every row) and every other cell's error is that
 * error with its own path: still a GraphQLError (instanceof holds), with the same message, locations
 * and extensions, which is what the response carries. So a page of denied cells costs about what a
 * page of shown ones does.
 */
function deniedField(typeName: string, field: string, info: GraphQLResolveInfo): GraphQLError {
  let byType = deniedTemplates.get(info.fieldNodes);
  if (!byType) {
    byType = new Map();
    deniedTemplates.set(info.fieldNodes, byType);
  }
  let template = byType.get(typeName);
  if (!template) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      template = new GraphQLError(`You may not read ${typeName}.${field}.`, {
        nodes: info.fieldNodes,
        extensions: { code: 'FORBIDDEN', field },
      });
    } finally {
      Error.stackTraceLimit = limit;
    }
    byType.set(typeName, template);
  }
  // The template's `path` is a writable own property: setting it on the copy makes the copy's own, as a descriptor would, at a fraction of the cost.
  const cell = Object.create(template) as { path: ReadonlyArray<string | number> };
  cell.path = responsePathAsArray(info.path);
  return cell as GraphQLError;
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
      const readBit = personal ? ReadLog.bitOf(name) : 0;
      const fieldSlot = slot++;
      const guarded: GraphQLFieldResolver<object, RequestContext> = (root, args, context, info) => {
        // Returned, not thrown: graphql-js and graphql-jit take a resolver's Error as the field's error alike, and a page of
        // denied cells then unwinds no stack per cell.
        if (!context.fieldMask?.canReadAt(fieldSlot, typeName, root, name)) return deniedField(typeName, name, info);
        // A personal field is a Customer's, whose record carries its id.
        if (personal) context.readLog.noteBit((root as { id: string }).id, readBit);
        return resolve(root, args, context, info);
      };
      field.resolve = guarded;
    }
  }
  return schema;
}
