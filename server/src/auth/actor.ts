import { defineAbilityFor, packRules, type AppAbility } from '@rekisteri/schema';
import { FieldMask } from './field-mask';
import type { SessionUser } from './sessions';

/** The person acting in a request: who they are, and what the permission table lets them do. */
export interface Actor {
  user: SessionUser;
  sessionId: string;
  ability: AppAbility;
  /** Not a person: an intake acting for the register (the site's contact form, P13); provenance names no user. */
  intake?: 'WEB_FORM';
}

export function actorOf(user: SessionUser, sessionId: string): Actor {
  return { user, sessionId, ability: defineAbilityFor(user) };
}

/** What the actor may read of each type and field, decided once per request (the field guard asks it). */
export function fieldMaskFor(actor: Actor): FieldMask {
  return new FieldMask(actor.ability);
}

/** The actor's rules, packed for the browser, which builds the same ability from them. */
export function packedRulesFor(actor: Actor): unknown {
  return packRules(actor.ability.rules);
}
