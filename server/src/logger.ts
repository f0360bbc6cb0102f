import pino from 'pino';
import { correlationMixin } from './observability/correlation';

export type Logger = pino.Logger;

/** Where a secret or a cookie may sit in what is logged: pino writes `[redacted]` instead. */
const REDACT = [
  'password',
  '*.password',
  'currentPassword',
  'newPassword',
  'variables',
  '*.variables',
  'cookie',
  '*.cookie',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

/**
 * Keys of an error that carry the values of a statement or a request: a TypeORM QueryFailedError
 * holds the SQL parameters and copies the driver's `detail` ("Key (email)=(…) already exists"),
 * `where` and `internalQuery`. The SQL text, the SQLSTATE code and the constraint stay.
 */
const VALUE_KEYS = new Set(['parameters', 'driverError', 'detail', 'where', 'internalQuery', 'hint', 'variables', 'query_params', 'values']);

/** PostgreSQL quotes the offending value after a colon: `invalid input syntax for type uuid: "…"`. */
const QUOTED_VALUE = /: "(?:[^"\\]|\\.)*"/g;
/** The last net: nothing shaped like an e-mail address or an E.164 phone number is written. */
const EMAIL = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+[1-9][\d ()-]{5,18}\d/g;

const hideValues = (text: string) => text.replace(QUOTED_VALUE, ': "[value hidden]"');

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (VALUE_KEYS.has(key)) continue;
    out[key] = (key === 'message' || key === 'stack') && typeof v === 'string' ? hideValues(v) : scrub(v, depth + 1);
  }
  return out;
}

/** An error as pino serializes it, without the values of the statement or request that failed. */
export function safeError(error: unknown): unknown {
  return scrub(pino.stdSerializers.err(error as Error));
}

/** What goes to the log stream is scrubbed of e-mail addresses and phone numbers, whatever logged them. */
export const scrubPersonalData = (line: string) => line.replace(EMAIL, '[email]').replace(PHONE, '[phone]');

/**
 * JSON lines on stdout (or `destination`, tests). Logs never hold SQL parameters, passwords,
 * cookies, e-mail addresses or phone numbers.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'rekisteri' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: safeError, error: safeError },
      hooks: { streamWrite: scrubPersonalData },
      // Every line written while a request is served carries its correlation id.
      mixin: correlationMixin,
    },
    destination,
  );
}
