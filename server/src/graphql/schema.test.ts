import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from './schema';

/** Operations anyone may call: signing in and out, and asking who is signed in. */
const PUBLIC = new Set(['login', 'logout', 'me']);

describe('the GraphQL contract', () => {
  it('[P12] denies by default: every query and mutation but login, logout and me needs an authorised user', async () => {
    const schema = await buildAppSchema();
    const operations = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    const authorised = new Set(getMetadataStorage().authorizedFields.map((f) => f.fieldName));
    const open = operations.filter((name) => !authorised.has(name));
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it('schema/schema.graphql is the schema the resolvers build', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../../schema/schema.graphql'), 'utf8');
    expect(`${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`).toBe(committed);
  });
});
