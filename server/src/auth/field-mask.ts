import { subject as asSubject, type AppAbility, type Subject } from '@rekisteri/schema';

export type FieldDecision = 'allow' | 'deny' | 'per-record';

/**
 * What a user may read of each (type, field), worked out once per request. Only where a rule
 * has conditions (a partner's own customers, a user's own account) is each record checked.
 * Pure: no GraphQL. The field guard (a schema transform) asks it for every field it resolves,
 * and services ask it which fields a search may look in.
 */
export class FieldMask {
  private readonly decisions = new Map<string, FieldDecision>();
  /** The same decisions by the field guard's slot number of each (type, field): an array lookup per cell. */
  private readonly bySlot: FieldDecision[] = [];

  constructor(private readonly ability: AppAbility) {}

  decide(type: Subject, field: string): FieldDecision {
    const key = `${type}.${field}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      const rules = this.ability.rulesFor('read', type, field);
      if (rules.length === 0) decision = 'deny';
      else if (rules.some((r) => r.conditions)) decision = 'per-record';
      else decision = this.ability.can('read', type, field) ? 'allow' : 'deny';
      this.decisions.set(key, decision);
    }
    return decision;
  }

  canRead(type: Subject, record: object, field: string): boolean {
    return this.answer(this.decide(type, field), type, record, field);
  }

  /** `canRead` for the field the caller numbered `slot` (always the same type and field for one slot). */
  canReadAt(slot: number, type: Subject, record: object, field: string): boolean {
    let decision = this.bySlot[slot];
    if (decision === undefined) {
      decision = this.decide(type, field);
      this.bySlot[slot] = decision;
    }
    return this.answer(decision, type, record, field);
  }

  private answer(decision: FieldDecision, type: Subject, record: object, field: string): boolean {
    if (decision === 'allow') return true;
    if (decision === 'per-record') return this.ability.can('read', asSubject(type, record as Record<string, unknown>), field);
    return false;
  }
}
