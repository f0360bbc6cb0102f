import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import { execute, maybeOne, type Db } from '../db/sql';
import { countHit } from './rate-limits.repository';
import { TOO_MANY_REQUESTS } from './public-rate-limit';
import type { LoadedSession } from './sessions';

/**
 * P4 "only through technical interfaces": partner systems call /graphql with `Authorization: Bearer <token>`.
 * A token is 32 random bytes, shown once; only the SHA-256 of it is stored and a request finds its token by that
 * hash (no comparison of secrets in application code, so nothing to time). Every request loads the token afresh
 * from PostgreSQL: a revocation, an expiry or a deactivated firm refuses the very next request in every process.
 */

export const API_TOKEN_PREFIX = 'rkt_';
/** Last use is written at most this often. */
const TOUCH_INTERVAL_SECONDS = 60;

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A new token's secret (shown once) and what is kept of it. */
export function newApiTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}

interface TokenRow {
  token_id: string;
  token_name: string;
  scopes: string[];
  partner_id: string;
  partner_name: string;
  partner_fields: string[] | null;
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  stale: boolean;
}

/** The live token of a bearer secret: not revoked, not expired at `now`, its firm and its account active. */
export async function loadApiToken(db: Db, token: string, now: Date): Promise<LoadedSession | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return null;
  const row = await maybeOne<TokenRow>(
    db,
    `SELECT t.id AS token_id, t.name AS token_name, t.scopes, p.id AS partner_id, p.name AS partner_name,
            pr.data_fields AS partner_fields, u.id, u.username, u.display_name, u.roles,
            (t.last_used_at IS NULL OR t.last_used_at < $2::timestamptz - make_interval(secs => $3)) AS stale
       FROM api_tokens t JOIN partners p ON p.id = t.partner_id JOIN users u ON u.id = t.user_id
       LEFT JOIN recipients pr ON pr.partner_id = p.id
      WHERE t.secret_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND p.active AND u.active`,
    [hashApiToken(token), now, TOUCH_INTERVAL_SECONDS],
  );
  if (!row) return null;
  if (row.stale) await execute(db, `UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [row.token_id, now]);
  return {
    sessionId: `token:${row.token_id}`,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      partnerId: row.partner_id,
      mustChangePassword: false,
      confidentialityAcceptedVersion: null,
      partnerFields: row.partner_fields,
      apiScopes: row.scopes,
      apiToken: { id: row.token_id, name: row.token_name, partnerId: row.partner_id, partnerName: row.partner_name },
    },
  };
}

/** The bearer secret of a request, if it carries one. */
export function bearerOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * For /graphql: a request with `Authorization: Bearer` is a partner system's; its cookies are ignored (no session,
 * no CSRF path), an unknown, revoked or expired token answers 401, and each token is throttled in PostgreSQL, so
 * every server process counts against the same limit (429 with Retry-After).
 */
export function apiTokenAuth(db: DataSource, clock: Clock, limit: { max: number; windowMs: number }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = bearerOf(req);
    if (bearer === null) return next();
    try {
      const session = bearer ? await loadApiToken(db.manager, bearer, clock.now()) : null;
      if (!session) {
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        res.status(401).json({ errors: [{ message: 'The API token is unknown, revoked or expired.', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      const { hits, resetAt } = await countHit(db, `api-token:${session.user.apiToken?.id}`, clock.now(), limit.windowMs / 1000);
      if (hits > limit.max) {
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil((resetAt.getTime() - clock.now().getTime()) / 1000))));
        res.status(429).json({ errors: [{ message: 'Too many requests with this API token. Try again shortly.', extensions: { code: TOO_MANY_REQUESTS } }] });
        return;
      }
      req.authSession = session;
      next();
    } catch (error) {
      next(error);
    }
  };
}
