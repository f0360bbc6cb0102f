import { one, prepared, type Db } from './sql';

/**
 * Counts stop here: up to it a count is exact, past it a list says "more than 1,000" (issue 13).
 * A count reads up to cap + 1 rows under the list's own filter: at 10,000 that cost 1.3 ms of
 * PostgreSQL's CPU, half again a whole 100-row page; at 1,000 it costs 0.17 ms. Past a thousand
 * matches a person narrows the search rather than reads the number; exports keep their own limit.
 */
export const COUNT_CAP = 1_000;

/** A count of the rows a caller may see: exact when `capped` is false, otherwise "more than `count`". */
export interface CappedCount {
  count: number;
  capped: boolean;
}

/**
 * Counts the rows of `fromWhere` (a `FROM ... WHERE ...` with the list's very condition, permission
 * filter included), reading at most `cap + 1` of them: a million-row register costs what 1,001 rows cost.
 */
export async function cappedCount(
  db: Db,
  fromWhere: string,
  params: readonly unknown[],
  options: { cap?: number /** Keep the statement prepared (db/sql.ts): not for a search pattern's. */; prepare?: boolean } = {},
): Promise<CappedCount> {
  const cap = options.cap ?? COUNT_CAP;
  const sql = `SELECT ${cappedCountSql(fromWhere, cap)} AS n`;
  const { n } = await one<{ n: number }>(db, options.prepare ? prepared(sql) : sql, params);
  return cappedOf(n, cap);
}

/** `cappedCount`'s count as a scalar subquery, for a statement that counts as it reads: what it answers, `cappedOf` reads. */
export const cappedCountSql = (fromWhere: string, cap = COUNT_CAP): string => `(SELECT count(*)::int FROM (SELECT 1 ${fromWhere} LIMIT ${cap + 1}) capped)`;

/** A count of at most `cap + 1` rows, as a list says it. */
export const cappedOf = (n: number, cap = COUNT_CAP): CappedCount => (n > cap ? { count: cap, capped: true } : { count: n, capped: false });
