import { isRole, type Role } from '@rekisteri/schema';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { generateInitialPassword, hashPassword } from '../../auth/passwords';
import { visibleWhere } from '../../auth/authorize';
import { Params } from '../../db/sql';
import { endSessionsOfUser } from '../../auth/sessions';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import type { CreateUserInput } from './user.inputs';
import { USER_SELECT, userFromRow } from './user.sql';
import type { CreatedUser, User } from './user.type';


export class UsersService {
  constructor(private readonly db: DataSource) {}

  /** The accounts the actor may see: all of them for an admin, their own for anyone else. */
  async list(actor: Actor): Promise<User[]> {
    const params: unknown[] = [];
    const filter = visibleWhere(actor, 'User', new Params(params), 'u');
    const rows = await this.db.query(`${USER_SELECT} WHERE ${filter} ORDER BY u.username`, params);
    return rows.map(userFromRow);
  }

  async get(manager: EntityManager, id: string): Promise<User> {
    const [row] = isUuid(id) ? await manager.query(`${USER_SELECT} WHERE u.id = $1`, [id]) : [];
    if (!row) throw notFound('User');
    return userFromRow(row);
  }

  /** A new personal account with a one-time password; the person must change it and acknowledge confidentiality. */
  async create(actor: Actor, input: CreateUserInput): Promise<CreatedUser> {
    if (!actor.ability.can('create', 'User')) throw forbidden('Only an admin may create users.');
    const username = input.username.trim().toLowerCase();
    const displayName = input.displayName.trim();
    if (!displayName) throw badInput('displayName', 'displayName must not be empty.');
    const roles = validRoles(input.roles);
    const initialPassword = generateInitialPassword();
    const passwordHash = await hashPassword(initialPassword);
    return this.db.transaction(async (tx) => {
      const partnerId = await this.partnerFor(tx, roles, input.partner ?? null);
      const [taken] = await tx.query(`SELECT 1 FROM users WHERE username = $1`, [username]);
      if (taken) throw badInput('username', `The username '${username}' is taken.`);
      const [{ id }] = await tx.query(
        `INSERT INTO users (username, display_name, password_hash, roles, partner_id, must_change_password)
         VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
        [username, displayName, passwordHash, roles, partnerId],
      );
      await recordAuditEvents(tx, [
        {
          action: 'USER_CREATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          targetUserId: id,
          changes: { username: { after: username }, roles: { after: roles }, partner: { after: partnerId } },
        },
      ]);
      return { user: await this.get(tx, id), initialPassword };
    });
  }

  /** Role changes take effect at the user's next request: abilities are built from the database each time. */
  async setRoles(actor: Actor, id: string, rolesInput: string[]): Promise<User> {
    if (!actor.ability.can('assignRoles', 'User')) throw forbidden('Only an admin may assign roles.');
    const roles = validRoles(rolesInput);
    return this.db.transaction(async (tx) => {
      const before = await this.lockUser(tx, id);
      if (id === actor.user.id && before.roles.includes('ADMIN') && !roles.includes('ADMIN')) {
        throw badInput('roles', 'You cannot remove your own ADMIN role; ask another admin.');
      }
      const [partner] = await tx.query(`SELECT partner_id FROM users WHERE id = $1`, [id]);
      if (roles.includes('PARTNER') && !partner.partner_id) {
        throw badInput('roles', 'A PARTNER user must work for a partner firm; create the account with one.');
      }
      await tx.query(`UPDATE users SET roles = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, roles]);
      await recordAuditEvents(tx, [
        {
          action: 'USER_ROLES_CHANGED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          targetUserId: id,
          changes: { roles: { before: before.roles, after: roles } },
        },
      ]);
      return this.get(tx, id);
    });
  }

  /** Deactivation ends the user's sessions at once. */
  async deactivate(actor: Actor, id: string): Promise<User> {
    if (!actor.ability.can('deactivate', 'User')) throw forbidden('Only an admin may deactivate users.');
    if (id === actor.user.id) throw badInput('id', 'You cannot deactivate your own account.');
    return this.db.transaction(async (tx) => {
      const before = await this.lockUser(tx, id);
      await tx.query(`UPDATE users SET active = false, version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await endSessionsOfUser(tx, id);
      await recordAuditEvents(tx, [
        {
          action: 'USER_DEACTIVATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          targetUserId: id,
          changes: { active: { before: before.active, after: false } },
        },
      ]);
      return this.get(tx, id);
    });
  }

  private async lockUser(tx: EntityManager, id: string): Promise<User> {
    if (isUuid(id)) await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return this.get(tx, id);
  }

  private async partnerFor(tx: EntityManager, roles: Role[], partner: string | null): Promise<string | null> {
    if (!partner) {
      if (roles.includes('PARTNER')) throw badInput('partner', 'A PARTNER user needs the partner firm they work for.');
      return null;
    }
    const [row] = isUuid(partner) ? await tx.query(`SELECT id FROM partners WHERE id = $1`, [partner]) : [];
    if (!row) throw badInput('partner', 'No such partner firm.');
    return row.id;
  }
}

function validRoles(roles: string[]): Role[] {
  const unknown = roles.find((r) => !isRole(r));
  if (unknown) throw badInput('roles', `Unknown role ${unknown}.`);
  return [...new Set(roles as Role[])];
}
