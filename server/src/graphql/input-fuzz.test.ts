import 'reflect-metadata';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { buildCustomer, buildInvoice, buildOrder, buildUser } from '../test/factories';
import { startTestServer, TEST_PASSWORD, type GraphQLResponse, type TestServer } from '../test/harness';
import { buildAppSchema } from './schema';

/**
 * Every query and mutation that takes text, generated from the schema (as the gate test does for
 * root fields), gets text with control characters and odd Unicode in one of its text inputs at a
 * time: none may answer a server error, and nothing may be logged as one.
 */

const TOTAL_INPUTS = Number(process.env.FUZZ_INPUTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Sent from a client of their own: signing in and the own account, so the fuzzing session stays. */
const OWN_ACCOUNT = new Set(['login', 'changePassword', 'acceptConfidentiality']);
/** Each hashes a password (argon2id, slow by design): fewer inputs, so the run stays short. */
const HASHING = new Set(['login', 'changePassword', 'createUser']);

const TEXT_SCALARS = new Set(['String', 'ID', 'JSON', 'JSONObject']);

function holdsText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return TEXT_SCALARS.has(named.name);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => holdsText(f.type, seen));
}

interface Ids {
  customer: string;
  [mutation: string]: string;
}

/** Text that passes each field's own checks, so that an odd character inserted in it reaches the service. */
function textFor(name: string): string {
  const known: Record<string, string> = {
    email: 'fuzz.person@example.fi',
    requesterContact: 'fuzz.person@example.fi',
    phone: '+358401234567',
    postalCode: '00100',
    country: 'FI',
    businessId: '0737546-2',
    csv: 'phone\n+358401234567',
    username: 'fuzz.user',
    newPassword: 'a long enough passphrase 1',
    fields: 'email',
    sku: 'SKU-1',
    search: 'Virtanen',
  };
  return known[name] ?? `Fuzz ${name}`;
}

function intFor(name: string): number {
  const known: Record<string, number> = { quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550, first: 5, version: 1 };
  return known[name] ?? 1;
}

/** A value of the type that passes validation: required fields, and every field that holds text (to fuzz it). */
function sampleValue(type: GraphQLInputType, name: string, ids: Ids, field: string): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name, ids, field);
  if (isListType(type)) return [sampleValue(type.ofType, name, ids, field)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || holdsText(f.type));
    return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f.type, f.name, ids, field)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'UUID':
        if (name === 'customerId') return ids.customer;
        return (name === 'id' && ids[field]) || '00000000-0000-4000-8000-000000000000';
      case 'Int':
      case 'SafeInt':
        return intFor(name);
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'LocalDate':
        return '2026-01-15';
      case 'DateTimeISO':
        return '2026-01-15T10:00:00.000Z';
      case 'JSON':
      case 'JSONObject':
        return { note: textFor(name) };
      default:
        return textFor(name);
    }
  }
  throw new Error(`no value for ${String(type)}`);
}

type Path = Array<string | number>;

/** Where the text of a value is: the path to each string of a text type in it (not ids, dates or enums). */
function textPaths(value: unknown, type: GraphQLInputType, path: Path): Path[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return textPaths(value, type.ofType, path);
  if (isListType(type)) return (value as unknown[]).flatMap((v, i) => textPaths(v, type.ofType, [...path, i]));
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => textPaths(v, fields[k].type, [...path, k]));
  }
  if (isScalarType(type) && TEXT_SCALARS.has(type.name)) return anyStrings(value, path);
  return [];
}

function anyStrings(value: unknown, path: Path): Path[] {
  if (typeof value === 'string') return [path];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => anyStrings(v, [...path, k]));
  return [];
}

function withTextAt(value: Record<string, unknown>, path: Path, text: (old: string) => string): Record<string, unknown> {
  const copy = structuredClone(value);
  type Node = Record<string | number, unknown>;
  let at = copy as Node;
  for (const step of path.slice(0, -1)) at = at[step] as Node;
  const last = path[path.length - 1];
  at[last] = text(at[last] as string);
  return copy;
}

interface Target {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

function operationOf({ kind, field }: Target, given: string[]): string {
  const args = field.args.filter((a) => given.includes(a.name));
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} Fuzz${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}

function variablesOf({ field }: Target, ids: Ids): Record<string, unknown> {
  const args = field.args.filter((a) => (isNonNullType(a.type) && a.defaultValue === undefined) || holdsText(a.type));
  return Object.fromEntries(args.map((a) => [a.name, sampleValue(a.type, a.name, ids, field.name)]));
}

/** Characters that have broken text handling somewhere: controls, separators, bidi, surrogates, quotes. */
const ODD = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009b',
  '\u009f',
  '\u00a0',
  '\u00ad',
  '\u034f',
  '\u061c',
  '\u180e',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u202e',
  '\u2028',
  '\u2029',
  '\u2066',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ud83d\ude00',
  '\u{10ffff}',
  'e\u0301',
  'Ä',
  'ß',
  'İ',
  'ﬁ',
  '𝔘',
  "'",
  '"',
  '\\',
  '%',
  '_',
  '*',
  '$1',
  '$' + '{x}',
  '<b>',
  '&amp;',
  '\u0000\u0000',
  '',
];
const odd = fc.constantFrom(...ODD);
const fuzzText = fc.oneof(
  { weight: 3, arbitrary: fc.array(odd, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(odd, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 40 }).map((parts) => parts.join('')) },
);
/** Odd text in place of a value, or inserted into it (so the rest still passes the field's checks). */
const edit = fc.tuple(fuzzText, fc.nat(), fc.boolean()).map(
  ([text, at, replace]) =>
    (old: string) =>
      replace ? text : `${old.slice(0, at % (old.length + 1))}${text}${old.slice(at % (old.length + 1))}`,
);

let server: TestServer;
let schema: GraphQLSchema;
let ids: Ids;
/** A second app on the same database, listening once (not a server per request), with an error log the test reads. */
let app: App;
let http: Server;
const logged: unknown[] = [];

/** Posts an operation as a browser would, with the given session cookie. */
async function post(cookie: string, query: string, variables: Record<string, unknown>) {
  const { port } = http.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse, cookies: response.headers.getSetCookie() };
}

async function signIn(username: string): Promise<string> {
  const { body, cookies } = await post('', `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { user { id } } }`, {
    u: username,
    p: TEST_PASSWORD,
  });
  expect(body.errors).toBeUndefined();
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

beforeAll(async () => {
  server = await startTestServer();
  schema = await buildAppSchema();
  const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  app = await createApp(server.config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, logger);
  http = app.app.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const customer = await buildCustomer(server.db);
  const order = await buildOrder(server.db, { customer });
  const invoice = await buildInvoice(server.db, { order });
  ids = { customer: customer.id, updateCustomer: customer.id, updateOrder: order.id, updateInvoice: invoice.id };
});
afterAll(async () => {
  http?.close();
  await app?.stop();
  await server?.close();
});

/** The version a versioned update needs now, so it reaches the write instead of CONFLICT. */
async function currentVersion(field: string, id: unknown): Promise<number | undefined> {
  const table = ({ updateCustomer: 'customers', updateOrder: 'orders', updateInvoice: 'invoices' } as Record<string, string>)[field];
  if (!table) return undefined;
  return (await server.db.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]?.version;
}

const serverErrors = (body: GraphQLResponse) => (body.errors ?? []).filter((e) => !e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR');

describe('odd text in every text input of the schema', () => {
  it('answers no server error for thousands of inputs with control characters and odd Unicode, and logs none', { timeout: 480_000 }, async () => {
    const targets: Target[] = [
      ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
      ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
    ].filter(({ field }) => field.args.some((a) => holdsText(a.type)));
    expect(targets.filter((t) => t.kind === 'mutation').length).toBeGreaterThan(20);
    const perTarget = Math.ceil(TOTAL_INPUTS / (targets.length - HASHING.size));

    // Every role but a partner's, so that as many inputs as possible get past the gate to the service.
    const fuzzer = await signIn((await buildUser(server.db, { roles: ['SALES', 'SERVICE', 'MARKETING', 'PRIVACY_OFFICER', 'ADMIN'] })).username);
    // The own account's operations run in a session of their own, so the fuzzer's stays signed in.
    const ownAccount = await signIn((await buildUser(server.db, { roles: [] })).username);

    const failures: string[] = [];
    const timings: string[] = [];
    let tried = 0;
    const started = Date.now();
    for (const [t, target] of targets.entries()) {
      const base = variablesOf(target, ids);
      const paths = target.field.args.flatMap((a) => textPaths(base[a.name], a.type, [a.name]));
      const query = operationOf(target, Object.keys(base));
      const cookie = target.field.name === 'login' ? '' : OWN_ACCOUNT.has(target.field.name) ? ownAccount : fuzzer;
      const cases = fc.sample(fc.tuple(fc.nat({ max: paths.length - 1 }), edit), {
        numRuns: HASHING.has(target.field.name) ? 25 : perTarget,
        seed: SEED + t,
      });
      const t0 = Date.now();
      for (const [which, change] of cases) {
        const variables = withTextAt(base, paths[which], change);
        const version = await currentVersion(target.field.name, variables.id);
        if (version !== undefined) variables.version = version;
        tried++;
        const { status, body } = await post(cookie, query, variables);
        const errors = serverErrors(body);
        if (status >= 500 || errors.length > 0) {
          failures.push(
            `${target.field.name} at ${paths[which].join('.')} (HTTP ${status}) ${JSON.stringify(variables).slice(0, 300)}: ${errors.map((e) => e.message).join('; ')}`,
          );
        }
      }
      timings.push(`${target.field.name} ${Date.now() - t0} ms`);
    }
    console.info(`input fuzz: ${tried} inputs to ${targets.length} fields in ${Date.now() - started} ms (seed ${SEED}), ${failures.length} server errors`);
    if (process.env.FUZZ_DEBUG) console.info(timings.join('\n'));
    expect(tried).toBeGreaterThanOrEqual(TOTAL_INPUTS);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(logged).toEqual([]);
  });
});
