import type { GraphQLFormattedError } from 'graphql';
import type { Messages } from './i18n';

/** The codes the server puts in `extensions.code` that the UI explains. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CONFIDENTIALITY_REQUIRED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'TOO_MANY_ATTEMPTS'
  | 'POSSIBLE_DUPLICATE'
  | 'IDENTITY_NOT_VERIFIED'
  | 'RESTRICTED';

export interface AppError {
  code: string;
  /** `extensions.field` with any `input.` prefix removed, e.g. `email`, `organisation.businessId`. */
  field?: string;
  extensions: Record<string, unknown>;
}

function fromGraphQL(error: GraphQLFormattedError): AppError {
  const extensions = (error.extensions ?? {}) as Record<string, unknown>;
  const rawField = typeof extensions.field === 'string' ? extensions.field : undefined;
  return {
    code: typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN',
    field: rawField?.replace(/^input\./, ''),
    extensions,
  };
}

/**
 * Told apart by name and shape, as Apollo Client 4 names its errors (CombinedGraphQLErrors, ServerError,
 * ServerParseError) and as the sign-in page's own requests do (sessionClient.ts): this module is in the first load,
 * which holds no Apollo Client (issue 16).
 */
const named = (error: unknown, ...names: string[]): error is Record<string, unknown> =>
  typeof error === 'object' && error !== null && names.includes((error as { name?: unknown }).name as string);
const graphQLErrors = (error: unknown): readonly GraphQLFormattedError[] | undefined =>
  named(error, 'CombinedGraphQLErrors') && Array.isArray(error.errors) ? (error.errors as GraphQLFormattedError[]) : undefined;

/** Every error in what Apollo Client (or the sign-in page's request) threw or returned, as code and field. */
export function appErrors(error: unknown): AppError[] {
  if (!error) return [];
  const answered = graphQLErrors(error);
  // A validation answer lists every field problem (`extensions.fields`): each is an error of its own, so a form
  // shows them all at once (issue 16), not only the first.
  if (answered) return answered.map(fromGraphQL).flatMap(fieldProblems);
  // The server answered, with an error status (a 500, a proxy's 502): it was reached, and failed (issue 16).
  if (named(error, 'ServerError', 'ServerParseError')) return [{ code: 'SERVER_ERROR', extensions: { statusCode: error.statusCode } }];
  if (error instanceof TypeError) return [{ code: 'NETWORK', extensions: {} }];
  return [{ code: 'UNKNOWN', extensions: {} }];
}

/** Every field problem of an error: validation answers list them all in `extensions.fields`. */
export function fieldProblems(error: AppError): AppError[] {
  const all = error.extensions.fields;
  if (!Array.isArray(all) || all.length === 0) return [error];
  return all.map((p: { field?: string }) => {
    const field = p.field?.replace(/^input\./, '');
    return { ...error, field, extensions: { ...error.extensions, field: p.field, fields: undefined } };
  });
}

export function hasCode(error: unknown, code: ErrorCode): boolean {
  return appErrors(error).some((e) => e.code === code);
}

/** A sentence for the user in their language: by field for bad input, else by code. */
export function describeError(t: Messages, error: AppError): string {
  // Text with a control character is refused at whichever field it is in (server/src/graphql/text-input.ts).
  if (error.extensions.reason === 'CONTROL_CHARACTER') return t.errors.CONTROL_CHARACTER;
  // P7: the customer's update prohibition refused a change from an outside source.
  if (error.extensions.reason === 'UPDATE_PROHIBITED') return t.errors.UPDATE_PROHIBITED;
  // A write to a record merged into another (P6): where the person's record now is, when the reader may see it.
  if (error.extensions.reason === 'ALREADY_MERGED') {
    // A merge asked of a record merged already: which side it is.
    if (error.field === 'keepId' || error.field === 'mergeId') return t.errors.ALREADY_MERGED_SIDE;
    const kept = error.extensions.keptCustomerNumber;
    return typeof kept === 'string' && kept ? `${t.errors.ALREADY_MERGED} ${t.errors.ALREADY_MERGED_INTO} ${kept}.` : t.errors.ALREADY_MERGED;
  }
  if (error.code === 'BAD_USER_INPUT' && error.field) {
    // `lines.2.quantity` is explained as `lines.*.quantity`.
    const message = t.fieldErrors[error.field] ?? t.fieldErrors[error.field.replace(/\.\d+(?=\.|$)/g, '.*')];
    if (message) return message;
  }
  if (error.code === 'SERVER_ERROR' || error.code === 'INTERNAL_SERVER_ERROR') return t.ux.SERVER_ERROR;
  return t.errors[error.code] ?? t.errors.UNKNOWN;
}

/**
 * Splits an error into messages shown beside their fields and the rest, shown at the top of the form.
 * `fields` lists the fields the form has an input for.
 */
export function splitErrors(t: Messages, error: unknown, fields: readonly string[]): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    const message = describeError(t, e);
    if (e.field && fields.includes(e.field)) byField[e.field] = message;
    else general.push(message);
  }
  return { byField, general: [...new Set(general)] };
}
