import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../audit/audit.service';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { appError, badInput, unauthenticated } from '../errors';
import type { UsersService } from '../modules/users/users.service';
import type { Me } from '../modules/users/user.model';
import { actorOf, packedRulesFor, type Actor } from './actor';
import { acceptConfidentialityOf, credentialsByUsername, lockSignInsOf, passwordHashOf, recentSignInFailures, setPassword } from './auth.repository';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyAgainstNothing, verifyPassword } from './passwords';
import { countHit, takeBackHit } from './rate-limits.repository';
import { createSession, endOtherSessions, endSessionByToken, loadSession } from './sessions';

export interface LoginResult {
  token: string;
  actor: Actor;
}

export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly config: Config,
    private readonly users: UsersService,
    /** The throttling window is measured on this clock (tests move it instead of waiting). */
    private readonly clock: Clock,
  ) {}

  /**
   * A wrong password and an unknown user fail alike. After too many failures for one username in
   * the window, or from one client address whatever the usernames, every attempt is refused until
   * the window has passed. The counts live in the database (the audit trail, the rate limits), so
   * every server process sees the same ones.
   */
  async login(usernameInput: string, password: string, ip: string | undefined): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const { maxFailures, windowMs, maxFailuresPerAddress } = this.config.loginThrottle;
    // Each attempt counts against its address first, so parallel guesses cannot slip past; one that turns out
    // not to be a failure (a success, or refused unchecked) takes its hit back. The count is failures plus attempts in flight.
    const addressKey = `login:${ip ?? 'unknown'}`;
    const address = await countHit(this.db, addressKey, this.clock.now(), windowMs / 1000);
    const outcome = await this.db.transaction(async (tx) => {
      await lockSignInsOf(tx, username);
      if (address.hits > maxFailuresPerAddress || (await recentSignInFailures(tx, username, this.clock.now(), windowMs / 1000)) >= maxFailures) {
        await takeBackHit(tx, addressKey);
        await recordAuditEvents(tx, [{ action: 'LOGIN_THROTTLED', actorUsername: username, detail: { ip } }]);
        return { throttled: true as const };
      }
      const user = await credentialsByUsername(tx, username);
      const ok = user ? (await verifyPassword(user.password_hash, password)) && user.active : await verifyAgainstNothing(password);
      if (!user || !ok) {
        await recordAuditEvents(tx, [{ action: 'LOGIN_FAILED', actorId: user?.id ?? null, actorUsername: username, detail: { ip } }]);
        return { failed: true as const };
      }
      await takeBackHit(tx, addressKey);
      const token = await createSession(tx, user.id, this.config.session.absoluteMs);
      await recordAuditEvents(tx, [{ action: 'LOGIN', actorId: user.id, actorUsername: username, detail: { ip } }]);
      return { token };
    });
    if ('throttled' in outcome) {
      throw appError('TOO_MANY_ATTEMPTS', 'Too many failed sign-ins. Try again in a few minutes.', {
        retryAfterMinutes: Math.ceil(windowMs / 60_000),
      });
    }
    if ('failed' in outcome) throw unauthenticated();
    const session = await loadSession(this.db, outcome.token, this.config.session.idleMs);
    if (!session) throw unauthenticated();
    return { token: outcome.token, actor: actorOf(session.user, session.sessionId) };
  }

  async logout(actor: Actor | null, token: string | undefined): Promise<void> {
    if (!token) return;
    await this.db.transaction(async (tx) => {
      await endSessionByToken(tx, token);
      if (actor) {
        await recordAuditEvents(tx, [{ action: 'LOGOUT', actorId: actor.user.id, actorUsername: actor.user.username }]);
      }
    });
  }

  async me(actor: Actor): Promise<Me> {
    const user = await this.users.get(this.db, actor.user.id);
    return {
      user,
      roles: actor.user.roles,
      rules: packedRulesFor(actor),
      mustChangePassword: actor.user.mustChangePassword,
      confidentialityAccepted: actor.user.confidentialityAcceptedVersion === this.config.confidentialityVersion,
      confidentialityVersion: this.config.confidentialityVersion,
      // A request touches the session at most once a minute (sessions.ts): the idle time is sure only less that minute.
      sessionIdleSeconds: Math.max(60, this.config.session.idleMs / 1000 - 60),
    };
  }

  /** P11, P12: nobody handles register data before acknowledging the current commitment. */
  async acceptConfidentiality(actor: Actor, version: string): Promise<Actor> {
    if (version !== this.config.confidentialityVersion) {
      throw badInput('version', `The current commitment is version ${this.config.confidentialityVersion}; read it and accept that one.`);
    }
    await this.db.transaction(async (tx) => {
      await acceptConfidentialityOf(tx, actor.user.id, version);
      await recordAuditEvents(tx, [{ action: 'CONFIDENTIALITY_ACCEPTED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { version } }]);
    });
    return actorOf({ ...actor.user, confidentialityAcceptedVersion: version }, actor.sessionId);
  }

  /** Changing the password ends the user's other sessions. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<Actor> {
    const currentHash = await passwordHashOf(this.db, actor.user.id);
    if (!currentHash || !(await verifyPassword(currentHash, currentPassword))) {
      throw badInput('currentPassword', 'The current password is not right.');
    }
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      throw badInput('newPassword', `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    if (newPassword === currentPassword) throw badInput('newPassword', 'Choose a password different from the current one.');
    if (newPassword.toLowerCase().includes(actor.user.username)) {
      throw badInput('newPassword', 'The password must not contain your username.');
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await setPassword(tx, actor.user.id, passwordHash);
      await endOtherSessions(tx, actor.user.id, actor.sessionId);
      await recordAuditEvents(tx, [{ action: 'PASSWORD_CHANGED', actorId: actor.user.id, actorUsername: actor.user.username }]);
    });
    return actorOf({ ...actor.user, mustChangePassword: false }, actor.sessionId);
  }
}
