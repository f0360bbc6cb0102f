import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { type DataSource, type EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError, type QueryResult } from 'typeorm';

/**
 * The typed way to run SQL. Every module keeps its SQL in its repository and reads rows through
 * these helpers, with an interface for each row shape; nothing answers `any`. They take the data
 * source or a transaction's manager alike, so a repository method runs in the caller's transaction.
 */
export type Db = DataSource | EntityManager;

/**
 * A statement PostgreSQL keeps prepared on each connection (a named statement): parsed once per
 * connection, and after a few executions planned once (plan_cache_mode auto: PostgreSQL keeps a
 * generic plan only when it costs no more than the custom ones did). For the statements every
 * request runs (the session, a list page, its consultation log), whose parsing and planning cost
 * more than their execution. Not for text whose best plan hangs on a value (a search pattern): once
 * PostgreSQL has chosen a generic plan for a prepared statement, it keeps it on that connection.
 */
export interface Prepared {
  readonly text: string;
  readonly name: string;
}

const PREPARED_MAX = 2000;
const preparedNames = new Map<string, string>();

/**
 * `text` as a prepared statement, named by its hash (the same text has the same name on every
 * connection and process). At most PREPARED_MAX distinct texts per process; past that the text runs
 * as it is, so a statement built from many combinations cannot grow every connection without bound.
 */
export function prepared(text: string): Prepared | string {
  let name = preparedNames.get(text);
  if (name === undefined) {
    if (preparedNames.size >= PREPARED_MAX) return text;
    name = `rk_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return { text, name };
}

/**
 * A statement whose result type changed under it (a migration altered a column it selects, while this
 * process ran): PostgreSQL refuses to execute it (0A000, "cached plan must not change result type") on
 * every connection that prepared it. It is prepared afresh under a new name; the old one is left on
 * those connections, unused, until they close.
 */
const renamed = new Map<string, string>();
let generation = 0;
/** 0A000 is any feature PostgreSQL does not support; this one is raised when a kept plan is checked again. */
const resultTypeChanged = (error: unknown) =>
  (error as { code?: string }).code === '0A000' && (error as { routine?: string }).routine === 'RevalidateCachedQuery';

/** The data sources whose connections may keep prepared statements (db/database.ts decides: a server, not behind a transaction pooler). */
const preparing = new WeakSet<DataSource>();
export function allowPreparedStatements(dataSource: DataSource): void {
  preparing.add(dataSource);
}

/** Runs one statement on the transaction's own connection, or on a pooled one released afterwards. */
async function run(db: Db, sql: string | Prepared, params: readonly unknown[] | undefined): Promise<QueryResult> {
  const manager = 'manager' in db ? db.manager : db;
  const own = manager.queryRunner;
  const runner = own ?? manager.connection.createQueryRunner();
  try {
    if (typeof sql === 'string') return await runner.query(sql, params as unknown[] | undefined, true);
    if (!preparing.has(manager.connection)) return await runner.query(sql.text, params as unknown[] | undefined, true);
    // As TypeORM's query(): a finished transaction's runner no longer owns its connection.
    if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    // node-postgres prepares a named statement on a connection the first time it runs there.
    const client = (await runner.connect()) as PoolClient;
    const execute = async (name: string) => {
      const raw = await client.query({ name, text: sql.text, values: params as unknown[] | undefined });
      return { records: raw.rows, affected: raw.rowCount ?? undefined, raw: raw.rows } as QueryResult;
    };
    const used = renamed.get(sql.name) ?? sql.name;
    try {
      try {
        return await execute(used);
      } catch (error) {
        if (!resultTypeChanged(error)) throw error;
        // Once for all the connections that find it at the same time: the first to fail names it anew.
        if ((renamed.get(sql.name) ?? sql.name) === used) renamed.set(sql.name, `${sql.name}_${++generation}`);
        // Outside a transaction it runs again at once; inside one, the transaction is already aborted.
        if (own) throw error;
        return await execute(renamed.get(sql.name) ?? sql.name);
      }
    } catch (error) {
      // As TypeORM reports a failed statement, so the callers' handling (unique violations, conflicts) is the same.
      throw new QueryFailedError(sql.text, params as unknown[] | undefined, error as Error);
    }
  } finally {
    if (!own) await runner.release();
  }
}

/** Every row the statement answers. */
export async function many<T>(db: Db, sql: string | Prepared, params?: readonly unknown[]): Promise<T[]> {
  return ((await run(db, sql, params)).records ?? []) as T[];
}

/** The first row, or undefined when there is none. */
export async function maybeOne<T>(db: Db, sql: string | Prepared, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await many<T>(db, sql, params))[0];
}

/** Exactly one row: a statement that answers none is a bug in the caller (an INSERT ... RETURNING, a count). */
export async function one<T>(db: Db, sql: string | Prepared, params: readonly unknown[] = []): Promise<T> {
  const row = await maybeOne<T>(db, sql, params);
  if (row === undefined) throw new Error(`Expected a row from: ${(typeof sql === 'string' ? sql : sql.text).trim().split('\n')[0]}`);
  return row;
}

/** How many rows an UPDATE, DELETE or INSERT changed (with or without RETURNING). */
export async function affected(db: Db, sql: string | Prepared, params: readonly unknown[] = []): Promise<number> {
  return (await run(db, sql, params)).affected ?? 0;
}

/** A statement whose answer nobody reads (DDL, SET LOCAL, locks). */
export async function execute(db: Db, sql: string | Prepared, params: readonly unknown[] = []): Promise<void> {
  await run(db, sql, params);
}

/**
 * The parameters of a statement under construction: `bind(value)` adds a value and answers its
 * placeholder. The one binding helper: the row filter, searches and segments all bind through it.
 */
export class Params {
  constructor(readonly values: unknown[] = []) {}

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A WHERE clause under construction, with its parameters. */
export class Where extends Params {
  readonly parts: string[] = [];

  and(part: string): this {
    this.parts.push(part);
    return this;
  }

  /** The parameters bound so far (the same array, growing as more is bound). */
  get params(): unknown[] {
    return this.values;
  }

  override toString(): string {
    return this.parts.length ? this.parts.join(' AND ') : 'TRUE';
  }
}

/**
 * A row count for a statement's text: PostgreSQL plans `LIMIT $1` afresh on every execution (its generic plan
 * guesses a tenth of the table), while `LIMIT 101` lets a prepared statement settle on one plan. Only the page sizes
 * the app asks for (and one more, which tells a next page exists) are written so, so that the texts stay few (each is
 * a prepared statement on every connection, PREPARED_MAX at most); any other count is bound as a parameter.
 */
const WRITTEN_LIMITS: ReadonlySet<number> = new Set([10, 20, 25, 50, 100, 200].flatMap((n) => [n, n + 1]));

export function limitSql(params: Params, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not a row limit: ${n}`);
  return WRITTEN_LIMITS.has(n) ? String(n) : params.bind(n);
}

/** Inserts one row of the given column values and answers its id. */
export async function insertRow(db: Db, table: string, values: Record<string, unknown>): Promise<string> {
  const { sql, params } = insertSql(table, values);
  return (await one<{ id: string }>(db, sql, params)).id;
}

/** `INSERT INTO table (a, b) VALUES ($1, $2)` for the given column values, in their order. */
export function insertSql(table: string, values: Record<string, unknown>, returning = 'id'): { sql: string; params: unknown[] } {
  const columns = Object.keys(values);
  const params = new Params();
  const placeholders = columns.map((c) => params.bind(values[c]));
  return { sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${returning}`, params: params.values };
}
