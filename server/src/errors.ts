import { GraphQLError } from 'graphql';

/** Codes in `extensions.code` that clients rely on. */
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
  | 'IDENTITY_NOT_VERIFIED';

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const unauthenticated = () => appError('UNAUTHENTICATED', 'Sign in first, or check your username and password.');
export const forbidden = (message = 'You are not allowed to do that.', field?: string) =>
  appError('FORBIDDEN', message, field ? { field } : {});
export const notFound = (what: string) => appError('NOT_FOUND', `${what} not found.`);
export const badInput = (field: string, message: string) => appError('BAD_USER_INPUT', message, { field });
export const conflict = (message: string, extensions: Record<string, unknown>) =>
  appError('CONFLICT', message, extensions);

/** Ids are UUIDs: anything else names nothing, and never reaches the database. */
export const isUuid = (id: unknown): id is string => typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** A reference to another record in input: a malformed id is bad input naming the field. */
export function requireId(id: unknown, field: string, what: string): string {
  if (!isUuid(id)) throw badInput(field, `No such ${what}.`);
  return id;
}
