import { affected, many, maybeOne, one, type Db } from '../../db/sql';

/** P4: the SQL of partner systems' API tokens. Only the hash of a secret is ever written. */

export interface ApiTokenRow {
  id: string;
  partner_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expires_at: Date;
  created_at: Date;
  created_by: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const TOKEN_COLUMNS = `t.id, t.partner_id, t.name, t.prefix, t.scopes, t.expires_at, t.created_at,
  (SELECT u.username FROM users u WHERE u.id = t.created_by) AS created_by, t.last_used_at, t.revoked_at`;

/**
 * The technical account a token acts through: role PARTNER of its firm, no usable password (an argon2 check of
 * '!' never succeeds, and sign-in refuses any account that has a token), named so the audit trail says whose it is.
 */
export async function insertTokenAccount(db: Db, username: string, displayName: string, partnerId: string, confidentialityVersion: string): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO users (username, display_name, password_hash, roles, partner_id, must_change_password, confidentiality_accepted_version, confidentiality_accepted_at)
     VALUES ($1, $2, '!', ARRAY['PARTNER'], $3, false, $4, now()) RETURNING id`,
    [username, displayName, partnerId, confidentialityVersion],
  );
  return row.id;
}

export interface NewApiToken {
  partnerId: string;
  userId: string;
  name: string;
  secretHash: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date;
  createdBy: string;
}

export async function insertApiToken(db: Db, t: NewApiToken): Promise<ApiTokenRow> {
  const { id } = await one<{ id: string }>(
    db,
    `INSERT INTO api_tokens (partner_id, user_id, name, secret_hash, prefix, scopes, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [t.partnerId, t.userId, t.name, t.secretHash, t.prefix, t.scopes, t.expiresAt, t.createdBy],
  );
  return (await apiTokenById(db, id)) as ApiTokenRow;
}

export function apiTokenById(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return maybeOne<ApiTokenRow>(db, `SELECT ${TOKEN_COLUMNS} FROM api_tokens t WHERE t.id = $1`, [id]);
}

/** The tokens of several firms, newest first (DataLoader-friendly: one statement). */
export function apiTokensOf(db: Db, partnerIds: readonly string[]): Promise<ApiTokenRow[]> {
  return many<ApiTokenRow>(db, `SELECT ${TOKEN_COLUMNS} FROM api_tokens t WHERE t.partner_id = ANY($1::uuid[]) ORDER BY t.created_at DESC`, [partnerIds]);
}

/** Revokes a live token; 0 when it was revoked already. */
export function revokeApiToken(db: Db, id: string, by: string, at: Date): Promise<number> {
  return affected(db, `UPDATE api_tokens SET revoked_at = $3, revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, by, at]);
}
