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

/**
 * Abilities by what the permission table reads of a user (id, roles, firm, the firm's fields, a token's scopes):
 * the table is a pure function of those, and an ability is never changed once built, so a user's next request
 * with the same rights takes the same one, with its rule index and field mask already worked out. What decides
 * is still read from the database on every request (the session's user): a changed role is a new key at once.
 * At most ABILITIES are kept; past that the map starts afresh.
 */
const ABILITIES = 1000;
const abilities = new Map<string, AppAbility>();
function abilityFor(user: SessionUser): AppAbility {
  const key = JSON.stringify([user.id, user.roles, user.partnerId ?? null, user.partnerFields ?? null, user.apiScopes ?? null]);
  let ability = abilities.get(key);
  if (!ability) {
    if (abilities.size >= ABILITIES) abilities.clear();
    ability = defineAbilityFor(user);
    abilities.set(key, ability);
  }
  return ability;
}

export function actorOf(user: SessionUser, sessionId: string): Actor {
  return { user, sessionId, ability: abilityFor(user) };
}

/** Each ability's field mask: its decisions are the ability's, so they are worked out once for all its requests. */
const masks = new WeakMap<AppAbility, FieldMask>();

/** What the actor may read of each type and field (the field guard asks it). */
export function fieldMaskFor(actor: Actor): FieldMask {
  let mask = masks.get(actor.ability);
  if (!mask) {
    mask = new FieldMask(actor.ability);
    masks.set(actor.ability, mask);
  }
  return mask;
}

/** The actor's rules, packed for the browser, which builds the same ability from them. */
export function packedRulesFor(actor: Actor): unknown {
  return packRules(actor.ability.rules);
}
