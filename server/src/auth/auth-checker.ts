import type { AuthCheckerFn } from 'type-graphql';
import { appError, unauthenticated } from '../errors';
import type { Config } from '../config';
import type { RequestContext } from '../graphql/context';
import type { Actor } from './actor';

/**
 * Access levels for `@Authorized(...)`. Without a level, an operation touches register data and
 * needs a signed-in user who has changed their initial password and acknowledged the current
 * confidentiality commitment (P11, P12). `SESSION` needs only a signed-in user.
 */
export const SESSION = 'SESSION';

export const authChecker: AuthCheckerFn<RequestContext> = ({ context }, levels) => {
  if (levels.includes(SESSION)) {
    if (!context.actor) throw unauthenticated();
    return true;
  }
  requireRegisterAccess(context.actor, context.config);
  return true;
};

/** The gate to register data, for GraphQL and for plain HTTP routes (file downloads) alike. */
export function requireRegisterAccess(actor: Actor | null, config: Config): Actor {
  if (!actor) throw unauthenticated();
  // P4, P12: a partner system's token has no password to change; the firm's confidentiality binds it through its agreement.
  if (actor.user.apiToken) return actor;
  if (actor.user.mustChangePassword) {
    throw appError('PASSWORD_CHANGE_REQUIRED', 'Change your initial password before you continue.');
  }
  if (actor.user.confidentialityAcceptedVersion !== config.confidentialityVersion) {
    throw appError('CONFIDENTIALITY_REQUIRED', 'Acknowledge the confidentiality commitment before you handle register data.', {
      version: config.confidentialityVersion,
    });
  }
  return actor;
}
