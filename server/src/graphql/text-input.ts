import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { appError } from '../errors';

/** `extensions.reason` of such an answer, so a form can say what is wrong with the text. */
export const CONTROL_CHARACTER = 'CONTROL_CHARACTER';

/**
 * The rule for text input, one for the whole API (issue 12).
 *
 * Refused in every String (and ID, and every string inside a JSON value) of every argument of
 * every query and mutation, whether sent as a variable or written in the query:
 * - C0 control characters U+0000-U+001F, DEL U+007F and C1 control characters U+0080-U+009F;
 * - a lone surrogate (half of a UTF-16 pair), which no UTF-8 text can hold;
 * - in single-line text, the line and paragraph separators U+2028 and U+2029.
 *
 * Tab, line feed and carriage return (and U+2028, U+2029) are allowed only in free text: the
 * arguments and input fields named in MULTILINE_FIELDS (notes, reasons, a recipient's necessity and
 * postal address, an uploaded CSV), which the web shows as text areas. A new free-text field takes one of these
 * names or is added there.
 *
 * Such input answers BAD_USER_INPUT with `field` naming its path (`input.firstName`,
 * `input.items.0.reason`) before the resolver runs, so nothing changes and the value never
 * reaches the database (where a NUL was a 500) or the log.
 */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(['note', 'reason', 'necessity', 'postalAddress', 'csv', 'controllerAddress', 'contactAddress']);

const isLineBreak = (unit: number) => unit === 0x09 || unit === 0x0a || unit === 0x0d || unit === 0x2028 || unit === 0x2029;
const isControl = (unit: number) => unit < 0x20 || (unit >= 0x7f && unit <= 0x9f);
const hex = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why this text is refused, or null when it is fine. Pure, for the resolvers' wrapper and for tests. */
export function textProblem(text: string, multiline: boolean): string | null {
  // UTF-16 code units, so that a surrogate without its other half is seen as one.
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isLineBreak(unit)) {
      if (multiline) continue;
      return `contains ${unit === 0x09 ? 'a tab' : 'a line break'} (${hex(unit)}), which is not allowed here.`;
    }
    if (isControl(unit)) return `contains a control character (${hex(unit)}), which is not allowed.`;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (unit >= 0xd800 && unit <= 0xdfff) return 'contains a broken character (half of a UTF-16 surrogate pair).';
  }
  return null;
}

/** Scalars whose value is text the client chose. Others (UUID, dates, numbers) parse into their own shape. */
const TEXT_SCALARS = new Set(['String', 'ID']);
const JSON_SCALARS = new Set(['JSON', 'JSONObject']);

/** Whether a value of this type can hold text that the rule must see. */
function holdsText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return TEXT_SCALARS.has(named.name) || JSON_SCALARS.has(named.name);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => holdsText(f.type, seen));
}

/** The first refused text in a coerced argument value: its path and why. */
function findProblem(value: unknown, type: GraphQLInputType, path: string, multiline: boolean): { field: string; problem: string } | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return findProblem(value, type.ofType, path, multiline);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const found = findProblem(item, type.ofType, `${path}.${i}`, multiline);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field) continue;
      const found = findProblem(fieldValue, field.type, `${path}.${name}`, MULTILINE_FIELDS.has(name));
      if (found) return found;
    }
    return null;
  }
  if (isScalarType(type) && JSON_SCALARS.has(type.name)) return findInJson(value, path);
  if (typeof value === 'string') {
    const problem = textProblem(value, multiline);
    return problem ? { field: path, problem } : null;
  }
  return null;
}

function findInJson(value: unknown, path: string): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value, false);
    return problem ? { field: path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findInJson(item, `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findInJson(key, path) ?? findInJson(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Wraps every field that takes text arguments (root fields and nested ones such as
 * `Customer.orders(after:)`), so that the rule above holds for the whole schema, not per resolver.
 * The arguments are checked as coerced, so variables, literals and defaults are treated alike.
 * Fields without text arguments are left as they are: no cost on reads.
 */
export function refuseControlCharacters(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const textArgs: GraphQLArgument[] = field.args.filter((a) => holdsText(a.type));
      if (textArgs.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const checked: GraphQLFieldResolver<unknown, unknown> = (root, args, context, info) => {
        for (const arg of textArgs) {
          const found = findProblem(args[arg.name], arg.type, arg.name, MULTILINE_FIELDS.has(arg.name));
          if (found) throw appError('BAD_USER_INPUT', `${found.field} ${found.problem}`, { field: found.field, reason: CONTROL_CHARACTER });
        }
        return resolve(root, args, context, info);
      };
      field.resolve = checked;
    }
  }
  return schema;
}
