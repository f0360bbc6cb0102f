import type { DataSource, EntityManager, QueryResult } from 'typeorm';

/**
 * The typed way to run SQL. Every module keeps its SQL in its repository and reads rows through
 * these helpers, with an interface for each row shape; nothing answers `any`. They take the data
 * source or a transaction's manager alike, so a repository method runs in the caller's transaction.
 */
export type Db = DataSource | EntityManager;

/** Runs one statement on the transaction's own connection, or on a pooled one released afterwards. */
async function run(db: Db, sql: string, params: readonly unknown[] | undefined): Promise<QueryResult> {
  const manager = 'manager' in db ? db.manager : db;
  const own = manager.queryRunner;
  const runner = own ?? manager.connection.createQueryRunner();
  try {
    return await runner.query(sql, params as unknown[] | undefined, true);
  } finally {
    if (!own) await runner.release();
  }
}

/** Every row the statement answers. */
export async function many<T>(db: Db, sql: string, params?: readonly unknown[]): Promise<T[]> {
  return ((await run(db, sql, params)).records ?? []) as T[];
}

/** The first row, or undefined when there is none. */
export async function maybeOne<T>(db: Db, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await many<T>(db, sql, params))[0];
}

/** Exactly one row: a statement that answers none is a bug in the caller (an INSERT ... RETURNING, a count). */
export async function one<T>(db: Db, sql: string, params: readonly unknown[] = []): Promise<T> {
  const row = await maybeOne<T>(db, sql, params);
  if (row === undefined) throw new Error(`Expected a row from: ${sql.trim().split('\n')[0]}`);
  return row;
}

/** How many rows an UPDATE, DELETE or INSERT changed (with or without RETURNING). */
export async function affected(db: Db, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await run(db, sql, params)).affected ?? 0;
}

/** A statement whose answer nobody reads (DDL, SET LOCAL, locks). */
export async function execute(db: Db, sql: string, params: readonly unknown[] = []): Promise<void> {
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
