import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const userCount = async () => (await server.db.query(`SELECT count(*)::int AS n FROM users`))[0].n;
const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { initialPassword user { id username roles active mustChangePassword partner { name } } } }`;

describe('users and roles', () => {
  it('[P12] an admin creates a personal account with a one-time password', async () => {
    const admin = await server.as('admin');
    const result = await admin.gql(CREATE, { input: { username: 'Liisa.K', displayName: 'Liisa Koski', roles: ['SALES', 'MARKETING'] } });
    expect(result.errors).toBeUndefined();
    expect(result.data.createUser.user).toMatchObject({ username: 'liisa.k', roles: ['SALES', 'MARKETING'], active: true, mustChangePassword: true });
    expect(result.data.createUser.initialPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    expect((await server.client().login('liisa.k', result.data.createUser.initialPassword)).errors).toBeUndefined();
  });

  it('[P4] a PARTNER account needs the partner firm and gets it', async () => {
    const admin = await server.as('admin');
    const count = await userCount();
    const missing = await admin.gql(CREATE, { input: { username: 'kumppani2', displayName: 'K', roles: ['PARTNER'] } });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partner' });
    expect(await userCount()).toBe(count);
    const partners = await admin.gql(`{ partners { id name } }`);
    const ok = await admin.gql(CREATE, {
      input: { username: 'kumppani2', displayName: 'K', roles: ['PARTNER'], partner: partners.data.partners[0].id },
    });
    expect(ok.data!.createUser.user.partner.name).toBe(partners.data.partners[0].name);
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    const admin = await server.as('admin');
    const count = await userCount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ username: 'x', displayName: 'Short', roles: [] }, 'username'],
      [{ username: 'admin', displayName: 'Taken', roles: [] }, 'username'],
      [{ username: 'tyhja', displayName: '', roles: [] }, 'displayName'],
      [{ username: 'rooli', displayName: 'Rooli', roles: ['SUPERUSER'] }, 'roles'],
    ];
    for (const [input, field] of cases) {
      const result = await admin.gql(CREATE, { input });
      expect(result.errors![0].extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(result.errors![0].extensions!.field)).toContain(field);
    }
    expect(await userCount()).toBe(count);
  });

  it('[P12] nobody but an admin creates users, assigns roles or deactivates', async () => {
    const [target] = await server.db.query(`SELECT id FROM users WHERE username = 'sales'`);
    for (const username of ['sales', 'service', 'marketing', 'privacy', 'partner']) {
      const client = await server.as(username);
      const count = await userCount();
      expect(codes(await client.gql(CREATE, { input: { username: `x${username}`, displayName: 'X', roles: ['ADMIN'] } }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`mutation ($id: ID!) { setUserRoles(id: $id, roles: [ADMIN]) { id } }`, { id: target.id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`mutation ($id: ID!) { deactivateUser(id: $id) { id } }`, { id: target.id }))).toEqual(['FORBIDDEN']);
      expect(await userCount()).toBe(count);
    }
    const [after] = await server.db.query(`SELECT roles, active FROM users WHERE username = 'sales'`);
    expect(after).toEqual({ roles: ['SALES'], active: true });
  });

  it('[P12] users other than admins see only their own account', async () => {
    const sales = await server.as('sales');
    const result = await sales.gql(`{ users { username } }`);
    expect(result.data.users).toEqual([{ username: 'sales' }]);
    const admin = await server.as('admin');
    expect((await admin.gql(`{ users { username } }`)).data.users.length).toBeGreaterThanOrEqual(6);
  });

  it('[P3] a role change applies at the next request: taking SERVICE away hides the phone', async () => {
    const admin = await server.as('admin');
    const created = await admin.gql(CREATE, { input: { username: 'vaihtaja', displayName: 'Vaihtaja', roles: ['SERVICE'] } });
    await server.db.query(`UPDATE users SET must_change_password = false, confidentiality_accepted_version = $1 WHERE username = 'vaihtaja'`, [
      server.config.confidentialityVersion,
    ]);
    const person = server.client();
    await person.login('vaihtaja', created.data.createUser.initialPassword);
    const [customer] = await server.db.query(`SELECT id FROM customers WHERE phone IS NOT NULL LIMIT 1`);
    const read = () => person.gql(`query ($id: ID!) { customer(id: $id) { phone } }`, { id: customer.id });
    expect((await read()).data.customer.phone).toMatch(/^\+358/);
    await admin.gql(`mutation ($id: ID!) { setUserRoles(id: $id, roles: [MARKETING]) { roles } }`, { id: created.data.createUser.user.id });
    const after = await read();
    expect(codes(after)).toEqual(['FORBIDDEN']);
    expect(after.data.customer.phone).toBeNull();
  });

  it('an admin cannot lock themselves out', async () => {
    const admin = await server.as('admin');
    const [me] = await server.db.query(`SELECT id FROM users WHERE username = 'admin'`);
    expect(codes(await admin.gql(`mutation ($id: ID!) { deactivateUser(id: $id) { id } }`, { id: me.id }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await admin.gql(`mutation ($id: ID!) { setUserRoles(id: $id, roles: [SALES]) { id } }`, { id: me.id }))).toEqual(['BAD_USER_INPUT']);
    const [after] = await server.db.query(`SELECT roles, active FROM users WHERE id = $1`, [me.id]);
    expect(after).toEqual({ roles: ['ADMIN'], active: true });
  });
});
