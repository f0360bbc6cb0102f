import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { correlation } from '../observability/correlation';
import { correlatedErrors, formatError } from './format-error';

describe('correlated errors', () => {
  it('name the request in every error, a refusal included', () => {
    const format = correlatedErrors(formatError(true));
    const refusal = new GraphQLError('Not allowed.', { path: ['customers', 'edges', 0, 'node', 'phone'], extensions: { code: 'FORBIDDEN' } });
    const formatted = correlation.run('req-1', () => format(refusal.toJSON(), refusal));
    expect(formatted).toMatchObject({ message: 'Not allowed.', extensions: { code: 'FORBIDDEN', correlationId: 'req-1' } });
  });

  it('answer a masked internal error that still names the request when the formatter itself fails', () => {
    const format = correlatedErrors<unknown>(() => {
      throw new Error('formatter bug: SELECT secret FROM users');
    });
    const error = new GraphQLError('boom', { path: ['customer'] });
    const formatted = correlation.run('req-2', () => format(error.toJSON(), error));
    expect(formatted).toEqual({
      message: 'Something went wrong on the server.',
      path: ['customer'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'req-2' },
    });
    expect(JSON.stringify(formatted)).not.toContain('secret');
  });
});
