import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildPartner, buildUser } from '../../test/factories';
import { expectBadInputWithoutErrors } from '../../test/error-log';
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
    const partner = await buildPartner(server.db);
    const ok = await admin.gql(CREATE, { input: { username: 'kumppani2', displayName: 'K', roles: ['PARTNER'], partner: partner.id } });
    expect(ok.data!.createUser.user.partner.name).toBe(partner.name);
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
      expect(codes(await client.gql(`mutation ($id: UUID!) { setUserRoles(id: $id, roles: [ADMIN]) { id } }`, { id: target.id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`mutation ($id: UUID!) { deactivateUser(id: $id) { id } }`, { id: target.id }))).toEqual(['FORBIDDEN']);
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
    const customer = await buildCustomer(server.db);
    const read = () => person.gql(`query ($id: UUID!) { customer(id: $id) { phone } }`, { id: customer.id });
    expect((await read()).data.customer.phone).toMatch(/^\+358/);
    await admin.gql(`mutation ($id: UUID!) { setUserRoles(id: $id, roles: [MARKETING]) { roles } }`, { id: created.data.createUser.user.id });
    const after = await read();
    expect(codes(after)).toEqual(['FORBIDDEN']);
    expect(after.data.customer.phone).toBeNull();
  });

  it('an admin cannot lock themselves out', async () => {
    const admin = await server.as('admin');
    const [me] = await server.db.query(`SELECT id FROM users WHERE username = 'admin'`);
    expect(codes(await admin.gql(`mutation ($id: UUID!) { deactivateUser(id: $id) { id } }`, { id: me.id }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await admin.gql(`mutation ($id: UUID!) { setUserRoles(id: $id, roles: [SALES]) { id } }`, { id: me.id }))).toEqual(['BAD_USER_INPUT']);
    const [after] = await server.db.query(`SELECT roles, active FROM users WHERE id = $1`, [me.id]);
    expect(after).toEqual({ roles: ['ADMIN'], active: true });
  });
});

describe('the write check of accounts', () => {
  const SET_ROLES = `mutation ($id: UUID!, $roles: [Role!]!) { setUserRoles(id: $id, roles: $roles) { roles } }`;

  it("[P4] a partner firm's account holds the PARTNER role alone: no in-house role beside it, and no firm for an in-house account", async () => {
    const admin = await server.as('admin');
    const partner = await buildPartner(server.db);
    const count = await userCount();
    for (const roles of [['PARTNER', 'SALES'], ['PARTNER', 'ADMIN'], ['SERVICE']]) {
      const result = await admin.gql(CREATE, { input: { username: `seka-${roles.join('-').toLowerCase()}`, displayName: 'Seka', roles, partner: partner.id } });
      expect(result.errors?.[0].extensions, JSON.stringify(roles)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    }
    expect(await userCount()).toBe(count);

    const firmUser = await buildUser(server.db, { roles: ['PARTNER'], partner });
    for (const roles of [['PARTNER', 'SALES'], ['PRIVACY_OFFICER']]) {
      const result = await admin.gql(SET_ROLES, { id: firmUser.id, roles });
      expect(result.errors?.[0].extensions, JSON.stringify(roles)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    }
    const [after] = await server.db.query(`SELECT roles FROM users WHERE id = $1`, [firmUser.id]);
    expect(after.roles).toEqual(['PARTNER']);
    // Taking the role away is a change an admin may make.
    expect((await admin.gql(SET_ROLES, { id: firmUser.id, roles: [] })).data.setUserRoles.roles).toEqual([]);
  });

  it('[P12] a role change, a deactivation and a new account are refused to a user without the right, before anything changes', async () => {
    const target = await buildUser(server.db, { roles: ['SERVICE'] });
    const sales = await server.as('sales');
    expect(codes(await sales.gql(SET_ROLES, { id: target.id, roles: ['ADMIN'] }))).toEqual(['FORBIDDEN']);
    expect(codes(await sales.gql(`mutation ($id: UUID!) { deactivateUser(id: $id) { id } }`, { id: target.id }))).toEqual(['FORBIDDEN']);
    // Whatever they send: the right is checked before the input.
    expect(codes(await sales.gql(CREATE, { input: { username: 'x', displayName: '', roles: [] } }))).toEqual(['FORBIDDEN']);
    // An unknown account is refused too: a user without the right learns nothing of which ids exist.
    expect(codes(await sales.gql(SET_ROLES, { id: '00000000-0000-4000-8000-000000000000', roles: [] }))).toEqual(['FORBIDDEN']);
    const [after] = await server.db.query(`SELECT roles, active FROM users WHERE id = $1`, [target.id]);
    expect(after).toEqual({ roles: ['SERVICE'], active: true });
  });
});

describe('malformed ids', () => {
  const MALFORMED = '------------------------------------';

  it('answer BAD_USER_INPUT, as a literal and as a variable, with nothing logged as an error', async () => {
    const cases: Array<[string, Record<string, unknown>?]> = [
      [`mutation { setUserRoles(id: "${MALFORMED}", roles: [SALES]) { id } }`],
      [`mutation ($id: UUID!) { setUserRoles(id: $id, roles: [SALES]) { id } }`, { id: MALFORMED }],
      [`mutation { deactivateUser(id: "${MALFORMED}") { id } }`],
      [`mutation ($id: UUID!) { deactivateUser(id: $id) { id } }`, { id: 'x' }],
      [`mutation { createUser(input: { username: "huono", displayName: "H", roles: [PARTNER], partner: "${MALFORMED}" }) { initialPassword } }`],
      [
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { initialPassword } }`,
        { input: { username: 'huono', displayName: 'H', roles: ['PARTNER'], partner: MALFORMED } },
      ],
    ];
    await expectBadInputWithoutErrors(server, 'admin', cases, expect);
  });
});
