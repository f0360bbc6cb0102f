import { defineAbilityFor, type AppAbility } from '@rekisteri/schema';
import type { SessionUser } from './sessions';

/** The person acting in a request: who they are, and what the permission table lets them do. */
export interface Actor {
  user: SessionUser;
  sessionId: string;
  ability: AppAbility;
}

export function actorOf(user: SessionUser, sessionId: string): Actor {
  return { user, sessionId, ability: defineAbilityFor(user) };
}
