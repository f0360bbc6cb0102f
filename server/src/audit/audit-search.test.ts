import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, type BuiltCustomer } from '../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../test/harness';

/** The audit trail as an admin searches it (issue 16): by period, user prefix, customer number or name, and action. */
const SEARCH = `query ($f: AuditEventFilter) { auditEvents(first: 50, filter: $f) {
  edges { node { action actorUsername customerId customerCount customer { customerNumber firstName lastName } } } } }`;

let server: TestServer;
let admin: TestClient;
let tauno: BuiltCustomer;
beforeAll(async () => {
  server = await startTestServer();
  tauno = await buildCustomer(server.db, { firstName: 'Tauno', lastName: 'Turunen-Hakusana' });
  await buildCustomer(server.db, { firstName: 'Tauno', lastName: 'Muu-Hakusana' });
  const service = await server.as('service');
  // One read of one customer, and one page that shows both.
  expect((await service.gql(`query ($id: UUID!) { customer(id: $id) { email } }`, { id: tauno.id })).errors).toBeUndefined();
  expect((await service.gql(`{ customers(first: 10, search: "Hakusana") { edges { node { email } } } }`)).errors).toBeUndefined();
  admin = await server.as('admin');
});
afterAll(() => server?.close());

type Node = { action: string; actorUsername: string; customerId: string | null; customerCount: number | null; customer: Record<string, string> | null };
const search = async (f: Record<string, unknown>): Promise<Node[]> => {
  const result = await admin.gql(SEARCH, { f });
  expect(result.errors).toBeUndefined();
  return result.data.auditEvents.edges.map((e: { node: Node }) => e.node);
};

describe('searching the audit trail', () => {
  it('[P12] finds a user by the start of the username, with LIKE wildcards taken literally', async () => {
    const byPrefix = await search({ actorUsernamePrefix: 'serv' });
    expect(byPrefix.length).toBeGreaterThan(0);
    expect(new Set(byPrefix.map((n) => n.actorUsername))).toEqual(new Set(['service']));
    expect(await search({ actorUsernamePrefix: '%' })).toEqual([]);
    expect(await search({ actorUsernamePrefix: 's_rvice' })).toEqual([]);
  });

  it('[P12] finds the events of a customer by number or by name in either order, and shows the customer by number and name', async () => {
    const byNumber = await search({ customer: tauno.customerNumber, actorUsername: 'service' });
    const byName = await search({ customer: 'Turunen-Hakusana Tauno', actorUsername: 'service' });
    expect(byName).toEqual(byNumber);
    // The single read names the customer; the page read names how many it showed, both among them.
    const single = byNumber.find((n) => n.customerCount === null);
    expect(single?.customer).toEqual({ customerNumber: tauno.customerNumber, firstName: 'Tauno', lastName: 'Turunen-Hakusana' });
    const page = byNumber.find((n) => n.customerCount !== null);
    expect(page?.customerCount).toBeGreaterThanOrEqual(2);
    // The other Tauno was only on the page.
    const theOther = await search({ customer: 'Muu-Hakusana', actorUsername: 'service' });
    expect(theOther.map((n) => n.customerCount !== null)).toEqual([true]);
    expect(await search({ customer: 'Nobody-Such-Name' })).toEqual([]);
  });

  it('[P12] combines the period and the action, and refuses a period that ends before it starts', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const reads = await search({ action: 'CUSTOMER_READ', from, customer: tauno.customerNumber });
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((n) => n.action === 'CUSTOMER_READ')).toBe(true);
    expect(await search({ action: 'CUSTOMER_READ', from: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
    const backwards = await admin.gql(SEARCH, { f: { from, to: new Date(Date.now() - 7_200_000).toISOString() } });
    expect(codes(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(backwards.errors?.[0].extensions?.field).toBe('filter.to');
  });

  it("[P12] is the privacy officer's and the admin's only: others get FORBIDDEN, also for a customer search", async () => {
    const sales = await server.as('sales');
    expect(codes(await sales.gql(SEARCH, { f: { customer: tauno.customerNumber } }))).toEqual(['FORBIDDEN']);
  });
});
