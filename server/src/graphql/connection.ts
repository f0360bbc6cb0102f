import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export const MAX_PAGE_SIZE = 200;

/** Cursors are opaque to clients; inside they are the keyset value of the last row. */
export const encodeCursor = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
export function decodeCursor(cursor: string | null | undefined): string | null {
  if (!cursor) return null;
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const hasNextPage = rows.length > limit;
  const nodes = hasNextPage ? rows.slice(0, limit) : rows;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

export { Int };
