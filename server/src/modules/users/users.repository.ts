import type { Role } from '@rekisteri/schema';
import { affected, execute, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { User } from './user.model';

/** An account as the API reads it (alias `u`, its partner firm `p`). */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  active: boolean;
  partner_id: string | null;
  partner_name: string | null;
  must_change_password: boolean;
  confidentiality_accepted_version: string | null;
  created_at: Date;
}

export interface NewUser {
  username: string;
  display_name: string;
  password_hash: string;
  roles: Role[];
  partner_id: string | null;
}

const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.roles, u.active, u.partner_id, p.name AS partner_name,
         u.must_change_password, u.confidentiality_accepted_version, u.created_at
    FROM users u LEFT JOIN partners p ON p.id = u.partner_id`;

/** The API's shape of an account, with the partner link the permission table and the role rules look at. */
export type UserRecord = User & { partnerId: string | null };

function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    active: row.active,
    partner: row.partner_id ? { id: row.partner_id, name: row.partner_name ?? '' } : null,
    partnerId: row.partner_id,
    mustChangePassword: row.must_change_password,
    confidentialityAcceptedVersion: row.confidentiality_accepted_version,
    createdAt: row.created_at,
  };
}

/** The accounts matching `where` (alias `u`), by username. */
export async function listUsers(db: Db, where: Where): Promise<UserRecord[]> {
  return (await many<UserRow>(db, `${USER_SELECT} WHERE ${where} ORDER BY u.username`, where.params)).map(userFromRow);
}

export async function userById(db: Db, id: string): Promise<UserRecord | undefined> {
  const row = await maybeOne<UserRow>(db, `${USER_SELECT} WHERE u.id = $1`, [id]);
  return row && userFromRow(row);
}

/** Locks the account's row for the rest of the transaction (a role change or deactivation racing another). */
export async function lockUser(db: Db, id: string): Promise<void> {
  await execute(db, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [id]);
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await maybeOne<{ taken: number }>(db, `SELECT 1 AS taken FROM users WHERE username = $1`, [username])) !== undefined;
}

/** A new account that must change its one-time password at first login. */
export async function insertUser(db: Db, user: NewUser): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO users (username, display_name, password_hash, roles, partner_id, must_change_password)
     VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
    [user.username, user.display_name, user.password_hash, user.roles, user.partner_id],
  );
  return row.id;
}

export function setRolesOf(db: Db, id: string, roles: Role[]): Promise<number> {
  return affected(db, `UPDATE users SET roles = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, roles]);
}

/** P4: the partner firm a PARTNER account works for. */
export function setPartnerOf(db: Db, id: string, partnerId: string): Promise<number> {
  return affected(db, `UPDATE users SET partner_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, partnerId]);
}

/** Whether the account is an API token's technical account (its firm is the token's, for good). */
export async function isTokenAccount(db: Db, id: string): Promise<boolean> {
  return (await many(db, `SELECT 1 FROM api_tokens WHERE user_id = $1`, [id])).length > 0;
}

export function deactivateUserRow(db: Db, id: string): Promise<number> {
  return affected(db, `UPDATE users SET active = false, version = version + 1, updated_at = now() WHERE id = $1`, [id]);
}
