import type { AuthCheckerFn } from 'type-graphql';
import { appError, unauthenticated } from '../errors';
import type { RequestContext } from '../graphql/context';

/**
 * Access levels for `@Authorized(...)`. Without a level, an operation touches register data and
 * needs a signed-in user who has changed their initial password and acknowledged the current
 * confidentiality commitment (P11, P12). `SESSION` needs only a signed-in user.
 */
export const SESSION = 'SESSION';

export const authChecker: AuthCheckerFn<RequestContext> = ({ context }, levels) => {
  const actor = context.actor;
  if (!actor) throw unauthenticated();
  if (levels.includes(SESSION)) return true;
  if (actor.user.mustChangePassword) {
    throw appError('PASSWORD_CHANGE_REQUIRED', 'Change your initial password before you continue.');
  }
  if (actor.user.confidentialityAcceptedVersion !== context.config.confidentialityVersion) {
    throw appError('CONFIDENTIALITY_REQUIRED', 'Acknowledge the confidentiality commitment before you handle register data.', {
      version: context.config.confidentialityVersion,
    });
  }
  return true;
};
