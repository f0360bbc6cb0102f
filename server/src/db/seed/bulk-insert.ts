import { many, Params, type Db } from '../sql';

/** Inserts rows in multi-row statements of at most `chunk` rows; returns the RETURNING rows. */
export async function bulkInsert<T = Record<string, unknown>>(
  tx: Db,
  table: string,
  columns: string[],
  rows: unknown[][],
  returning = '',
  chunk = 500,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const params = new Params();
    const values = rows.slice(start, start + chunk).map((row) => `(${row.map((v) => params.bind(v)).join(', ')})`);
    const result = await many<T>(
      tx,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}${returning ? ` RETURNING ${returning}` : ''}`,
      params.values,
    );
    if (returning) out.push(...result);
  }
  return out;
}
