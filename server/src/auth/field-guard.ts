import { CUSTOMER_PERSONAL_FIELDS, SUBJECTS, type Subject } from '@rekisteri/schema';
import {
  defaultFieldResolver,
  type FieldNode,
  getNamedType,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isAbstractType,
  isNonNullType,
  isObjectType,
  responsePathAsArray,
} from 'graphql';
import { ReadLog, type ReadTally } from '../audit/audit.service';
import { withoutStack } from '../errors';
import type { RequestContext } from '../graphql/context';
import { selectedFieldsByKey } from '../graphql/selection';
import type { FieldDecision, FieldMask } from './field-mask';

const PERSONAL = new Set(CUSTOMER_PERSONAL_FIELDS);

/**
 * The FORBIDDEN error of each denied (type, field): one per process, with no stack (it says nothing about a refusal),
 * no nodes and no path. The executor locates it at each cell it answers (`locateDenied`), so a page of denied cells
 * costs about what a page of shown ones does.
 */
const templates = new Map<string, GraphQLError>();
const isTemplate = new WeakSet<GraphQLError>();
function deniedError(typeName: string, field: string): GraphQLError {
  const key = `${typeName}.${field}`;
  let template = templates.get(key);
  if (!template) {
    template = withoutStack(() => new GraphQLError(`You may not read ${key}.`, { extensions: { code: 'FORBIDDEN', field } }));
    templates.set(key, template);
    isTemplate.add(template);
  }
  return template;
}

/**
 * A denied cell's error at its place in the response, when `error` is one of the guard's: the same message and
 * extensions, with the path and locations the executor worked out. Undefined for any other error.
 */
export function locateDenied(error: unknown, path: ReadonlyArray<string | number> | undefined, locations: GraphQLError['locations']): GraphQLError | undefined {
  if (!(error instanceof GraphQLError) || !isTemplate.has(error)) return undefined;
  // Own properties on a copy of the template: still a GraphQLError (instanceof holds), at a fraction of a new one's cost.
  const cell = Object.create(error) as { path: unknown; locations: unknown };
  cell.path = path;
  cell.locations = locations;
  return cell as GraphQLError;
}

const RECORD = Symbol('record');
const MASK = Symbol('mask');
const TALLY = Symbol('tally');

/**
 * What GraphQL is handed of a record of a type whose data fields have no resolver (TypeGraphQL `simpleResolvers`):
 * a view whose every data field is a getter on a prototype shared by every request with the same decisions. A field
 * the user may read answers the record's value (and a personal one is tallied for the consultation log as it is
 * read, so the log names what the response shows); a denied one answers the FORBIDDEN error, which the executor
 * makes the field's error at its path, or, in a quiet view (`denialsFor`), null, its error listed already. So a cell
 * costs a property read, not a resolver call.
 */
interface View {
  [RECORD]: object;
  [MASK]: FieldMask | null;
  [TALLY]: ReadTally | null;
}

/** The record a view shows, or the value itself when it is not a view. */
export function recordOf<T>(value: T): T {
  return ((value as Partial<View> | null)?.[RECORD] as T | undefined) ?? value;
}

interface DataField {
  name: string;
  /** The consultation log's bit of a personal field, 0 for any other. */
  bit: number;
  /** Whether the field may be null: only such a field is answered null when denied (a non-null one would fail its parent). */
  nullable: boolean;
}

interface ViewedType {
  name: Subject;
  fields: DataField[];
  personal: boolean;
  /** The views' prototypes, by the decisions they were made for ('a', 'd', 'p' per field). */
  prototypes: Map<string, object>;
}

const CODES: Record<FieldDecision, string> = { allow: 'a', deny: 'd', 'per-record': 'p' };

function getterFor(type: ViewedType, field: DataField, decision: FieldDecision, quiet: boolean): () => unknown {
  const { name, bit } = field;
  const denied = deniedError(type.name, name);
  // Quiet: the view's selected denied cells have their errors listed already (`denialsFor`), so the cell is only null.
  if (decision === 'deny') return quiet && field.nullable ? () => null : () => denied;
  if (decision === 'allow') {
    if (!bit) {
      return function (this: View) {
        return (this[RECORD] as Record<string, unknown>)[name];
      };
    }
    return function (this: View) {
      (this[TALLY] as ReadTally).bits |= bit;
      return (this[RECORD] as Record<string, unknown>)[name];
    };
  }
  return function (this: View) {
    const record = this[RECORD] as Record<string, unknown>;
    if (!this[MASK]?.canRead(type.name, record, name)) return denied;
    if (bit) (this[TALLY] as ReadTally).bits |= bit;
    return record[name];
  };
}

/** The prototypes of each viewed type (loud, then quiet), by the field mask (the set of rights) that decided them. */
const prototypesOf = new WeakMap<FieldMask, Map<ViewedType, [object, object]>>();
const unsignedPrototypes = new Map<ViewedType, [object, object]>();

/** The prototype of the views a field mask makes of `type` (nobody signed in: every field denied). */
function prototypeFor(type: ViewedType, mask: FieldMask | null, quiet: boolean): object {
  let known = mask ? prototypesOf.get(mask) : unsignedPrototypes;
  if (!known) {
    known = new Map();
    prototypesOf.set(mask as FieldMask, known);
  }
  let pair = known.get(type);
  if (!pair) {
    const decisions = type.fields.map((f) => decisionOf(type, mask, f.name));
    pair = [decidedPrototype(type, decisions, false), decidedPrototype(type, decisions, true)];
    known.set(type, pair);
  }
  return pair[quiet ? 1 : 0];
}

/** What a field mask decides of a field (nobody signed in: deny). */
const decisionOf = (type: ViewedType, mask: FieldMask | null, field: string): FieldDecision => (mask ? mask.decide(type.name, field) : 'deny');

function decidedPrototype(type: ViewedType, decisions: readonly FieldDecision[], quiet: boolean): object {
  const key = `${quiet ? 'q' : 'l'}${decisions.map((d) => CODES[d]).join('')}`;
  let prototype = type.prototypes.get(key);
  if (!prototype) {
    prototype = {};
    type.fields.forEach((field, i) => {
      Object.defineProperty(prototype, field.name, { get: getterFor(type, field, decisions[i], quiet), enumerable: true });
    });
    type.prototypes.set(key, prototype);
  }
  return prototype;
}

/** The denied cells a view's selection shows, by response key, each with its FORBIDDEN error located at its nodes. */
type Denials = ReadonlyArray<{ key: string; error: GraphQLError }>;

/** Each operation's denials (by its list of denied cells), by the nodes of the field that shows the views (the same for every row of a list). */
const denialsOf = new WeakMap<GraphQLError[], Map<readonly FieldNode[], Denials | null>>();

/**
 * The cells a view of `type` will answer denied, when the selection below `info`'s field is known before it is
 * resolved (`selectedFieldsByKey`) and the executor lists a request's denied cells (`deniedCells`): the views are then
 * quiet, and each cell's error is listed as the view is made, which costs less than an error the executor makes of a
 * returned one. Null otherwise: the views answer each denied cell's error themselves. A field decided per record
 * answers its own error either way.
 */
function denialsFor(type: ViewedType, context: RequestContext, info: GraphQLResolveInfo): Denials | null {
  const cells = context.deniedCells;
  if (!cells) return null;
  let known = denialsOf.get(cells);
  if (!known) {
    known = new Map();
    denialsOf.set(cells, known);
  }
  let denials = known.get(info.fieldNodes);
  if (denials === undefined) {
    const selected = selectedFieldsByKey(info);
    const mask = context.fieldMask;
    denials = selected
      ? [...selected]
          .filter(([, field]) => type.fields.some((f) => f.name === field.name && f.nullable) && decisionOf(type, mask, field.name) === 'deny')
          .map(([key, field]) => ({ key, error: ofRequest(locatedTemplate(deniedError(type.name, field.name), field.nodes), context) }))
      : null;
    known.set(info.fieldNodes, denials);
  }
  return denials;
}

/**
 * A denied field's error with the locations of the nodes that ask for it: built once per document and response key
 * (Apollo keeps a parsed document for each query text, so its nodes are the same objects on every request of it).
 */
const located = new WeakMap<FieldNode, Map<string, GraphQLError>>();
function locatedTemplate(template: GraphQLError, nodes: readonly FieldNode[]): GraphQLError {
  let known = located.get(nodes[0]);
  if (!known) {
    known = new Map();
    located.set(nodes[0], known);
  }
  // The same first node may come with others elsewhere in the document (a fragment spread where the field is asked too).
  const key = `${template.message} ${nodes.map((n) => n.loc?.start).join(',')}`;
  let error = known.get(key);
  if (!error) {
    error = withoutStack(() => new GraphQLError(template.message, { nodes, extensions: template.extensions }));
    known.set(key, error);
  }
  return error;
}

/** A located error as one request lists it: with the request's correlation id among its extensions (graphql/format-error.ts). */
function ofRequest(error: GraphQLError, context: RequestContext): GraphQLError {
  const correlationId = context.req?.correlationId;
  if (!correlationId) return error;
  return Object.create(error, {
    extensions: { value: { ...error.extensions, correlationId }, enumerable: true, writable: true, configurable: true },
  }) as GraphQLError;
}

const isPromise = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/** Where a value stands in the response: the resolving field, and the list indexes below it. */
interface Place {
  info: GraphQLResolveInfo;
  indexes: readonly number[];
}

/** A field's value as GraphQL will show it: every record of `type` in it (through lists and promises) a view. */
function viewed(type: ViewedType, value: unknown, context: RequestContext, place: Place): unknown {
  if (value == null || value instanceof Error) return value;
  if (isPromise(value)) return value.then((v) => viewed(type, v, context, place));
  if (typeof value !== 'object') return value;
  if (Array.isArray(value) || Symbol.iterator in value) {
    return Array.from(value as Iterable<unknown>, (item, i) => viewed(type, item, context, { info: place.info, indexes: [...place.indexes, i] }));
  }
  const record = recordOf(value);
  const mask = context.fieldMask;
  const denials = denialsFor(type, context, place.info);
  const view = Object.create(prototypeFor(type, mask, denials !== null)) as View;
  view[RECORD] = record;
  view[MASK] = mask;
  view[TALLY] = type.personal ? context.readLog.tally((record as { id: string }).id) : null;
  if (denials?.length) {
    const at = [...responsePathAsArray(place.info.path), ...place.indexes];
    for (const { key, error } of denials) {
      // Own properties on a copy of the request's error: still a GraphQLError, with its message, locations and extensions.
      const cell = Object.create(error) as { path: ReadonlyArray<string | number> };
      cell.path = [...at, key];
      (context.deniedCells as GraphQLError[]).push(cell as GraphQLError);
    }
  }
  return view;
}

/**
 * The field mask's slot of each wrapped field: numbered across every schema the process guards, as a field mask (one
 * per set of rights, actor.ts) keeps its decisions by slot for all of them.
 */
let slot = 0;

/**
 * The one place field reads are checked, a schema transform over every type in the permission table:
 * - a field with a resolver of its own (a relation, a computed value) is wrapped: denied, it resolves to null with
 *   FORBIDDEN at its path and its resolver never runs; its resolver sees the record, not a view;
 * - a type whose data fields have no resolver (`simpleResolvers`) is shown only as views (above): every field of the
 *   schema whose type is that type, or a list of it, hands GraphQL views of what it resolves to;
 * - a personal field shown is noted for the audit trail, once per customer and field.
 * The decision is made once per type and field for a set of rights (FieldMask, kept per ability: actor.ts); only
 * where a rule has conditions (a partner's own customers, a user's own account) is each record checked.
 */
export function guardFields(schema: GraphQLSchema): GraphQLSchema {
  const views = new Map<string, ViewedType>();
  for (const typeName of SUBJECTS) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const data: DataField[] = [];
    for (const field of Object.values(type.getFields())) {
      const name = field.name;
      const personal = typeName === 'Customer' && PERSONAL.has(name);
      const bit = personal ? ReadLog.bitOf(name) : 0;
      if (!field.resolve) {
        data.push({ name, bit, nullable: !isNonNullType(field.type) });
        continue;
      }
      const resolve = field.resolve;
      const fieldSlot = slot++;
      const denied = deniedError(typeName, name);
      const guarded: GraphQLFieldResolver<object, RequestContext> = (root, args, context, info) => {
        const record = recordOf(root);
        // Returned, not thrown: graphql-js and graphql-jit take a resolver's Error as the field's error alike.
        if (!context.fieldMask?.canReadAt(fieldSlot, typeName, record, name)) return denied;
        // A personal field is a Customer's, whose record carries its id.
        if (personal) context.readLog.noteBit((record as { id: string }).id, bit);
        return resolve(record, args, context, info);
      };
      field.resolve = guarded;
    }
    if (data.length > 0) views.set(typeName, { name: typeName, fields: data, personal: data.some((f) => f.bit), prototypes: new Map() });
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type) && schema.getPossibleTypes(type).some((t) => views.has(t.name))) {
      // A view is made where the field's type says which type it shows; behind an interface or union it would not be.
      throw new Error(`${type.name} may resolve to a type shown through views (${[...views.keys()].join(', ')}): give that type resolvers instead`);
    }
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const shown = views.get(getNamedType(field.type).name);
      if (!shown) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context: RequestContext, info) => viewed(shown, resolve(root, args, context, info), context, { info, indexes: [] });
    }
  }
  return schema;
}
