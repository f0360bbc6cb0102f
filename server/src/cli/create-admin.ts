import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config';
import { openDatabase } from '../db/database';
import { generateInitialPassword, hashPassword } from '../auth/passwords';
import { insertUser, usernameTaken } from '../modules/users/users.repository';
import { recordAuditEvents } from '../audit/audit.service';

/**
 * Creates the first admin of a production database:
 *   pnpm --filter @rekisteri/server admin:create -- --username ada --display-name "Ada Admin"
 * Prints a one-time password; the admin changes it and acknowledges confidentiality at first login.
 */
async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
  });
  const username = values.username?.trim().toLowerCase();
  const displayName = values['display-name']?.trim();
  if (!username || !/^[a-z0-9._-]{2,64}$/.test(username) || !displayName) {
    console.error('Usage: admin:create --username NAME --display-name "Full Name"  (username: 2-64 of a-z 0-9 . _ -)');
    process.exit(2);
  }
  const config = parseConfig();
  const database = await openDatabase(config);
  try {
    const password = generateInitialPassword();
    const passwordHash = await hashPassword(password);
    await database.dataSource.transaction(async (tx) => {
      if (await usernameTaken(tx, username)) throw new Error(`The username '${username}' is taken.`);
      const id = await insertUser(tx, { username, display_name: displayName, password_hash: passwordHash, roles: ['ADMIN'], partner_id: null });
      await recordAuditEvents(tx, [{ action: 'USER_CREATED', actorUsername: 'admin:create', targetUserId: id, changes: { roles: { after: ['ADMIN'] } } }]);
    });
    console.log(`Created admin '${username}'. One-time password: ${password}`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
