import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { badInput, forbidden } from '../../errors';
import type { CustomersService } from '../customers/customers.service';
import { NoticeVia, type Prohibition, type ProhibitionInput } from './prohibition.type';

const COLUMNS = `e.customer_id, e.kind, e.channel, e.action, e.via, e.note, e.recorded_at, u.username AS recorded_by`;

function prohibitionFromRow(row: Record<string, any>): Prohibition {
  return {
    customerId: row.customer_id,
    kind: row.kind,
    channel: row.channel,
    action: row.action ?? 'SET',
    via: row.via,
    note: row.note,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

/** P5, P15, P17: the customer's "no", kept as a ledger that is appended to and never rewritten. */
export class ProhibitionsService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  /** The prohibitions in force for several customers, in one statement (DataLoader). */
  async currentFor(customerIds: readonly string[]): Promise<Prohibition[][]> {
    const rows = await this.db.query(
      `SELECT e.customer_id, e.kind, e.channel, 'SET' AS action, e.via, e.note, e.recorded_at, u.username AS recorded_by
         FROM current_prohibitions e LEFT JOIN users u ON u.id = e.recorded_by
        WHERE e.customer_id = ANY($1) ORDER BY e.kind, e.channel NULLS FIRST`,
      [customerIds],
    );
    const all = rows.map(prohibitionFromRow);
    return customerIds.map((id) => all.filter((p: Prohibition) => p.customerId === id));
  }

  async history(actor: Actor, customerId: string): Promise<Prohibition[]> {
    if (!actor.ability.can('read', 'Prohibition')) throw forbidden('You may not read prohibitions.');
    await this.customers.get(actor, customerId);
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM prohibition_events e LEFT JOIN users u ON u.id = e.recorded_by
        WHERE e.customer_id = $1 ORDER BY e.id DESC`,
      [customerId],
    );
    return rows.map(prohibitionFromRow);
  }

  /** Takes effect at once: target lists and exports read the ledger, not a copy. */
  async record(actor: Actor, customerId: string, input: ProhibitionInput): Promise<Prohibition[]> {
    if (!actor.ability.can('create', 'Prohibition')) throw forbidden('You may not record prohibitions.');
    return this.append(actor, customerId, input, 'SET');
  }

  /** Lifting needs the customer's own notice, and a prohibition in force to lift. */
  async lift(actor: Actor, customerId: string, input: ProhibitionInput): Promise<Prohibition[]> {
    if (!actor.ability.can('lift', 'Prohibition')) throw forbidden('You may not lift prohibitions.');
    return this.append(actor, customerId, input, 'LIFT');
  }

  private async append(actor: Actor, customerId: string, input: ProhibitionInput, action: 'SET' | 'LIFT'): Promise<Prohibition[]> {
    await this.customers.get(actor, customerId);
    if (input.via === NoticeVia.EARLIER_PROHIBITION) {
      throw badInput('via', 'Record how the customer told us: customer service, email, contact person, letter, phone or web form.');
    }
    await this.db.transaction((tx) => this.appendIn(tx, actor, customerId, input, action));
    const [current] = await this.currentFor([customerId]);
    return current;
  }

  /**
   * Appends a notice inside the caller's transaction (e.g. an objection taking effect at identity
   * verification). The caller has made its permission check.
   */
  async appendIn(tx: EntityManager, actor: Actor, customerId: string, input: ProhibitionInput, action: 'SET' | 'LIFT'): Promise<void> {
    const channel = input.channel ?? null;
    // One notice per customer at a time, so a set and a lift cannot cross.
    await tx.query(`SELECT 1 FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
    if (action === 'LIFT') {
      const [inForce] = await tx.query(
        `SELECT 1 FROM current_prohibitions WHERE customer_id = $1 AND kind = $2 AND channel IS NOT DISTINCT FROM $3`,
        [customerId, input.kind, channel],
      );
      if (!inForce) throw badInput('kind', 'No such prohibition is in force for this customer and channel.');
    }
    await tx.query(
      `INSERT INTO prohibition_events (customer_id, kind, channel, action, via, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [customerId, input.kind, channel, action, input.via, input.note?.trim() || null, actor.user.id],
    );
    await recordAuditEvents(tx, [
      {
        action: action === 'SET' ? 'PROHIBITION_SET' : 'PROHIBITION_LIFTED',
        actorId: actor.user.id,
        actorUsername: actor.user.username,
        customerId,
        detail: { kind: input.kind, channel, via: input.via },
      },
    ]);
  }
}
