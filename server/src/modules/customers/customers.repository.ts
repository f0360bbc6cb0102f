import { cappedCount, cappedCountSql, cappedOf, type CappedCount } from '../../db/capped-count';
import { affected, execute, insertRow, limitSql, many, maybeOne, Params, prepared, type Db, type Where } from '../../db/sql';
import { type Consultation, consultationInsertSql } from '../../audit/audit.repository';
import type { Customer } from './customer.model';

/** A customer as the list and detail statements read it (table alias `c`, organisation `o`, partner `p`). */
export interface CustomerRow {
  id: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  language: string;
  partner_id: string | null;
  source: string;
  version: number;
  restricted: boolean;
  pending_erasure: boolean;
  anonymised: boolean;
  merged_into: string | null;
  /** Milliseconds since the epoch: a number is read far cheaper than a timestamp's text, on every row of a list. */
  created_ms: number;
  updated_ms: number;
  org_id: string | null;
  org_name: string | null;
  org_business_id: string | null;
  partner_name: string | null;
}

/** The columns a create or an update writes, after validation and normalisation. */
export interface CustomerColumns {
  first_name?: string;
  last_name?: string;
  organisation_id?: string | null;
  email?: string | null;
  phone?: string | null;
  street?: string | null;
  postal_code?: string | null;
  city?: string | null;
  country?: string;
  language?: string;
  partner_id?: string | null;
  source?: string;
}

/** Raw columns, not entity hydration: lists are read straight into the API's shape; no column is read that the shape does not hold. */
const CUSTOMER_FROM = `
    FROM customers c
    LEFT JOIN organisations o ON o.id = c.organisation_id
    LEFT JOIN partners p ON p.id = c.partner_id`;

/** A customer row's columns in groups: a list page reads only the groups the fields it shows need (`columnsFor`). */
export type CustomerColumnGroup = 'number' | 'name' | 'contact' | 'state' | 'times' | 'organisation' | 'partner';

const GROUP_COLUMNS: Record<CustomerColumnGroup, string> = {
  number: 'c.customer_number::text AS customer_number',
  name: 'c.first_name, c.last_name',
  contact: 'c.email, c.phone, c.street, c.postal_code, c.city, c.country, c.language',
  state: 'c.source, c.version, c.restricted, c.pending_erasure, c.anonymised_at IS NOT NULL AS anonymised',
  times: '(extract(epoch FROM c.created_at) * 1000)::float8 AS created_ms, (extract(epoch FROM c.updated_at) * 1000)::float8 AS updated_ms',
  organisation: 'o.id AS org_id, o.name AS org_name, o.business_id AS org_business_id',
  partner: 'p.name AS partner_name',
};
const GROUPS = Object.keys(GROUP_COLUMNS) as CustomerColumnGroup[];

/** Read with every row whatever is asked: the id, the partner rule's `partner_id` (P4) and `merged_into` (customer-merge). */
const KEY_COLUMNS = 'c.id, c.partner_id, c.merged_into';

/**
 * The group of each field of a customer as the model holds it; null: the key columns hold it. A field
 * not named here (one resolved from the record by another module, or added later) reads every group.
 */
const FIELD_GROUPS: Readonly<Record<string, CustomerColumnGroup | null>> = {
  __typename: null,
  id: null,
  customerNumber: 'number',
  firstName: 'name',
  lastName: 'name',
  email: 'contact',
  phone: 'contact',
  street: 'contact',
  postalCode: 'contact',
  city: 'contact',
  country: 'contact',
  language: 'contact',
  source: 'state',
  version: 'state',
  restricted: 'state',
  pendingErasure: 'state',
  anonymised: 'state',
  createdAt: 'times',
  updatedAt: 'times',
  organisation: 'organisation',
  partner: 'partner',
};

/**
 * The columns a page reads for `fields` (undefined: every column) and the groups its cursor needs.
 * Unread columns are neither sent nor parsed: on a 100-row page of ten fields they were half of
 * PostgreSQL's work (the timestamps most of it). The groups go in a fixed order, so the statement
 * texts stay few (at most one per combination of groups) and each keeps its prepared plan.
 */
export function columnsFor(fields: Iterable<string> | undefined, needed: readonly CustomerColumnGroup[] = []): string {
  const groups = new Set<CustomerColumnGroup>(needed);
  if (fields === undefined) for (const group of GROUPS) groups.add(group);
  else
    for (const field of fields) {
      const group = FIELD_GROUPS[field];
      if (group === undefined) {
        for (const g of GROUPS) groups.add(g);
        break;
      }
      if (group) groups.add(group);
    }
  return [KEY_COLUMNS, ...GROUPS.filter((g) => groups.has(g)).map((g) => GROUP_COLUMNS[g])].join(', ');
}

const CUSTOMER_COLUMNS = columnsFor(undefined);

const CUSTOMER_SELECT = `
  SELECT ${CUSTOMER_COLUMNS}
  ${CUSTOMER_FROM}`;

/**
 * A customer from its row. A column a page did not read (`columnsFor`) leaves its fields undefined:
 * nothing reads them, since the request did not select them.
 */
export function customerFromRow(row: CustomerRow): Customer {
  return {
    id: row.id,
    customerNumber: row.customer_number,
    firstName: row.first_name,
    lastName: row.last_name,
    organisation:
      row.org_id === undefined ? (undefined as never) : row.org_id ? { id: row.org_id, name: row.org_name ?? '', businessId: row.org_business_id } : null,
    email: row.email,
    phone: row.phone,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    language: row.language as Customer['language'],
    partner: row.partner_name === undefined ? (undefined as never) : row.partner_id ? { id: row.partner_id, name: row.partner_name ?? '' } : null,
    partnerId: row.partner_id,
    source: row.source as Customer['source'],
    restricted: row.restricted,
    pendingErasure: row.pending_erasure,
    anonymised: row.anonymised,
    mergedIntoId: row.merged_into,
    version: row.version,
    createdAt: row.created_ms === undefined ? (undefined as never) : new Date(row.created_ms),
    updatedAt: row.updated_ms === undefined ? (undefined as never) : new Date(row.updated_ms),
  };
}

/**
 * The customers matching `where` (built over aliases `c`, `o`, `p`), in `orderBy` (a fixed
 * ordering, never input text), at most `limit` of them.
 */
export async function findCustomers(
  db: Db,
  where: Where,
  orderBy = 'c.customer_number',
  limit?: number,
  /** Keep the statement prepared (db/sql.ts): a list page's, not a search's (its plan hangs on the pattern). `columns`: `columnsFor`'s. */
  options: { prepare?: boolean; columns?: string } = {},
): Promise<Customer[]> {
  const limitText = limit === undefined ? '' : ` LIMIT ${limitSql(where, limit)}`;
  const select = options.columns ? `SELECT ${options.columns} ${CUSTOMER_FROM}` : CUSTOMER_SELECT;
  const sql = `${select} WHERE ${where} ORDER BY ${orderBy}${limitText}`;
  const rows = await many<CustomerRow>(db, options.prepare ? prepared(sql) : sql, where.params);
  return rows.map(customerFromRow);
}

/** A keyset order: its keys (SQL over `c`, `o`, `p`; from a fixed ordering, never input text), all one way. */
export interface SortKeys {
  keys: readonly string[];
  direction: 'ASC' | 'DESC';
}

/** The ORDER BY list of a keyset order over the customers (`findCustomers`). */
export const orderByOf = (sort: SortKeys): string => sort.keys.map((key) => `${key} ${sort.direction}`).join(', ');

/**
 * The count a page's statement may take with it (`findCustomersConsulted`): `filter` is the list's condition
 * before its cursor narrowed it (its parameters the first of the page's). Counted only when the page cannot
 * tell it (`always`: a page after a cursor; otherwise only when a next page exists), so a page that holds
 * every match costs no count (PostgreSQL runs a subquery of a CASE branch only when it takes the branch).
 */
export interface PageCount {
  filter: string;
  always: boolean;
}

/** A consulted page: its rows, and its count when the statement took it (`PageCount`) and the page could not tell it. */
export interface ConsultedPage {
  customers: Customer[];
  count?: CappedCount;
}

/**
 * `findCustomers` for a list page whose consultation log is written by the same statement (a
 * data-modifying CTE, on the primary): the first `shown` rows of the answer are the page the user is
 * shown (the one more read tells whether a next page exists), and the log names them with
 * `consultation.fields`. One round trip for the read and its record, which commit together, and for the
 * list's count when it is asked (`options.count`). The page carries its sort keys (`sort_0` ...), by
 * which the log and the answer take its order again (a row number over the page measured dearer).
 */
export async function findCustomersConsulted(
  db: Db,
  where: Where,
  sort: SortKeys,
  limit: number,
  shown: number,
  consultation: Consultation,
  options: { prepare?: boolean; columns?: string; count?: PageCount } = {},
): Promise<ConsultedPage> {
  const keys = sort.keys.map((key, i) => `${key} AS sort_${i}`).join(', ');
  const outer = sort.keys.map((_, i) => `sort_${i} ${sort.direction}`).join(', ');
  const page = `SELECT ${options.columns ?? CUSTOMER_COLUMNS}, ${keys} ${CUSTOMER_FROM}
      WHERE ${where} ORDER BY ${orderByOf(sort)} LIMIT ${limitSql(where, limit)}`;
  const logged = consultationInsertSql(where, consultation, 'page', outer, limitSql(where, shown));
  const count = options.count;
  const counted = count
    ? `, CASE WHEN ${count.always ? 'TRUE' : `(SELECT count(*) FROM page) > ${limitSql(where, shown)}`} THEN ${cappedCountSql(`${CUSTOMER_FROM} WHERE ${count.filter}`)} END AS counted`
    : '';
  const sql = `WITH page AS (${page}),
    logged AS (${logged})
    SELECT *${counted} FROM page ORDER BY ${outer}`;
  const rows = await many<CustomerRow & { counted?: number | null }>(db, options.prepare ? prepared(sql) : sql, where.params);
  const n = rows[0]?.counted;
  return { customers: rows.map(customerFromRow), count: n == null ? undefined : cappedOf(n) };
}

/**
 * How many customers match `where` (the same condition as the list it counts, permission filter
 * included): exact up to the cap, then "more than". The joins the condition does not name are
 * removed by the planner (left joins on unique keys), so a plain count reads customers alone.
 */
export function countCustomers(db: Db, where: string, params: readonly unknown[], options: { prepare?: boolean } = {}): Promise<CappedCount> {
  return cappedCount(db, `${CUSTOMER_FROM} WHERE ${where}`, params, options);
}

/** One customer by id, whoever asks (after a write, to answer with the record as stored). */
export async function customerById(db: Db, id: string): Promise<Customer | undefined> {
  const row = await maybeOne<CustomerRow>(db, `${CUSTOMER_SELECT} WHERE c.id = $1`, [id]);
  return row && customerFromRow(row);
}

export async function insertCustomer(db: Db, values: CustomerColumns): Promise<string> {
  return insertRow(db, 'customers', { ...values });
}

/** Writes the columns if the record is still at `version`; answers how many rows changed (0: someone else did). */
export function updateCustomerAt(db: Db, id: string, version: number, values: CustomerColumns): Promise<number> {
  const params = new Params();
  const assignments = (Object.keys(values) as Array<keyof CustomerColumns>).map((c) => `${c} = ${params.bind(values[c])}`);
  return affected(
    db,
    `UPDATE customers SET ${assignments.join(', ')}, version = version + 1, updated_at = now()
      WHERE id = ${params.bind(id)} AND version = ${params.bind(version)}`,
    params.values,
  );
}

/**
 * P7: whether the customer forbade updates of their name and address from outside sources (the update prohibition),
 * with the row held FOR SHARE until the write's transaction ends: a prohibition being recorded is waited for.
 */
export async function isUpdateProhibited(db: Db, id: string): Promise<boolean> {
  const row = await maybeOne<{ update_prohibited: boolean }>(db, `SELECT update_prohibited FROM customers WHERE id = $1 FOR SHARE`, [id]);
  return row?.update_prohibited ?? false;
}

export async function customerVersion(db: Db, id: string): Promise<number | undefined> {
  return (await maybeOne<{ version: number }>(db, `SELECT version FROM customers WHERE id = $1`, [id]))?.version;
}

/** The advisory lock namespace of customers' contact keys (the two-key form, apart from pg-boss's one-key locks). */
const CONTACT_KEY_LOCKS = 1764360002;

/**
 * Takes, until the transaction ends, a lock on each normalised email and phone, so that writers
 * who check "does another customer have this?" and then store it take turns: the second sees the
 * first's customer. In a fixed order, so two writers never wait on each other.
 */
export async function lockContactKeys(db: Db, contact: { email?: string | null; phone?: string | null }): Promise<void> {
  const keys = [contact.email && `email:${contact.email}`, contact.phone && `phone:${contact.phone}`].filter((k): k is string => Boolean(k)).sort();
  for (const key of keys) await execute(db, `SELECT pg_advisory_xact_lock(${CONTACT_KEY_LOCKS}, hashtext($1))`, [key]);
}

/** How a write holds the customer's row until it commits: as `FOR SHARE` or `FOR UPDATE` (the mode the write already used). */
export type CustomerRowLock = 'SHARE' | 'UPDATE';

/** P6: the customer's row, locked for a write, with the customer it was merged into (null for a live record). */
export function lockedMergeState(db: Db, id: string, lock: CustomerRowLock): Promise<{ merged_into: string | null } | undefined> {
  return maybeOne(db, `SELECT merged_into FROM customers WHERE id = $1 FOR ${lock === 'SHARE' ? 'SHARE' : 'UPDATE'}`, [id]);
}

/**
 * P6: the live customer at the end of a merge chain starting at `mergedInto` (B into A, then A into C: C), if `where`
 * (over alias `k`) lets the reader see it: its id and number.
 */
export function liveEndOfMerges(db: Db, mergedInto: string, where: string, params: Params): Promise<{ id: string; customer_number: string } | undefined> {
  return maybeOne(
    db,
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT ${params.bind(mergedInto)}::uuid, 0
       UNION ALL SELECT c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.id WHERE c.merged_into IS NOT NULL AND chain.depth < 100)
     SELECT k.id, k.customer_number::text AS customer_number
       FROM customers k JOIN (SELECT id FROM chain ORDER BY depth DESC LIMIT 1) live ON live.id = k.id
      WHERE k.merged_into IS NULL AND ${where}`,
    params.values,
  );
}
