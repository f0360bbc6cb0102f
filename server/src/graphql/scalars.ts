import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { KCount } from '../auth/authorize';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Marks a refused id, so that a literal in the query answers BAD_USER_INPUT like a variable does. */
export const MALFORMED_ID = 'MALFORMED_ID';

const refuse = (value: unknown) =>
  new GraphQLError(`Not an id: ${JSON.stringify(value)?.slice(0, 60)}. Ids are UUIDs.`, {
    extensions: { code: 'BAD_USER_INPUT', reason: MALFORMED_ID },
  });

/**
 * Every id argument and filter is a UUID: a malformed one is refused at the edge with
 * BAD_USER_INPUT, and never reaches a `uuid` column (where it would be a 500).
 */
export const GraphQLUUID = new GraphQLScalarType<string, string>({
  name: 'UUID',
  description: 'An id: a UUID such as 0b5a3f4e-8c1d-4a8e-9f6b-2d7c1e0a9b3c.',
  serialize: (value) => String(value),
  parseValue(value) {
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) throw refuse(value);
    return value.toLowerCase();
  },
  parseLiteral(node) {
    if (node.kind !== Kind.STRING || !UUID_PATTERN.test(node.value)) throw refuse(node.kind === Kind.STRING ? node.value : node.kind);
    return node.value.toLowerCase();
  },
});

/** Money in integer cents: 53 bits, never GraphQL's 32-bit Int. Totals are bounded by validation. */
export const GraphQLCents = GraphQLSafeInt;

/** A count about people that is exact only from K up: below, `count` is null and `fewerThan` says K. */
@ObjectType({ description: 'A count that is exact from 5 up; below that only "fewer than 5" is told (k-anonymity).' })
export class KAnonymousCount implements KCount {
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'The number, or null when it is below `fewerThan`.' }) count: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Set (to 5) when the count is too small to tell.' }) fewerThan: number | null;
}
