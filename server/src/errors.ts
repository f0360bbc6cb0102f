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
  | 'IDENTITY_NOT_VERIFIED'
  /** The prohibition asked for is in force already: nothing was appended (P15). */
  | 'ALREADY_IN_FORCE'
  /** GDPR 18: processing of the customer is restricted; their data is kept and read, not changed. */
  | 'RESTRICTED';

/**
 * An error a user can cause, with its code. Plain JavaScript, not GraphQL: services and the gate
 * throw it, and GraphQL carries its `extensions` to the client as they are (graphql-js copies the
 * extensions of the original error). A file download maps the code to an HTTP status.
 */
export class AppError extends Error {
  readonly extensions: { code: ErrorCode } & Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.extensions = { code, ...extensions };
  }

  get code(): ErrorCode {
    return this.extensions.code;
  }
}

export const isAppError = (error: unknown, code?: ErrorCode): error is AppError => error instanceof AppError && (code === undefined || error.code === code);

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new AppError(code, message, extensions);
}

export const unauthenticated = () => appError('UNAUTHENTICATED', 'Sign in first, or check your username and password.');
export const forbidden = (message = 'You are not allowed to do that.', field?: string) => appError('FORBIDDEN', message, field ? { field } : {});
export const notFound = (what: string) => appError('NOT_FOUND', `${what} not found.`);
export const badInput = (field: string, message: string) => appError('BAD_USER_INPUT', message, { field });
export const conflict = (message: string, extensions: Record<string, unknown>) => appError('CONFLICT', message, extensions);

/** Ids are UUIDs: anything else names nothing, and never reaches the database. */
export const isUuid = (id: unknown): id is string => typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** A reference to another record in input: a malformed id is bad input naming the field. */
export function requireId(id: unknown, field: string, what: string): string {
  if (!isUuid(id)) throw badInput(field, `No such ${what}.`);
  return id;
}

/**
 * An error built without capturing a stack trace: for errors that say nothing about where the code was (a refusal,
 * a copy of one whose original keeps its stack), which then cost a fraction of one with a stack.
 */
export function withoutStack<T>(build: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return build();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
