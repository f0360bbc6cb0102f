import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@rekisteri/schema';
import { execute, maybeOne, prepared, type Db } from '../db/sql';

export const SESSION_COOKIE = 'rekisteri_session';

/**
 * The session cookie's name. Secure: `__Host-` prefixed, so a browser takes it only over HTTPS, for
 * this host alone and path `/` (no sibling subdomain can plant or overwrite it).
 */
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
/** Touch a session at most this often: idle time is exact to within this. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  partnerId: string | null;
  mustChangePassword: boolean;
  confidentialityAcceptedVersion: string | null;
  /** P4: the customer fields the user's partner firm may read (its processor row's data fields). */
  partnerFields?: readonly string[] | null;
  /** P4: set when an API token of a partner firm acts: the token, its firm and what it was issued for. */
  apiToken?: ApiTokenIdentity | null;
  apiScopes?: readonly string[] | null;
}

/** Who acts when a partner system calls with a token. */
export interface ApiTokenIdentity {
  id: string;
  name: string;
  partnerId: string;
  partnerName: string;
}

export interface LoadedSession {
  sessionId: string;
  user: SessionUser;
}

interface SessionRow {
  session_id: string;
  stale: boolean;
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  partner_id: string | null;
  must_change_password: boolean;
  confidentiality_accepted_version: string | null;
  partner_fields: string[] | null;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Starts a session; returns the token for the cookie. Only its hash is stored. */
export async function createSession(db: Db, userId: string, absoluteMs: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await execute(db, `INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
    sessionIdOf(token),
    userId,
    absoluteMs / 1000,
  ]);
  return token;
}

/** Every signed-in request runs it first: kept prepared (db/sql.ts). */
const SESSION_SQL = prepared(
  `SELECT s.id AS session_id, (now() - s.last_seen_at) > make_interval(secs => $3) AS stale,
              u.id, u.username, u.display_name, u.roles, u.partner_id, u.must_change_password,
              u.confidentiality_accepted_version, pr.data_fields AS partner_fields
         FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN partners p ON p.id = u.partner_id LEFT JOIN recipients pr ON pr.partner_id = p.id
        WHERE s.id = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2) AND u.active
          AND (u.partner_id IS NULL OR p.active) -- P4: a deactivated firm's staff lose access at their next request`,
);

/** The live session of a cookie token: not expired, not idle too long, and its user still active. */
export async function loadSession(db: Db, token: string, idleMs: number): Promise<LoadedSession | null> {
  const id = sessionIdOf(token);
  const row = await maybeOne<SessionRow>(db, SESSION_SQL, [id, idleMs / 1000, TOUCH_INTERVAL_MS / 1000]);
  if (!row) return null;
  if (row.stale) await execute(db, `UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [id]);
  return {
    sessionId: id,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      partnerId: row.partner_id,
      mustChangePassword: row.must_change_password,
      confidentialityAcceptedVersion: row.confidentiality_accepted_version,
      partnerFields: row.partner_fields,
    },
  };
}

export async function endSessionByToken(db: Db, token: string): Promise<void> {
  await execute(db, `DELETE FROM sessions WHERE id = $1`, [sessionIdOf(token)]);
}

export async function endSessionsOfUser(db: Db, userId: string): Promise<void> {
  await execute(db, `DELETE FROM sessions WHERE user_id = $1`, [userId]);
}

/** Every session of the user but this one (a password change signs out everywhere else). */
export async function endOtherSessions(db: Db, userId: string, sessionId: string): Promise<void> {
  await execute(db, `DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, [userId, sessionId]);
}
