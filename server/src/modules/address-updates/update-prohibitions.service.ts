import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight } from '../../auth/authorize';
import type { Db } from '../../db/sql';
import { appError, badInput, notFound } from '../../errors';
import { lockLiveCustomer } from '../customers/merged-record';
import type { CustomersService } from '../customers/customers.service';
import { NoticeVia } from '../prohibitions/prohibition.model';
import { UpdateProhibitionSource, type UpdateProhibitionEvent, type UpdateProhibitionRecord } from './address-update.model';
import { lockProhibitionState, updateProhibitedAmong, updateProhibitionHistory, writeUpdateProhibition } from './address-updates.repository';

/** How the customer told us of the prohibition, as prohibitions are recorded (P5, P15). */
export interface UpdateProhibitionNotice {
  via: NoticeVia;
  note?: string | null;
}

const noticeFields = (input: UpdateProhibitionNotice) => (['via', 'note'] as const).filter((f) => input[f] !== undefined && input[f] !== null);

/**
 * P7: the customer's update prohibition ("asiakasrekisterin päivityskielto"): no address of theirs is
 * updated from an update service while it is in force. Recorded from the customer's own notice (with
 * how they told us), or from an update service's file that carries the flag; lifted only on the
 * customer's notice. Who may record a prohibition may record this one.
 */
export class UpdateProhibitionsService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  /** The prohibition in force for each of several customers read through the gate (the field guard decides who sees it). */
  async currentFor(customerIds: readonly string[]): Promise<Array<UpdateProhibitionRecord | null>> {
    return Promise.all(
      customerIds.map(async (id) => {
        const [latest] = await updateProhibitionHistory(this.db, id);
        return latest?.action === 'SET' ? toRecord(latest) : null;
      }),
    );
  }

  async history(actor: Actor, customerId: string): Promise<UpdateProhibitionEvent[]> {
    requireRight(actor, 'read', 'Prohibition', 'You may not read prohibitions.');
    await this.customers.get(actor, customerId);
    return (await updateProhibitionHistory(this.db, customerId)).map((e) => ({ ...toRecord(e), action: e.action }));
  }

  async record(actor: Actor, customerId: string, input: UpdateProhibitionNotice): Promise<UpdateProhibitionRecord | null> {
    assertWritable(actor, 'create', 'Prohibition', null, noticeFields(input));
    return this.write(actor, customerId, input, 'SET');
  }

  async lift(actor: Actor, customerId: string, input: UpdateProhibitionNotice): Promise<UpdateProhibitionRecord | null> {
    assertWritable(actor, 'lift', 'Prohibition', null, noticeFields(input));
    return this.write(actor, customerId, input, 'LIFT');
  }

  private async write(actor: Actor, customerId: string, input: UpdateProhibitionNotice, action: 'SET' | 'LIFT'): Promise<UpdateProhibitionRecord | null> {
    await this.customers.get(actor, customerId);
    if (input.via === NoticeVia.EARLIER_PROHIBITION) {
      throw badInput('via', 'Record how the customer told us: customer service, email, contact person, letter, phone or web form.');
    }
    const note = input.note?.trim() || null;
    if (note && note.length > 1000) throw badInput('note', 'The note is too long (at most 1000 characters).');
    await this.db.transaction(async (tx) => {
      // P6: a merged record takes no prohibition (it belongs on the kept customer): CONFLICT, ALREADY_MERGED.
      await lockLiveCustomer(tx, actor, customerId, 'UPDATE');
      const state = await lockProhibitionState(tx, customerId);
      if (!state) throw notFound('Customer');
      if (action === 'SET' && state.update_prohibited) {
        throw appError('ALREADY_IN_FORCE', 'Updates of this customer are forbidden already.', { field: 'via' });
      }
      if (action === 'LIFT' && !state.update_prohibited) throw badInput('via', 'No update prohibition is in force for this customer.');
      await writeUpdateProhibition(tx, [customerId], {
        action,
        source: UpdateProhibitionSource.CUSTOMER_NOTICE,
        via: input.via,
        detail: null,
        note,
        recordedBy: actor.user.id,
      });
      await recordAuditEvents(tx, [
        {
          action: action === 'SET' ? 'UPDATE_PROHIBITION_SET' : 'UPDATE_PROHIBITION_LIFTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId,
          detail: { source: UpdateProhibitionSource.CUSTOMER_NOTICE, via: input.via },
        },
      ]);
    });
    const [current] = await this.currentFor([customerId]);
    return current;
  }
}

/**
 * For any other import that changes customers' data from an outside source: which of these
 * customers forbade updates (P7: honoured by every import).
 */
export function updateProhibited(db: Db, customerIds: readonly string[]): Promise<Set<string>> {
  return updateProhibitedAmong(db, customerIds);
}

function toRecord(e: {
  source: string;
  via: string | null;
  detail: string | null;
  note: string | null;
  recorded_at: Date;
  username: string | null;
}): UpdateProhibitionRecord {
  return { since: e.recorded_at, source: e.source as UpdateProhibitionSource, via: e.via, detail: e.detail, note: e.note, recordedBy: e.username };
}
