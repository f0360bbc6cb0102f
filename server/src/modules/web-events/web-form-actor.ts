import { defineAbilityFor } from '@rekisteri/schema';
import type { Actor } from '../../auth/actor';
import type { SessionUser } from '../../auth/sessions';

/** Stands in the audit trail for the site's contact form; no account has it, so no one signs in as it. */
export const WEB_FORM_ACTOR_ID = '00000000-0000-4000-8000-000000000f01';

/**
 * P13, P7: the site's contact form acts for the register as customer service would take a contact in:
 * it creates or matches a customer through the same service, rules and duplicate check as staff, and
 * its values are recorded with provenance WEB_FORM and no person as their recorder.
 */
export function webFormActor(confidentialityVersion: string): Actor {
  const user: SessionUser = {
    id: WEB_FORM_ACTOR_ID,
    username: 'web-form',
    displayName: 'Web form',
    roles: ['SERVICE'],
    partnerId: null,
    mustChangePassword: false,
    confidentialityAcceptedVersion: confidentialityVersion,
  };
  return { user, sessionId: 'web-form', ability: defineAbilityFor(user), intake: 'WEB_FORM' };
}
