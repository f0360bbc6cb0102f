import { decodeCursor } from '../../db/paging';
import type { Params } from '../../db/sql';
import { badInput, isUuid } from '../../errors';

/**
 * A customer's child lists (orders, invoices), newest first, keyset-paged, several customers in one
 * statement: the SQL shape and the cursor they share.
 */

/** The gate's row filter for a table alias, bound into the statement's parameters. */
export type RowFilter = (params: Params, alias: string) => string;

/** Where a newest-first page continues: after the row with this sort key and id. */
export interface Keyset {
  key: string;
  id: string;
}

/** A page cursor (`<sort key>|<id>`) as its keyset; one that is not ours is bad input naming `after`. */
export function keysetOf(after: string | null, validKey: (key: string) => boolean): Keyset | null {
  const cursor = decodeCursor(after);
  if (!cursor) return null;
  const [key, id] = cursor.split('|');
  if (!id || !validKey(key) || !isUuid(id)) throw badInput('after', 'The cursor is not valid.');
  return { key, id };
}

export interface NewestFirstQuery {
  customerIds: readonly string[];
  /** `orders` or `invoices`, read as `alias`. */
  table: string;
  alias: string;
  /** The select list, in terms of `alias`. */
  columns: string;
  /** The column the list is sorted by (then by id), and its SQL type. */
  sortKey: string;
  sortType: 'timestamptz' | 'date';
  after: Keyset | null;
  /** Rows per customer (a page and one more, to tell whether there is a next page). */
  limit: number;
  visible: RowFilter;
}

/** Up to `limit` rows of each customer, newest first, after the keyset when given: one lateral page per customer. */
export function newestFirstOfCustomers(params: Params, q: NewestFirstQuery): string {
  const a = q.alias;
  const keyset = q.after ? `AND (${a}.${q.sortKey}, ${a}.id) < (${params.bind(q.after.key)}::${q.sortType}, ${params.bind(q.after.id)}::uuid)` : '';
  return `SELECT page.* FROM unnest(${params.bind(q.customerIds)}::uuid[]) AS k(customer_id)
     CROSS JOIN LATERAL (
       SELECT ${q.columns} FROM ${q.table} ${a}
        WHERE ${a}.customer_id = k.customer_id ${keyset} AND ${q.visible(params, a)}
        ORDER BY ${a}.${q.sortKey} DESC, ${a}.id DESC LIMIT ${params.bind(q.limit)}) page`;
}
