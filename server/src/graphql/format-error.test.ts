import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { correlation } from '../observability/correlation';
import { correlatedErrors, formatError } from './format-error';

function logged() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }) };
}

const failing = () => {
  throw new Error('formatter bug: SELECT secret FROM users');
};

describe('correlated errors', () => {
  it('name the request in every error, a refusal included', () => {
    const format = correlatedErrors(formatError(true), { ...logged(), production: true });
    const refusal = new GraphQLError('Not allowed.', { path: ['customers', 'edges', 0, 'node', 'phone'], extensions: { code: 'FORBIDDEN' } });
    const formatted = correlation.run('req-1', () => format(refusal.toJSON(), refusal));
    expect(formatted).toMatchObject({ message: 'Not allowed.', extensions: { code: 'FORBIDDEN', correlationId: 'req-1' } });
  });

  it('answer a masked internal error that still names the request when the formatter itself fails, and log why', () => {
    const { lines, logger } = logged();
    const format = correlatedErrors<unknown>(failing, { logger, production: true });
    const error = new GraphQLError('Invalid input.', { path: ['createOrder'], extensions: { code: 'BAD_USER_INPUT' } });
    const formatted = correlation.run('req-2', () => format(error.toJSON(), error));
    expect(formatted).toEqual({
      message: 'Something went wrong on the server.',
      path: ['createOrder'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'req-2' },
    });
    expect(JSON.stringify(formatted)).not.toContain('secret');
    // Support finds the cause by the id the user quotes: the failure, and the error it was formatting.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'could not format a GraphQL error',
      correlationId: 'req-2',
      err: { message: 'formatter bug: SELECT secret FROM users' },
      error: { message: 'Invalid input.', code: 'BAD_USER_INPUT', path: ['createOrder'] },
    });
  });

  it('say outside production why the error could not be formatted', () => {
    const format = correlatedErrors<unknown>(failing, { ...logged(), production: false });
    const error = new GraphQLError('boom', { path: ['customer'] });
    const formatted = format(error.toJSON(), error);
    expect(formatted.message).toBe('Could not format the error "boom": formatter bug: SELECT secret FROM users');
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
