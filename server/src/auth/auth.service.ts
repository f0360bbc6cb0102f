import { packRules } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../audit/audit.service';
import type { Config } from '../config';
import { appError, badInput, unauthenticated } from '../errors';
import type { UsersService } from '../modules/users/users.service';
import type { Me } from '../modules/users/user.type';
import { actorOf, type Actor } from './actor';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyAgainstNothing, verifyPassword } from './passwords';
import { createSession, endSessionByToken, loadSession } from './sessions';

export interface LoginResult {
  token: string;
  actor: Actor;
}

export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly config: Config,
    private readonly users: UsersService,
  ) {}

  /**
   * A wrong password and an unknown user fail alike. After too many failures for one username in
   * the window, every attempt is refused until the window has passed. The count lives in the
   * audit trail, so every server process sees the same one.
   */
  async login(usernameInput: string, password: string, ip: string | undefined): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const { maxFailures, windowMs } = this.config.loginThrottle;
    const outcome = await this.db.transaction(async (tx) => {
      // One attempt per username at a time, so parallel guesses cannot slip past the count.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || $1))`, [username]);
      const [{ failures }] = await tx.query(
        `SELECT count(*)::int AS failures FROM audit_events
          WHERE actor_username = $1 AND action = 'LOGIN_FAILED'
            AND at > greatest(now() - make_interval(secs => $2),
                  coalesce((SELECT max(at) FROM audit_events WHERE actor_username = $1 AND action = 'LOGIN'), '-infinity'))`,
        [username, windowMs / 1000],
      );
      if (failures >= maxFailures) {
        await recordAuditEvents(tx, [{ action: 'LOGIN_THROTTLED', actorUsername: username, detail: { ip } }]);
        return { throttled: true as const };
      }
      const [user] = await tx.query(`SELECT id, password_hash, active FROM users WHERE username = $1`, [username]);
      const ok = user ? (await verifyPassword(user.password_hash, password)) && user.active : await verifyAgainstNothing(password);
      if (!ok) {
        await recordAuditEvents(tx, [{ action: 'LOGIN_FAILED', actorId: user?.id ?? null, actorUsername: username, detail: { ip } }]);
        return { failed: true as const };
      }
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
    const session = await loadSession(this.db.manager, outcome.token, this.config.session.idleMs);
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
    const user = await this.users.get(this.db.manager, actor.user.id);
    return {
      user,
      roles: actor.user.roles,
      rules: packRules(actor.ability.rules),
      mustChangePassword: actor.user.mustChangePassword,
      confidentialityAccepted: actor.user.confidentialityAcceptedVersion === this.config.confidentialityVersion,
      confidentialityVersion: this.config.confidentialityVersion,
    };
  }

  /** P11, P12: nobody handles register data before acknowledging the current commitment. */
  async acceptConfidentiality(actor: Actor, version: string): Promise<Actor> {
    if (version !== this.config.confidentialityVersion) {
      throw badInput('version', `The current commitment is version ${this.config.confidentialityVersion}; read it and accept that one.`);
    }
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE users SET confidentiality_accepted_version = $2, confidentiality_accepted_at = now(), updated_at = now() WHERE id = $1`,
        [actor.user.id, version],
      );
      await recordAuditEvents(tx, [
        { action: 'CONFIDENTIALITY_ACCEPTED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { version } },
      ]);
    });
    return actorOf({ ...actor.user, confidentialityAcceptedVersion: version }, actor.sessionId);
  }

  /** Changing the password ends the user's other sessions. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<Actor> {
    const [row] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [actor.user.id]);
    if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
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
      await tx.query(`UPDATE users SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1`, [
        actor.user.id,
        passwordHash,
      ]);
      await tx.query(`DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, [actor.user.id, actor.sessionId]);
      await recordAuditEvents(tx, [{ action: 'PASSWORD_CHANGED', actorId: actor.user.id, actorUsername: actor.user.username }]);
    });
    return actorOf({ ...actor.user, mustChangePassword: false }, actor.sessionId);
  }
}

