import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildUser } from '../test/factories';
import { expectBadInputWithoutErrors } from '../test/error-log';
import { codes, startTestServer, type TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const eventsOf = (action: string, where = 'TRUE', params: unknown[] = []) =>
  server.db.query(`SELECT * FROM audit_events WHERE action = $1 AND ${where} ORDER BY id`, [action, ...params]);

describe('the audit trail', () => {
  it('[P12] is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await server.as('sales');
    const [{ count }] = await server.db.query(`SELECT count(*)::int AS count FROM audit_events`);
    expect(count).toBeGreaterThan(0);
    await expect(server.db.query(`UPDATE audit_events SET action = 'X'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(server.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied|append-only/);
    await expect(server.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied|append-only/);
    const [{ count: after }] = await server.db.query(`SELECT count(*)::int AS count FROM audit_events`);
    expect(after).toBe(count);
  });

  it('[P12] records logins, failed logins and logouts', async () => {
    const client = server.client();
    await client.login('service', 'wrong password');
    await client.login('service');
    await client.gql(`mutation { logout }`);
    expect((await eventsOf('LOGIN_FAILED', `actor_username = 'service'`)).length).toBe(1);
    expect((await eventsOf('LOGIN', `actor_username = 'service'`)).length).toBeGreaterThanOrEqual(1);
    expect((await eventsOf('LOGOUT', `actor_username = 'service'`)).length).toBe(1);
  });

  it("[P12] logs who read which customer's personal fields, with the purpose the client gave, in one row per customer", async () => {
    const marketing = await server.as('marketing');
    const before = await eventsOf('CUSTOMER_READ', `actor_username = 'marketing'`);
    const result = await marketing.gql(
      `{ customers(first: 3) { edges { node { id customerNumber firstName email } } } }`,
      {},
      { 'x-purpose': 'newsletter planning' },
    );
    const ids = result.data.customers.edges.map((e: any) => e.node.id);
    const logged = (await eventsOf('CUSTOMER_READ', `actor_username = 'marketing'`)).slice(before.length);
    expect(logged.map((e: any) => e.customer_id).sort()).toEqual([...ids].sort());
    for (const event of logged) {
      expect(event.fields).toEqual(['email', 'firstName']);
      expect(event.purpose).toBe('newsletter planning');
    }
    // All of a request's reads are written together.
    expect(new Set(logged.map((e: any) => e.at.toISOString())).size).toBe(1);
  });

  it('[P12] does not log a denied field as read', async () => {
    const marketing = await server.as('marketing');
    const customer = await buildCustomer(server.db);
    await marketing.gql(`query ($id: UUID!) { customer(id: $id) { phone lastName } }`, { id: customer.id });
    const [event] = (await eventsOf('CUSTOMER_READ', `customer_id = $2`, [customer.id])).slice(-1);
    expect(event.fields).toEqual(['lastName']);
  });

  it('[P12] records an update with the changed fields before and after', async () => {
    const service = await server.as('service');
    const customer = await buildCustomer(server.db);
    await service.gql(
      `mutation ($id: UUID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { email: "Uusi.Osoite@Example.fi", city: null }) { email } }`,
      { id: customer.id, v: customer.version },
    );
    const [event] = await eventsOf('CUSTOMER_UPDATED', `customer_id = $2`, [customer.id]);
    expect(event.actor_username).toBe('service');
    expect(event.changes.email).toEqual({ before: customer.email, after: 'uusi.osoite@example.fi' });
    expect(event.fields).toContain('email');
  });

  it('[P12] records role changes with the roles before and after', async () => {
    const admin = await server.as('admin');
    const user = await buildUser(server.db, { roles: ['SERVICE'] });
    await admin.gql(`mutation ($id: UUID!) { setUserRoles(id: $id, roles: [SERVICE, SALES]) { roles } }`, { id: user.id });
    const [event] = await eventsOf('USER_ROLES_CHANGED', `target_user_id = $2`, [user.id]);
    expect(event.actor_username).toBe('admin');
    expect(event.changes.roles).toEqual({ before: ['SERVICE'], after: ['SERVICE', 'SALES'] });
  });
});

describe('reading the audit trail', () => {
  it('[P12] is for admins and privacy officers only', async () => {
    for (const username of ['admin', 'privacy']) {
      const result = await (await server.as(username)).gql(`{ auditEvents(first: 5) { edges { node { action actorUsername at } } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data.auditEvents.edges.length).toBe(5);
    }
    for (const username of ['sales', 'service', 'marketing', 'partner']) {
      const result = await (await server.as(username)).gql(`{ auditEvents(first: 5) { edges { node { action } } } }`);
      expect(codes(result)).toEqual(['FORBIDDEN']);
    }
  });

  it('[P12] filters by customer and pages newest first', async () => {
    // Two events of one customer: created, then read.
    const customer = await buildCustomer(server.db);
    const service = await server.as('service');
    await service.gql(`mutation ($id: UUID!) { updateCustomer(id: $id, version: 1, input: { city: "Oulu" }) { id } }`, { id: customer.id });
    await service.gql(`query ($id: UUID!) { customer(id: $id) { email } }`, { id: customer.id });
    const privacy = await server.as('privacy');
    const query = `query ($f: AuditEventFilter, $after: String) { auditEvents(filter: $f, first: 1, after: $after) {
      edges { node { id action customerId } } pageInfo { hasNextPage endCursor } } }`;
    const first = await privacy.gql(query, { f: { customerId: customer.id } });
    const second = await privacy.gql(query, { f: { customerId: customer.id }, after: first.data.auditEvents.pageInfo.endCursor });
    expect(second.data.auditEvents.edges.length, JSON.stringify([first, second])).toBe(1);
    const [a, b] = [first.data.auditEvents.edges[0].node, second.data.auditEvents.edges[0].node];
    expect(a.customerId).toBe(customer.id);
    expect(b.customerId).toBe(customer.id);
    expect(Number(b.id)).toBeLessThan(Number(a.id));
  });
});

describe('malformed ids', () => {
  const MALFORMED = '------------------------------------';

  it('a malformed customer id in the filter answers BAD_USER_INPUT, as a literal and as a variable, with nothing logged as an error', async () => {
    const cases: Array<[string, Record<string, unknown>?]> = [
      [`{ auditEvents(first: 1, filter: { customerId: "${MALFORMED}" }) { edges { cursor } } }`],
      [`query ($f: AuditEventFilter) { auditEvents(first: 1, filter: $f) { edges { cursor } } }`, { f: { customerId: MALFORMED } }],
    ];
    await expectBadInputWithoutErrors(server, 'privacy', cases, expect);
  });
});
