import type { Actor } from '../../auth/actor';
import { readableFields, visibleWhere } from '../../auth/authorize';
import { badInput, forbidden, isUuid, requireId } from '../../errors';
import { decodeCursor, toPage, type Page } from '../../db/paging';
import { Where } from '../../db/sql';
import { CustomerOrder, type Customer, type CustomerFilter } from './customer.model';
import type { CustomerColumnGroup, SortKeys } from './customers.repository';

/** The fields a search or a filter may look in, each only for those who may read it. */
const SEARCHABLE_FIELDS = ['firstName', 'lastName', 'email', 'organisation', 'customerNumber', 'phone', 'city', 'postalCode', 'language', 'source'];

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A name in either order ("Tauno Turunen", "Turunen Tauno", "Turu Tau"): every word of the search
 * is in the full name. Each word is its own ILIKE on the name's trigram index expression, so the
 * planner combines the index scans (BitmapAnd); one word is one ILIKE, as before.
 */
function nameMatches(where: Where, text: string): string {
  const words = text.split(/\s+/).filter(Boolean).slice(0, 5);
  return `(${words.map((w) => `(c.first_name || ' ' || c.last_name) ILIKE ${where.bind(`%${escapeLike(w)}%`)}`).join(' AND ')})`;
}

/**
 * The conditions of a customer list: the permission table's row rules, the search and the filters.
 * Searching or filtering by a field the user may not read would reveal it, so such fields are
 * left out of a search and refused as filters.
 */
export function customerConditions(actor: Actor, search: string | null | undefined, filter: CustomerFilter | null | undefined): Where {
  const where = new Where();
  where.and(visibleWhere(actor, 'Customer', where, 'c'));
  // P6: a record merged into another is followed there (customer-merge), never listed twice.
  where.and('c.merged_into IS NULL');
  const readableSet = new Set(readableFields(actor, 'Customer', SEARCHABLE_FIELDS));
  const readable = (field: string) => readableSet.has(field);
  const text = search?.trim();
  if (text) {
    const like = where.bind(`%${escapeLike(text)}%`);
    const parts: string[] = [];
    if (readable('firstName') && readable('lastName')) parts.push(nameMatches(where, text));
    if (readable('email')) parts.push(`c.email ILIKE ${like}`);
    if (readable('organisation')) parts.push(`o.name ILIKE ${like}`);
    if (readable('customerNumber') && /^\d{1,18}$/.test(text)) parts.push(`c.customer_number = ${where.bind(text)}`);
    const digits = text.replace(/\D/g, '');
    const looksLikePhone = digits.length >= 4 && /^[\d\s+()-]+$/.test(text);
    if (readable('phone') && looksLikePhone) parts.push(`c.phone LIKE ${where.bind(`%${digits.replace(/^0+/, '')}%`)}`);
    where.and(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
  }
  const requireReadable = (field: string, name: string) => {
    if (!readable(field)) throw forbidden(`You may not filter by ${field}.`, `filter.${name}`);
  };
  if (filter?.city) {
    requireReadable('city', 'city');
    where.and(`lower(c.city) = lower(${where.bind(filter.city.trim())})`);
  }
  if (filter?.postalCodePrefix) {
    requireReadable('postalCode', 'postalCodePrefix');
    where.and(`c.postal_code LIKE ${where.bind(`${escapeLike(filter.postalCodePrefix.trim().toUpperCase())}%`)}`);
  }
  if (filter?.language) {
    requireReadable('language', 'language');
    where.and(`c.language = ${where.bind(filter.language)}`);
  }
  if (filter?.organisationId) {
    requireReadable('organisation', 'organisationId');
    where.and(`c.organisation_id = ${where.bind(requireId(filter.organisationId, 'filter.organisationId', 'organisation'))}`);
  }
  if (filter?.source) {
    requireReadable('source', 'source');
    where.and(`c.source = ${where.bind(filter.source)}`);
  }
  return where;
}

interface Ordering {
  sort: SortKeys;
  /** The same keys the other way round: a page before a cursor is read in it, then turned. */
  reverseSort: SortKeys;
  /** Whether a cursor's values fit the columns' types (a crafted cursor is refused, never cast in SQL). */
  fits(cursor: string[]): boolean;
  /** The keyset condition after a cursor. */
  after(where: Where, cursor: unknown[]): string;
  /** The keyset condition before a cursor (the previous page). */
  before(where: Where, cursor: unknown[]): string;
  cursorOf(customer: Customer): unknown[];
  /** The column group `cursorOf` reads (customers.repository `columnsFor`). */
  columns: CustomerColumnGroup;
}

/**
 * A keyset ordering over columns that all run one way, the last of them unique: each is an index's
 * columns (read forwards or backwards), so a page reads only its rows, whatever the register's size.
 */
function keyset(
  columns: ReadonlyArray<{ sql: string; cast: string }>,
  direction: 'ASC' | 'DESC',
  cursorOf: (c: Customer) => unknown[],
  group: CustomerColumnGroup,
): Ordering {
  const tuple = `(${columns.map((c) => c.sql).join(', ')})`;
  const values = (w: Where, cursor: unknown[]) => `(${columns.map((c, i) => `${w.bind(cursor[i])}::${c.cast}`).join(', ')})`;
  const forwards = direction === 'ASC' ? '>' : '<';
  const backwards = direction === 'ASC' ? '<' : '>';
  return {
    sort: { keys: columns.map((c) => c.sql), direction },
    reverseSort: { keys: columns.map((c) => c.sql), direction: direction === 'ASC' ? 'DESC' : 'ASC' },
    fits: (cursor) => cursor.length === columns.length && columns.every((c, i) => FITS[c.cast](cursor[i])),
    after: (w, cursor) => `${tuple} ${forwards} ${values(w, cursor)}`,
    before: (w, cursor) => `${tuple} ${backwards} ${values(w, cursor)}`,
    cursorOf,
    columns: group,
  };
}

const FITS: Record<string, (value: string) => boolean> = {
  bigint: (v) => /^\d{1,18}$/.test(v),
  uuid: isUuid,
  timestamptz: (v) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  text: (v) => v.length <= 200,
};

const NUMBER = [{ sql: 'c.customer_number', cast: 'bigint' }];
/** `customers_last_name_idx`. */
const NAME = [
  { sql: 'lower(c.last_name)', cast: 'text' },
  { sql: 'lower(c.first_name)', cast: 'text' },
  { sql: 'c.id', cast: 'uuid' },
];
/** `customers_created_at_idx`. */
const CREATED = [
  { sql: 'c.created_at', cast: 'timestamptz' },
  { sql: 'c.id', cast: 'uuid' },
];
const numberOf = (c: Customer) => [c.customerNumber];
const nameOf = (c: Customer) => [c.lastName.toLowerCase(), c.firstName.toLowerCase(), c.id];
const createdOf = (c: Customer) => [new Date(c.createdAt).toISOString(), c.id];

/**
 * Keyset orderings: stable under inserts, with a unique last key. Mapped from an enum, never from
 * input text: no ORDER BY is ever built from what a client sends.
 */
export const ORDERINGS: Record<CustomerOrder, Ordering> = {
  [CustomerOrder.CUSTOMER_NUMBER]: keyset(NUMBER, 'ASC', numberOf, 'number'),
  [CustomerOrder.CUSTOMER_NUMBER_DESC]: keyset(NUMBER, 'DESC', numberOf, 'number'),
  [CustomerOrder.NAME]: keyset(NAME, 'ASC', nameOf, 'name'),
  [CustomerOrder.NAME_DESC]: keyset(NAME, 'DESC', nameOf, 'name'),
  [CustomerOrder.NEWEST]: keyset(CREATED, 'DESC', createdOf, 'times'),
  [CustomerOrder.OLDEST]: keyset(CREATED, 'ASC', createdOf, 'times'),
};

export function parseCursor(after: string | null | undefined, ordering: CustomerOrder, field = 'after'): unknown[] | null {
  const raw = decodeCursor(after);
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') && ORDERINGS[ordering].fits(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw badInput(field, 'The cursor is not valid for this sort order.');
}

/** The cursor of a page request: after one (the next page), or before one (the previous page), never both. */
export function pageCursor(args: { after?: string | null; before?: string | null }, ordering: CustomerOrder): { cursor: unknown[] | null; backwards: boolean } {
  if (args.after && args.before) throw badInput('before', 'Give either after or before, not both.');
  if (args.before) return { cursor: parseCursor(args.before, ordering, 'before'), backwards: true };
  return { cursor: parseCursor(args.after, ordering), backwards: false };
}

/**
 * A page from `limit + 1` rows. Rows read backwards (before a cursor, in the reverse order) are the
 * nearest first: the page keeps the nearest `limit` and turns them into the list's order; the page it
 * came from follows it, so it has a next page.
 */
export function keysetPage(rows: Customer[], limit: number, ordering: Ordering, backwards: boolean): Page<Customer> {
  const page = toPage(rows, limit, (c) => JSON.stringify(ordering.cursorOf(c)));
  if (!backwards) return page;
  const edges = [...page.edges].reverse();
  return { edges, pageInfo: { hasNextPage: true, endCursor: edges.at(-1)?.cursor ?? null } };
}
