import type { DataSource as Db, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { DataSource, type FieldProvenance, type ProvenanceInput } from './provenance.type';

export const STAFF_ENTRY: ProvenanceInput = { source: DataSource.STAFF_ENTRY, detail: null };

/** P7: every personal value records its source and time; a change adds a row, the history stays. */
export class ProvenanceService {
  constructor(private readonly db: Db) {}

  async record(tx: EntityManager, actor: Actor, customerId: string, fields: string[], provenance: ProvenanceInput): Promise<void> {
    if (fields.length === 0) return;
    await tx.query(
      `INSERT INTO customer_provenance (customer_id, field, source, detail, recorded_by)
       SELECT $1, field, $3, $4, $5 FROM unnest($2::text[]) AS field`,
      [customerId, fields, provenance.source, provenance.detail?.trim() || null, actor.user.id],
    );
  }

  /** The current source of each field of several customers, in one statement (DataLoader). */
  async currentFor(customerIds: readonly string[]): Promise<FieldProvenance[][]> {
    const rows = await this.db.query(
      `SELECT DISTINCT ON (p.customer_id, p.field) p.customer_id, p.field, p.source, p.detail, p.recorded_at, u.username
         FROM customer_provenance p LEFT JOIN users u ON u.id = p.recorded_by
        WHERE p.customer_id = ANY($1)
        ORDER BY p.customer_id, p.field, p.id DESC`,
      [customerIds],
    );
    const byCustomer = new Map<string, FieldProvenance[]>();
    for (const row of rows) {
      const list = byCustomer.get(row.customer_id) ?? [];
      list.push({ field: row.field, source: row.source, detail: row.detail, recordedAt: row.recorded_at, recordedBy: row.username });
      byCustomer.set(row.customer_id, list);
    }
    return customerIds.map((id) => byCustomer.get(id) ?? []);
  }
}
