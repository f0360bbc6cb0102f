import type { EntityManager } from 'typeorm';

/** Inserts rows in multi-row statements of at most `chunk` rows; returns the RETURNING rows. */
export async function bulkInsert(
  tx: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  returning = '',
  chunk = 500,
): Promise<Array<Record<string, any>>> {
  const out: Array<Record<string, any>> = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + chunk).map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    const result = await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}${returning ? ` RETURNING ${returning}` : ''}`,
      params,
    );
    if (returning) out.push(...result);
  }
  return out;
}
