import fs from 'node:fs';
import path from 'node:path';
import { SUBJECTS } from '@rekisteri/schema';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../graphql/schema';
import { buildUser } from '../test/factories';
import { codes, startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../test/harness';
import { GATED_SUBJECTS, observeGate, type GateCall } from './authorize';

/** What anyone signed in may do to their own session and account: no register data. */
const OWN_ACCOUNT = new Set(['login', 'logout', 'me', 'changePassword', 'acceptConfidentiality']);

const SRC = path.resolve(__dirname, '..');

/** Every .ts file of the server but tests. */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/** The gate, and the parts of the auth core it is made of: the only files that may ask the ability themselves. */
const GATE_FILES = new Set(['auth/authorize.ts', 'auth/rules-sql.ts', 'auth/field-mask.ts', 'auth/actor.ts']);

/** A literal of the given input type that passes validation, so a refusal can only come from the gate. */
function literal(type: GraphQLInputType, name: string): string {
  if (isNonNullType(type)) return literal(type.ofType, name);
  if (isListType(type)) return `[${literal(type.ofType, name)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, f.name)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
      case 'UUID':
        return '"00000000-0000-4000-8000-000000000000"';
      case 'Int':
      case 'SafeInt':
        return name === 'version' ? '1' : name === 'quantity' ? '1' : '0';
      case 'Float':
        return '0';
      case 'Boolean':
        return 'false';
      case 'LocalDate':
        return '"2026-01-15"';
      case 'DateTimeISO':
        return '"2026-01-15T10:00:00Z"';
      case 'JSON':
      case 'JSONObject':
        return '{}';
      default:
        return JSON.stringify(name === 'email' ? 'gate@example.fi' : name === 'country' ? 'FI' : `gate ${name}`);
    }
  }
  throw new Error(`no literal for ${String(type)}`);
}

function operationOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined);
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type, a.name)}`).join(', ')})` : '';
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

function rootFields(schema: GraphQLSchema) {
  return [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
  ].filter(({ field }) => !OWN_ACCOUNT.has(field.name));
}

let server: TestServer;
let schema: GraphQLSchema;
let nobody: TestClient;
let nobodyId: string;

beforeAll(async () => {
  server = await startTestServer();
  schema = await buildAppSchema();
  // Signed in, password changed, commitment acknowledged: everything but a role.
  const user = await buildUser(server.db, { roles: [] });
  nobodyId = user.id;
  nobody = server.client();
  const login = await nobody.login(user.username, TEST_PASSWORD);
  expect(login.errors).toBeUndefined();
});
afterAll(() => {
  observeGate(null);
  return server?.close();
});

describe('one gate for every path', () => {
  it('[P12] no module asks the permission table itself: only the gate calls the ability, permittedFieldsOf or the rules translator', () => {
    const offenders = sourceFiles().flatMap((file) => {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      if (GATE_FILES.has(relative)) return [];
      const text = fs.readFileSync(file, 'utf8');
      const found = [/\.ability\b/, /\bpermittedFieldsOf\b/, /\brulesToSql\b/, /\brulesToAST\b/, /\baccessibleBy\b/].filter((re) => re.test(text));
      return found.map((re) => `${relative}: ${re.source}`);
    });
    expect(offenders).toEqual([]);
  });

  it('[P12] knows every subject of the permission table, so none is filtered by hand or not at all', () => {
    expect([...GATED_SUBJECTS].sort()).toEqual([...SUBJECTS].sort());
  });

  it('[P12] [P4] every root field of the schema asks the gate, and a user with no role is refused by each (deny by default)', async () => {
    const results: Array<{ name: string; calls: GateCall[]; codes: unknown[]; data: unknown }> = [];
    for (const { kind, field } of rootFields(schema)) {
      const calls: GateCall[] = [];
      observeGate((call) => calls.push(call));
      // The table lets everyone read their own account: the list of users may hold that one row, nothing else.
      const operation = field.name === 'users' ? 'query { users { id } }' : operationOf(kind, field);
      const response = await nobody.gql(operation);
      observeGate(null);
      results.push({ name: field.name, calls, codes: codes(response), data: response.data?.[field.name] ?? null });
    }
    const ungated = results.filter((r) => r.calls.length === 0).map((r) => `${r.name} ${JSON.stringify(r.codes)}`);
    expect(ungated).toEqual([]);
    // Refused, or (for a list) answered with nothing in it: never a row, never a count.
    const leaked = results
      .filter((r) => !r.codes.includes('FORBIDDEN') && !(Array.isArray(r.data) && r.data.every((row: { id?: string }) => row.id === nobodyId)))
      .map((r) => `${r.name} ${JSON.stringify(r.codes)} ${JSON.stringify(r.data)}`);
    expect(leaked).toEqual([]);
  });

  it('[P12] between them, the root fields ask the gate about every subject of the permission table', async () => {
    const privacy = await server.as('privacy');
    const admin = await server.as('admin');
    const marketing = await server.as('marketing');
    const subjects = new Set<string>();
    observeGate((call) => subjects.add(call.subject));
    for (const client of [nobody, privacy, admin, marketing]) {
      for (const { kind, field } of rootFields(schema)) {
        if (kind === 'mutation') continue;
        await client.gql(operationOf(kind, field));
      }
    }
    observeGate(null);
    // Subjects read only as part of another (an order's lines, a list's entries, a request's documents) are
    // checked by the field guard; documents are downloaded at /documents/:id through the gate (access-rectification.test.ts).
    const nested = new Set(['OrderLine', 'TargetListEntry', 'Organisation', 'PrivacyDocument']);
    const missing = SUBJECTS.filter((s) => !subjects.has(s) && !nested.has(s));
    expect(missing).toEqual([]);
  });
});
