import { execute, many, type Db } from '../../db/sql';

/** The current source of one field of a customer (the latest row of its history). */
export interface CurrentProvenanceRow {
  customer_id: string;
  field: string;
  source: string;
  detail: string | null;
  recorded_at: Date;
  username: string | null;
}

/** Adds a row per field to the history: the earlier sources stay (P7). */
export async function appendProvenance(
  db: Db,
  row: { customerId: string; fields: readonly string[]; source: string; detail: string | null; recordedBy: string | null },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO customer_provenance (customer_id, field, source, detail, recorded_by)
     SELECT $1, field, $3, $4, $5 FROM unnest($2::text[]) AS field`,
    [row.customerId, row.fields, row.source, row.detail, row.recordedBy],
  );
}

/** The current source of each field of several customers, in one statement. */
export function currentProvenance(db: Db, customerIds: readonly string[]): Promise<CurrentProvenanceRow[]> {
  return many<CurrentProvenanceRow>(
    db,
    `SELECT DISTINCT ON (p.customer_id, p.field) p.customer_id, p.field, p.source, p.detail, p.recorded_at, u.username
       FROM customer_provenance p LEFT JOIN users u ON u.id = p.recorded_by
      WHERE p.customer_id = ANY($1::uuid[])
      ORDER BY p.customer_id, p.field, p.id DESC`,
    [customerIds],
  );
}
