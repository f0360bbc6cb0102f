import { isRole, type Role } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import { generateInitialPassword, hashPassword } from '../../auth/passwords';
import { endSessionsOfUser } from '../../auth/sessions';
import { Where, type Db } from '../../db/sql';
import { badInput, isUuid, notFound } from '../../errors';
import { partnerById } from '../partners/partners.repository';
import type { CreatedUser, NewAccount } from './user.model';
import {
  deactivateUserRow,
  insertUser,
  isTokenAccount,
  listUsers,
  lockUser,
  setPartnerOf,
  setRolesOf,
  userById,
  usernameTaken,
  type UserRecord,
} from './users.repository';

/** The fields of a new account, as the permission table names them. */
const CREATE_FIELDS = ['username', 'displayName', 'roles', 'partner'] as const;

export class UsersService {
  constructor(private readonly db: DataSource) {}

  /** The accounts the actor may see: all of them for an admin, their own for anyone else. */
  async list(actor: Actor): Promise<UserRecord[]> {
    requireRight(actor, 'read', 'User', 'You may not read user accounts.');
    const where = new Where();
    where.and(visibleWhere(actor, 'User', where, 'u'));
    return listUsers(this.db, where);
  }

  /** One account, whoever asks: for the caller's own `me`, and to answer a write with the account as stored. */
  async get(db: Db, id: string): Promise<UserRecord> {
    const user = isUuid(id) ? await userById(db, id) : undefined;
    if (!user) throw notFound('User');
    return user;
  }

  /** A new personal account with a one-time password; the person must change it and acknowledge confidentiality. */
  async create(actor: Actor, input: NewAccount): Promise<CreatedUser> {
    assertWritable(
      actor,
      'create',
      'User',
      null,
      CREATE_FIELDS.filter((f) => input[f] !== undefined && input[f] !== null),
    );
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{2,64}$/.test(username)) throw badInput('username', 'username: use 2-64 letters, digits, dots, dashes or underscores.');
    const displayName = input.displayName.trim();
    if (!displayName) throw badInput('displayName', 'displayName must not be empty.');
    if (displayName.length > 100) throw badInput('displayName', 'displayName is at most 100 characters.');
    const roles = validRoles(input.roles);
    const initialPassword = generateInitialPassword();
    const passwordHash = await hashPassword(initialPassword);
    return this.db.transaction(async (tx) => {
      const partnerId = await this.partnerFor(tx, input.partner ?? null);
      refuseMixedPartnerAccount(roles, partnerId, 'create');
      if (await usernameTaken(tx, username)) throw badInput('username', `The username '${username}' is taken.`);
      const id = await insertUser(tx, { username, display_name: displayName, password_hash: passwordHash, roles, partner_id: partnerId });
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
  async setRoles(actor: Actor, id: string, rolesInput: string[]): Promise<UserRecord> {
    requireRight(actor, 'assignRoles', 'User', 'Only an admin may assign roles.');
    const roles = validRoles(rolesInput);
    return this.db.transaction(async (tx) => {
      const before = await this.lock(tx, id);
      assertWritable(actor, 'assignRoles', 'User', { ...before }, ['roles']);
      if (id === actor.user.id && before.roles.includes('ADMIN') && !roles.includes('ADMIN')) {
        throw badInput('roles', 'You cannot remove your own ADMIN role; ask another admin.');
      }
      refuseMixedPartnerAccount(roles, before.partnerId, 'change');
      await setRolesOf(tx, id, roles);
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

  /**
   * P4: moves a PARTNER account to another firm; from its next request it sees that firm's customers and fields.
   * A token's technical account stays with the firm it was issued to.
   */
  async assignPartner(actor: Actor, id: string, partnerId: string): Promise<UserRecord> {
    requireRight(actor, 'update', 'User', 'Only an admin may assign a user to a partner firm.');
    return this.db.transaction(async (tx) => {
      const before = await this.lock(tx, id);
      assertWritable(actor, 'update', 'User', { ...before }, ['partner']);
      if (!before.roles.includes('PARTNER')) throw badInput('partner', 'Only a PARTNER account works for a partner firm.');
      if (await isTokenAccount(tx, id)) throw badInput('id', "An API token's account stays with its firm; issue the other firm a token of its own.");
      const firm = isUuid(partnerId) ? await partnerById(tx, partnerId) : undefined;
      if (!firm) throw badInput('partner', 'No such partner firm.');
      if (!firm.active) throw badInput('partner', 'This partner firm is deactivated.');
      await setPartnerOf(tx, id, firm.id);
      await recordAuditEvents(tx, [
        {
          action: 'USER_PARTNER_CHANGED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          targetUserId: id,
          changes: { partner: { before: before.partnerId, after: firm.id } },
        },
      ]);
      return this.get(tx, id);
    });
  }

  /** Deactivation ends the user's sessions at once. */
  async deactivate(actor: Actor, id: string): Promise<UserRecord> {
    requireRight(actor, 'deactivate', 'User', 'Only an admin may deactivate users.');
    if (id === actor.user.id) throw badInput('id', 'You cannot deactivate your own account.');
    return this.db.transaction(async (tx) => {
      const before = await this.lock(tx, id);
      assertWritable(actor, 'deactivate', 'User', { ...before }, ['active']);
      await deactivateUserRow(tx, id);
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

  private async lock(db: Db, id: string): Promise<UserRecord> {
    if (isUuid(id)) await lockUser(db, id);
    return this.get(db, id);
  }

  private async partnerFor(db: Db, partner: string | null): Promise<string | null> {
    if (!partner) return null;
    const row = isUuid(partner) ? await partnerById(db, partner) : undefined;
    if (!row) throw badInput('partner', 'No such partner firm.');
    // P4: a deactivated firm has no access; no new account of it would have any either.
    if (!row.active) throw badInput('partner', 'This partner firm is deactivated.');
    return row.id;
  }
}

/**
 * P4: the staff of a partner firm see only the customers their firm serves. Roles add up, so any
 * in-house role beside PARTNER would open the whole register to them: an account that works for a
 * firm holds PARTNER alone (or nothing), and only such an account holds PARTNER.
 */
function refuseMixedPartnerAccount(roles: Role[], partnerId: string | null, verb: 'create' | 'change'): void {
  if (roles.includes('PARTNER') && !partnerId) {
    throw verb === 'create'
      ? badInput('partner', 'A PARTNER user needs the partner firm they work for.')
      : badInput('roles', 'A PARTNER user must work for a partner firm; create the account with one.');
  }
  if (partnerId && roles.some((r) => r !== 'PARTNER')) {
    throw badInput('roles', "A partner firm's account holds the PARTNER role alone: another role would show it customers its firm does not serve.");
  }
}

function validRoles(roles: string[]): Role[] {
  const unknown = roles.find((r) => !isRole(r));
  if (unknown) throw badInput('roles', `Unknown role ${unknown}.`);
  return [...new Set(roles as Role[])];
}
