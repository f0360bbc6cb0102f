import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight, visibleWithCustomerWhere } from '../../auth/authorize';
import { Where } from '../../db/sql';
import { appError, badInput } from '../../errors';
import type { CustomersService } from '../customers/customers.service';
import { lockLiveCustomer } from '../customers/merged-record';
import { NoticeVia, ProhibitionAction, type ProhibitionNotice, type ProhibitionRecord } from './prohibition.model';
import { appendLedgerEntry, currentProhibitions, prohibitionHistory, prohibitionInForce } from './prohibitions.repository';

/** The fields of a notice that are given: what the write sets. */
const noticeFields = (input: ProhibitionNotice) => (['kind', 'channel', 'via', 'note'] as const).filter((f) => input[f] !== undefined && input[f] !== null);

/** P5, P15, P17: the customer's "no", kept as a ledger that is appended to and never rewritten. */
export class ProhibitionsService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  /**
   * The prohibitions in force for several customers, in one statement (DataLoader). The customers
   * were read through the gate, and `Customer.prohibitions` is guarded by the field rules.
   */
  async currentFor(customerIds: readonly string[]): Promise<ProhibitionRecord[][]> {
    const all = await currentProhibitions(this.db, customerIds);
    return customerIds.map((id) => all.filter((p) => p.customerId === id));
  }

  async history(actor: Actor, customerId: string): Promise<ProhibitionRecord[]> {
    requireRight(actor, 'read', 'Prohibition', 'You may not read prohibitions.');
    await this.customers.get(actor, customerId); // NOT_FOUND for a customer the actor may not see
    const visible = new Where();
    visible.and(visibleWithCustomerWhere(actor, 'Prohibition', visible, 'e', 'e.customer_id'));
    return prohibitionHistory(this.db, customerId, visible);
  }

  /** Takes effect at once: target lists and exports read the ledger, not a copy. */
  async record(actor: Actor, customerId: string, input: ProhibitionNotice): Promise<ProhibitionRecord[]> {
    assertWritable(actor, 'create', 'Prohibition', null, noticeFields(input));
    return this.append(actor, customerId, input, ProhibitionAction.SET);
  }

  /** Lifting needs the customer's own notice, and a prohibition in force to lift. */
  async lift(actor: Actor, customerId: string, input: ProhibitionNotice): Promise<ProhibitionRecord[]> {
    assertWritable(actor, 'lift', 'Prohibition', null, noticeFields(input));
    return this.append(actor, customerId, input, ProhibitionAction.LIFT);
  }

  private async append(actor: Actor, customerId: string, input: ProhibitionNotice, action: ProhibitionAction): Promise<ProhibitionRecord[]> {
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
   * verification). The caller has made its permission check. A SET of what is in force already is
   * refused with ALREADY_IN_FORCE, and a LIFT of what is not with BAD_USER_INPUT: nothing is appended.
   */
  async appendIn(tx: EntityManager, actor: Actor, customerId: string, input: ProhibitionNotice, action: 'SET' | 'LIFT'): Promise<void> {
    const channel = input.channel ?? null;
    // Under the customer's lock, so two notices of the same "no" cannot both find it missing. P6: a merged
    // record's "no" lives on the customer it was merged into (the merge carried it there): refused, nothing appended.
    await lockLiveCustomer(tx, actor, customerId, 'UPDATE');
    const inForce = await prohibitionInForce(tx, customerId, input.kind, channel);
    if (action === 'LIFT' && !inForce) {
      throw badInput('kind', 'No such prohibition is in force for this customer and channel.');
    }
    if (action === 'SET' && inForce) {
      // P15: the "no" holds already; a second SET would only make the ledger say it twice.
      throw appError('ALREADY_IN_FORCE', 'This prohibition is already in force for this customer and channel.', {
        field: 'kind',
        via: inForce.via,
        recordedAt: inForce.recordedAt.toISOString(),
      });
    }
    await appendLedgerEntry(tx, {
      customerId,
      kind: input.kind,
      channel,
      action,
      via: input.via,
      note: input.note?.trim() || null,
      recordedBy: actor.user.id,
    });
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
