import { CUSTOMER_PERSONAL_FIELDS } from '@rekisteri/schema';
import type { Db } from '../db/sql';
import { type AuditEventRecord, insertAuditEvents } from './audit.repository';

export type { AuditAction, AuditEventInput } from './audit-event';

/**
 * Writes audit events in one INSERT. Pass the transaction's manager so an event is written
 * together with the change it describes, or not at all.
 */
export async function recordAuditEvents(db: Db, events: AuditEventRecord[]): Promise<void> {
  if (events.length === 0) return;
  await insertAuditEvents(db, events);
}

/** The personal fields a consultation log names, sorted: an event lists its fields in this order. */
const READ_FIELDS: readonly string[] = [...CUSTOMER_PERSONAL_FIELDS].sort();
if (READ_FIELDS.length > 31) throw new Error("ReadLog keeps a customer's fields as bits of one number: at most 31 personal fields");

/**
 * The consultation log of one request (CJEU C-579/21): which customer's personal fields the
 * user was shown. The field guard notes each read; it is written once, when the response goes out,
 * as one row per set of fields shown (one row for a page of a list): the customers in `customer_ids`,
 * and in `customer_id` too when the row is about one customer.
 */
/** The personal fields shown of one customer, as bits of `READ_FIELDS`, set as they are read (`ReadLog.tally`). */
export interface ReadTally {
  readonly id: string;
  bits: number;
}

export class ReadLog {
  /** The personal fields shown of each customer, as bits of `READ_FIELDS` (a number per customer, not a set). */
  private readonly reads = new Map<string, number>();
  /** Tallies handed out: their bits are added to `reads` when the log is read (`settle`). */
  private readonly tallies: ReadTally[] = [];
  /** The fields of each customer logged already by the statement that read them (`cover`), as bits. */
  private readonly covered = new Map<string, number>();

  /** The bit of a personal field, for `noteBit`; -1 for a field that is not one. */
  static bitOf(field: string): number {
    const index = READ_FIELDS.indexOf(field);
    return index < 0 ? -1 : 1 << index;
  }

  note(customerId: string, field: string): void {
    const bit = ReadLog.bitOf(field);
    if (bit < 0) throw new Error(`${field} is not a personal field`);
    this.noteBit(customerId, bit);
  }

  /** `note` with the field's bit worked out once (the field guard's, per field of the schema). */
  noteBit(customerId: string, bit: number): void {
    this.reads.set(customerId, (this.reads.get(customerId) ?? 0) | bit);
  }

  /**
   * A tally of one customer's fields to set bits on as they are shown (the field guard's view of a record): cheaper
   * per field than `noteBit`, and the same in the log.
   */
  tally(customerId: string): ReadTally {
    const tally = { id: customerId, bits: 0 };
    this.tallies.push(tally);
    return tally;
  }

  /**
   * Adds the tallies' bits to `reads`. The tallies are kept: a field shown after a call (a bit set later) is added
   * by the next one, and adding a bit again changes nothing.
   */
  private settle(): void {
    for (const { id, bits } of this.tallies) {
      // What the read's own statement logged already is left out here, as `toEvents` leaves it out.
      const left = bits && bits & ~(this.covered.get(id) ?? 0);
      if (left) this.noteBit(id, left);
    }
  }

  /**
   * Fields of these customers that a statement has logged already, in the same transaction as it read
   * them (a list page's consultation log written by its read: customers.repository): the guard still
   * notes every read, and the events at the end name only what is left (a field decided per record).
   */
  cover(customerIds: readonly string[], fields: readonly string[]): void {
    let bits = 0;
    for (const field of fields) {
      const bit = ReadLog.bitOf(field);
      if (bit < 0) throw new Error(`${field} is not a personal field`);
      bits |= bit;
    }
    for (const id of customerIds) this.covered.set(id, (this.covered.get(id) ?? 0) | bits);
  }

  /** Whether there is anything left to write. */
  get size(): number {
    this.settle();
    if (this.covered.size === 0) return this.reads.size;
    let left = 0;
    for (const [customerId, bits] of this.reads) if (bits & ~(this.covered.get(customerId) ?? 0)) left++;
    return left;
  }

  /** The personal fields a consultation log names, in its order. */
  static readonly FIELDS = READ_FIELDS;

  toEvents(actor: { id: string; username: string }, purpose: string | null): AuditEventRecord[] {
    this.settle();
    const byFields = new Map<number, string[]>();
    for (const [customerId, read] of this.reads) {
      const bits = read & ~(this.covered.get(customerId) ?? 0);
      if (bits === 0) continue;
      const group = byFields.get(bits);
      if (group) group.push(customerId);
      else byFields.set(bits, [customerId]);
    }
    return [...byFields].map(([bits, customerIds]) => ({
      action: 'CUSTOMER_READ' as const,
      actorId: actor.id,
      actorUsername: actor.username,
      customerId: customerIds.length === 1 ? customerIds[0] : null,
      customerIds,
      fields: READ_FIELDS.filter((_, i) => bits & (1 << i)),
      purpose,
    }));
  }
}
