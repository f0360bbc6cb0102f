import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/sql';
import { isUuid } from '../../errors';
import { appendProvenance, currentProvenance } from './provenance.repository';
import { DataSource as Source, type FieldProvenance, type Provenance } from './provenance.model';

export const STAFF_ENTRY: Provenance = { source: Source.STAFF_ENTRY, detail: null };

/** P7: every personal value records its source and time; a change adds a row, the history stays. */
export class ProvenanceService {
  constructor(private readonly db: DataSource) {}

  /** Called inside the write that changed the fields, which has checked the actor's right to change them. */
  async record(tx: Db, actor: Actor, customerId: string, fields: string[], provenance: Provenance): Promise<void> {
    if (fields.length === 0) return;
    await appendProvenance(tx, {
      customerId,
      fields,
      source: provenance.source,
      detail: provenance.detail?.trim() || null,
      // A person's entry names them; an intake acting for the register (the web form) names nobody.
      recordedBy: actor.intake ? null : actor.user.id,
    });
  }

  /**
   * The current source of each field of several customers, in one statement (DataLoader). Only
   * for customers already read through the gate: the field guard decides who sees `provenance`.
   */
  async currentFor(customerIds: readonly string[]): Promise<FieldProvenance[][]> {
    const rows = await currentProvenance(this.db, customerIds.filter(isUuid));
    const byCustomer = new Map<string, FieldProvenance[]>();
    for (const row of rows) {
      const list = byCustomer.get(row.customer_id) ?? [];
      list.push({ field: row.field, source: row.source as Source, detail: row.detail, recordedAt: row.recorded_at, recordedBy: row.username });
      byCustomer.set(row.customer_id, list);
    }
    return customerIds.map((id) => byCustomer.get(id) ?? []);
  }
}
