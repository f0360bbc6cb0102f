import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationsOf } from '../modules/requests/access-package.repository';
import { asDatabaseOwner } from '../test/database';
import { buildCustomer, buildUser } from '../test/factories';
import { expectBadInputWithoutErrors } from '../test/error-log';
import { codes, startTestServer, type TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

interface EventRow {
  customer_id: string | null;
  customer_ids: string[] | null;
  fields: string[] | null;
  purpose: string | null;
  changes: Record<string, { before?: unknown; after?: unknown }>;
  [column: string]: unknown;
}
const eventsOf = (action: string, where = 'TRUE', params: unknown[] = []): Promise<EventRow[]> =>
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

  it("[P12] logs who read which customer's personal fields, with the purpose the client gave, in one row per page", async () => {
    const marketing = await server.as('marketing');
    const before = await eventsOf('CUSTOMER_READ', `actor_username = 'marketing'`);
    const result = await marketing.gql(
      `{ customers(first: 3) { edges { node { id customerNumber firstName email } } } }`,
      {},
      { 'x-purpose': 'newsletter planning' },
    );
    const ids = result.data.customers.edges.map((e: any) => e.node.id);
    expect(ids.length).toBe(3);
    const logged = (await eventsOf('CUSTOMER_READ', `actor_username = 'marketing'`)).slice(before.length);
    expect(logged.length).toBe(1);
    const [event] = logged;
    expect([...(event.customer_ids ?? [])].sort()).toEqual([...ids].sort());
    expect(event.customer_id).toBeNull();
    expect(event.fields).toEqual(['email', 'firstName']);
    expect(event.purpose).toBe('newsletter planning');
  });

  it('[P12] keeps apart customers shown with different fields: one row per set of fields, each naming its customers', async () => {
    const sales = await server.as('sales');
    const [a, b] = [await buildCustomer(server.db), await buildCustomer(server.db)];
    const before = await eventsOf('CUSTOMER_READ', `actor_username = 'sales'`);
    const result = await sales.gql(`query ($a: UUID!, $b: UUID!) { a: customer(id: $a) { id email } b: customer(id: $b) { id email phone } }`, {
      a: a.id,
      b: b.id,
    });
    expect(result.errors).toBeUndefined();
    const logged = (await eventsOf('CUSTOMER_READ', `actor_username = 'sales'`)).slice(before.length);
    const fieldsOf = (id: string) => logged.filter((e) => e.customer_ids?.includes(id)).map((e) => e.fields);
    expect(fieldsOf(a.id)).toEqual([['email']]);
    expect(fieldsOf(b.id)).toEqual([['email', 'phone']]);
    // An event about one customer also names it in customer_id.
    expect(logged.map((e) => e.customer_id).sort()).toEqual([a.id, b.id].sort());
  });

  it('[P12] answers no customer data when the consultation log cannot be written: the read and its record go together', async () => {
    const sales = await server.as('sales');
    const customer = await buildCustomer(server.db);
    const read = `query ($id: UUID!) { customer(id: $id) { id email phone } }`;
    // This file's own database: make the log refuse reads, then put it back.
    await asDatabaseOwner(server, (owner) => owner(`ALTER TABLE audit_events ADD CONSTRAINT test_no_reads CHECK (action <> 'CUSTOMER_READ') NOT VALID`));
    try {
      const outcome = await sales.gql(read, { id: customer.id }).then(
        (body) => JSON.stringify(body),
        (error: Error) => error.message,
      );
      expect(outcome).not.toContain(customer.id);
      expect(outcome).not.toContain(customer.email);
    } finally {
      await asDatabaseOwner(server, (owner) => owner(`ALTER TABLE audit_events DROP CONSTRAINT test_no_reads`));
    }
    const again = await sales.gql(read, { id: customer.id });
    expect(again.data.customer.email).toBe(customer.email);
  });

  it('[P12] a list page is read and logged by one statement: a page the log refuses is never read, and nothing of it is answered', async () => {
    const sales = await server.as('sales');
    const page = `{ customers(first: 5) { edges { node { id email } } } }`;
    const shown = (await sales.gql(page)).data.customers.edges.map((e: any) => e.node.email as string);
    expect(shown).toHaveLength(5);
    await asDatabaseOwner(server, (owner) => owner(`ALTER TABLE audit_events ADD CONSTRAINT test_no_reads CHECK (action <> 'CUSTOMER_READ') NOT VALID`));
    try {
      const outcome = await sales.gql(page).then(
        (body) => JSON.stringify(body),
        (error: Error) => error.message,
      );
      for (const email of shown) expect(outcome).not.toContain(email);
    } finally {
      await asDatabaseOwner(server, (owner) => owner(`ALTER TABLE audit_events DROP CONSTRAINT test_no_reads`));
    }
  });

  it('[P12] logs a list page with the fields it showed when the selection hangs on variables, aliases and fragments', async () => {
    const sales = await server.as('sales');
    const before = await eventsOf('CUSTOMER_READ', `actor_username = 'sales'`);
    const query = `query ($mail: Boolean!) { customers(first: 2) { edges { node { id ...Names mail: email @include(if: $mail) } } } }
      fragment Names on Customer { first: firstName lastName }`;
    const hidden = await sales.gql(query, { mail: false });
    expect(hidden.errors).toBeUndefined();
    const shown = await sales.gql(query, { mail: true });
    const logged = (await eventsOf('CUSTOMER_READ', `actor_username = 'sales'`)).slice(before.length);
    expect(logged.map((e) => e.fields)).toEqual([
      ['firstName', 'lastName'],
      ['email', 'firstName', 'lastName'],
    ]);
    const idsOf = (r: typeof shown) => r.data.customers.edges.map((e: any) => e.node.id).sort();
    expect(logged.map((e) => [...(e.customer_ids ?? [])].sort())).toEqual([idsOf(hidden), idsOf(shown)]);
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
  it("[P12] [P14] finds a customer's reads inside a page's consultation log: the audit trail's customer filter and the access package", async () => {
    const customer = await buildCustomer(server.db, { lastName: 'Sivulukija' });
    await buildCustomer(server.db, { lastName: 'Sivulukija' });
    const sales = await server.as('sales');
    const page = await sales.gql(`{ customers(first: 10, search: "Sivulukija") { edges { node { id lastName } } } }`);
    expect(page.data.customers.edges.length).toBe(2);
    const privacy = await server.as('privacy');
    const result = await privacy.gql(`query ($f: AuditEventFilter) { auditEvents(filter: $f, first: 10) { edges { node { action customerId fields } } } }`, {
      f: { customerId: customer.id, action: 'CUSTOMER_READ' },
    });
    expect(result.data.auditEvents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { action: 'CUSTOMER_READ', customerId: customer.id, fields: ['lastName'] },
    ]);
    // The access package's consultation log of the person (P14) holds the read too.
    const consultations = await consultationsOf(server.db, customer.id);
    expect(consultations.filter((c) => c.action === 'CUSTOMER_READ').map((c) => c.fields)).toEqual([['lastName']]);
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
