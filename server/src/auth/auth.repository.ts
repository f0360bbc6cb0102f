import { execute, maybeOne, one, type Db } from '../db/sql';

/** What a sign-in checks of an account. */
export interface Credentials {
  id: string;
  password_hash: string;
  active: boolean;
}

/** One sign-in per username at a time (to the end of the transaction), so parallel guesses cannot slip past the count. */
export async function lockSignInsOf(db: Db, username: string): Promise<void> {
  await execute(db, `SELECT pg_advisory_xact_lock(hashtext('login:' || $1))`, [username]);
}

/**
 * Failed sign-ins of a username in the window before `now`, since its last successful one. The
 * count lives in the audit trail, so every server process sees the same one.
 */
export async function recentSignInFailures(db: Db, username: string, now: Date, windowSeconds: number): Promise<number> {
  const row = await one<{ failures: number }>(
    db,
    `SELECT count(*)::int AS failures FROM audit_events
      WHERE actor_username = $1 AND action = 'LOGIN_FAILED'
        AND at > greatest($2::timestamptz - make_interval(secs => $3),
              coalesce((SELECT max(at) FROM audit_events WHERE actor_username = $1 AND action = 'LOGIN'), '-infinity'))`,
    [username, now, windowSeconds],
  );
  return row.failures;
}

export function credentialsByUsername(db: Db, username: string): Promise<Credentials | undefined> {
  // P4: the staff of a deactivated partner firm cannot sign in; a token's technical account never can (no password).
  return maybeOne<Credentials>(
    db,
    `SELECT u.id, u.password_hash, u.active AND (p.id IS NULL OR p.active) AND NOT EXISTS (SELECT 1 FROM api_tokens t WHERE t.user_id = u.id) AS active
       FROM users u LEFT JOIN partners p ON p.id = u.partner_id WHERE u.username = $1`,
    [username],
  );
}

export async function passwordHashOf(db: Db, userId: string): Promise<string | undefined> {
  return (await maybeOne<{ password_hash: string }>(db, `SELECT password_hash FROM users WHERE id = $1`, [userId]))?.password_hash;
}

/** A password of the user's own choosing: the one-time password is spent. */
export async function setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await execute(db, `UPDATE users SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
}

export async function acceptConfidentialityOf(db: Db, userId: string, version: string): Promise<void> {
  await execute(db, `UPDATE users SET confidentiality_accepted_version = $2, confidentiality_accepted_at = now(), updated_at = now() WHERE id = $1`, [
    userId,
    version,
  ]);
}
