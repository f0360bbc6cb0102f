/**
 * Keyset paging, with no GraphQL in it: services build pages, `graphql/connection.ts` gives them
 * their GraphQL shape.
 */
export const MAX_PAGE_SIZE = 200;

/** A requested page size, kept between 1 and MAX_PAGE_SIZE. */
export const pageLimit = (first: number) => Math.min(Math.max(first, 1), MAX_PAGE_SIZE);

/** Cursors are opaque to clients; inside they are the keyset value of the last row. */
export const encodeCursor = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
export function decodeCursor(cursor: string | null | undefined): string | null {
  if (!cursor) return null;
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export interface PageInfoShape {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfoShape;
}

/**
 * An edge whose cursor is worked out when it is read: a page of 100 rows would otherwise encode 100
 * cursors that a list asking only for `pageInfo.endCursor` (or none) never sends.
 */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => string,
  ) {}
  get cursor(): string {
    return encodeCursor(this.keyOf(this.node));
  }
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const hasNextPage = rows.length > limit;
  const nodes = hasNextPage ? rows.slice(0, limit) : rows;
  const edges = nodes.map((node) => new Edge(node, cursorOf));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** A page of one parent's children (a customer's orders or invoices), as `customer.orders(first, after)` asks for it. */
export interface ChildPageKey {
  customerId: string;
  first: number;
  after: string | null;
}

/**
 * Serves one DataLoader batch of child pages: one query per distinct (first, after) for all the
 * parents asking for it, then the children are dealt out to their parents. `fetch` returns up
 * to `limit + 1` children per parent, so each page knows whether there is a next one.
 */
export async function childPages<T>(
  keys: readonly ChildPageKey[],
  fetch: (customerIds: string[], limit: number, after: string | null) => Promise<T[]>,
  customerOf: (child: T) => string,
  cursorOf: (child: T) => string,
): Promise<Array<Page<T>>> {
  const groups = new Map<string, ChildPageKey[]>();
  for (const key of keys) {
    const group = `${key.first}|${key.after ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const byCustomer = new Map<string, T[]>();
  for (const group of groups.values()) {
    const children = await fetch(
      group.map((k) => k.customerId),
      pageLimit(group[0].first),
      group[0].after,
    );
    for (const child of children) {
      const customerId = customerOf(child);
      byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), child]);
    }
  }
  return keys.map((key) => toPage(byCustomer.get(key.customerId) ?? [], pageLimit(key.first), cursorOf));
}
