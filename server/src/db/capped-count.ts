import { one, prepared, type Db } from './sql';

/** Counts stop here: up to it a count is exact, past it a list says "more than 10,000" (issue 13). */
export const COUNT_CAP = 10_000;

/** A count of the rows a caller may see: exact when `capped` is false, otherwise "more than `count`". */
export interface CappedCount {
  count: number;
  capped: boolean;
}

/**
 * Counts the rows of `fromWhere` (a `FROM ... WHERE ...` with the list's very condition, permission
 * filter included), reading at most `cap + 1` of them: a million-row register costs what 10,001 rows cost.
 */
export async function cappedCount(
  db: Db,
  fromWhere: string,
  params: readonly unknown[],
  options: { cap?: number /** Keep the statement prepared (db/sql.ts): not for a search pattern's. */; prepare?: boolean } = {},
): Promise<CappedCount> {
  const cap = options.cap ?? COUNT_CAP;
  const sql = `SELECT count(*)::int AS n FROM (SELECT 1 ${fromWhere} LIMIT ${cap + 1}) capped`;
  const { n } = await one<{ n: number }>(db, options.prepare ? prepared(sql) : sql, params);
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}
