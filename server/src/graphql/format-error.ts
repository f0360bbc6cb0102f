import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { QUERY_TOO_COMPLEX, TOO_MANY_TOKENS } from './limits';
import { MALFORMED_ID } from './scalars';
import { correlation } from '../observability/correlation';
import type { Logger } from '../logger';

/** What a user sees of an unexpected error in production: nothing internal, and the correlation id beside it. */
const INTERNAL_MESSAGE = 'Something went wrong on the server.';

interface FieldProblem {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({ field, message: `${field} ${m.replace(new RegExp(`^${e.property} `), '')}` }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Every error a user can cause says which field it concerns; nothing internal (stack traces,
 * SQL, the submitted values) leaves the server in production.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A refusal (a denied field: a page may have one at every row) is shown as it is, with nothing to look up.
    if (formatted.extensions?.code === 'FORBIDDEN') return formatted;
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const problems = flatten(original.extensions.validationErrors as ValidationError[]);
      const first = problems[0];
      return {
        message: first ? first.message : 'Invalid input.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', field: first?.field, fields: problems },
      };
    }
    const limit = formatted.extensions?.limit ?? (TOO_MANY_TOKENS.test(formatted.message) ? 'tokens' : undefined);
    if (limit) {
      // A query over a limit (depth, aliases, cost, tokens, directives): Apollo names it a validation failure.
      return { message: formatted.message, locations: formatted.locations, extensions: { code: QUERY_TOO_COMPLEX, limit } };
    }
    const code = formatted.extensions?.code;
    if (formatted.extensions?.reason === MALFORMED_ID) {
      // A malformed id literal fails validation; it is bad input like a malformed variable.
      const variable = /Variable "\$(\w+)"/.exec(formatted.message)?.[1];
      return {
        message: formatted.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', field: variable ?? null },
      };
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') {
      // The query's fault, not the server's: no stack, which would also repeat a "Did you mean" that the message no longer has.
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (code === 'BAD_USER_INPUT' && !formatted.extensions?.field) {
      // A variable that does not fit its type, e.g. an unknown enum value: name it.
      const variable = /Variable "\$(\w+)"/.exec(formatted.message)?.[1];
      const inner = /at "[\w$]+\.([\w.[\]]+)"/.exec(formatted.message)?.[1];
      return { ...formatted, extensions: { ...formatted.extensions, field: inner ?? variable } };
    }
    if (production && (code === 'INTERNAL_SERVER_ERROR' || !code)) {
      return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return formatted;
  };
}

const messageOf = (thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown));

/** Where `correlatedErrors` reports a formatter that failed, and whether the answer hides why. */
export interface FormatFailure {
  logger: Pick<Logger, 'error'>;
  production: boolean;
}

/**
 * Apollo's `formatError`, around another: every error of a response names the request's correlation id, for the user
 * to quote to support. Apollo builds each formatted error's `extensions` afresh for the response, so the id is written
 * into it: no copy of each error (a page of denied cells has a hundred).
 */
export function correlatedErrors<E>(format: (formatted: GraphQLFormattedError, error: E) => GraphQLFormattedError, failure: FormatFailure) {
  return (formatted: GraphQLFormattedError, error: E): GraphQLFormattedError => {
    let result: GraphQLFormattedError;
    try {
      result = format(formatted, error);
    } catch (formatting) {
      // Apollo's own fallback would drop the correlation id, the one thing support needs, and log nothing: the failure
      // is logged here (the line carries the id) with the error it was formatting, which is masked like any internal one.
      failure.logger.error(
        { err: formatting, error: { message: formatted.message, code: formatted.extensions?.code, path: formatted.path } },
        'could not format a GraphQL error',
      );
      result = {
        message: failure.production ? INTERNAL_MESSAGE : `Could not format the error "${formatted.message}": ${messageOf(formatting)}`,
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    // A denied cell's error carries the id already (auth/field-guard.ts): no look-up for each of a page's hundred.
    if (result.extensions?.correlationId !== undefined) return result;
    const id = correlation.getStore();
    if (!id) return result;
    if (!result.extensions) return { ...result, extensions: { correlationId: id } };
    (result.extensions as Record<string, unknown>).correlationId = id;
    return result;
  };
}
