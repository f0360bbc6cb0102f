import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_COUNT } from '../../db/seed/demo';
import { buildCustomer, buildOrganisation, buildPartner } from '../../test/factories';
import { withErrorLog } from '../../test/error-log';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let sales: TestClient;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  sales = await server.as('sales');
  service = await server.as('service');
});
afterAll(() => server?.close());

const LIST = `query ($first: Int, $after: String, $search: String) {
  customers(first: $first, after: $after, search: $search) {
    totalCount edges { cursor node { id customerNumber firstName lastName email } } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id customerNumber firstName email phone postalCode country language organisation { name businessId } version } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { id email version } }`;
const customerCount = async () => (await server.db.query(`SELECT count(*)::int AS n FROM customers`))[0].n;

describe('the customer list', () => {
  it('[P1] pages through every customer with cursors, no row twice', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = await sales.gql(LIST, { first: 75, after });
      expect(page.errors).toBeUndefined();
      total = page.data.customers.totalCount;
      for (const edge of page.data.customers.edges) seen.add(edge.node.id);
      after = page.data.customers.pageInfo.hasNextPage ? page.data.customers.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(await customerCount());
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(DEMO_CUSTOMER_COUNT);
  });

  it('finds customers by name fragment, email, customer number and phone digits', async () => {
    const c = await buildCustomer(server.db, { lastName: 'Hakulinen-Löydettävä' });
    const find = async (search: string) => (await sales.gql(LIST, { first: 200, search })).data.customers.edges.map((e: any) => e.node.id);
    expect(await find('AKULINEN-LÖY')).toContain(c.id);
    expect(await find(c.email!)).toContain(c.id);
    expect(await find(c.customerNumber)).toEqual([c.id]);
    expect(await find(`0${c.phone!.slice(4)}`)).toContain(c.id);
    expect(await find('%')).toEqual([]);
  });

  it('[P3] marketing cannot find a customer by the phone it may not see', async () => {
    const c = await buildCustomer(server.db);
    const marketing = await server.as('marketing');
    const result = await marketing.gql(LIST, { first: 10, search: c.phone!.slice(4) });
    expect(result.data.customers.totalCount).toBe(0);
  });

  it('[P4] a partner lists and counts only the customers their firm serves', async () => {
    const partner = await server.as('partner');
    const [{ n: served }] = await server.db.query(
      `SELECT count(*)::int AS n FROM customers WHERE partner_id = (SELECT partner_id FROM users WHERE username = 'partner')`,
    );
    const result = await partner.gql(LIST, { first: 200 });
    expect(result.data.customers.totalCount).toBe(served);
    expect(result.data.customers.edges.length).toBe(served);
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThan((await customerCount()) / 4);
    const ids = result.data.customers.edges.map((e: any) => e.node.id);
    const rows = await server.db.query(`SELECT DISTINCT partner_id FROM customers WHERE id = ANY($1)`, [ids]);
    expect(rows.length).toBe(1);
    // A name search does not reach past the firm either.
    const other = await buildCustomer(server.db);
    expect((await partner.gql(LIST, { first: 10, search: other.customerNumber })).data.customers.totalCount).toBe(0);
  });

  it('refuses a page size out of range, naming the argument', async () => {
    const result = await sales.gql(LIST, { first: 5000 });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('creating a customer', () => {
  it('[P6] stores the email lower-cased, the phone in E.164 and the organisation with a valid business ID', async () => {
    const result = await sales.gql(CREATE, {
      input: {
        firstName: ' Ilona ',
        lastName: 'Uusiasiakas',
        email: 'Ilona.U@Example.FI',
        phone: '040 765 4321',
        postalCode: '33100',
        city: 'Tampere',
        organisation: { name: 'Ilonan Ideat Oy', businessId: '0737546-2' },
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.createCustomer).toMatchObject({
      firstName: 'Ilona',
      email: 'ilona.u@example.fi',
      phone: '+358407654321',
      country: 'FI',
      language: 'fi',
      version: 1,
      organisation: { name: 'Ilonan Ideat Oy', businessId: '0737546-2' },
    });
    expect(result.data.createCustomer.customerNumber).toMatch(/^\d{6,}$/);
    const [event] = await server.db.query(`SELECT actor_username, changes FROM audit_events WHERE action = 'CUSTOMER_CREATED' AND customer_id = $1`, [
      result.data.createCustomer.id,
    ]);
    expect(event.actor_username).toBe('sales');
    expect(event.changes.email).toEqual({ after: 'ilona.u@example.fi' });
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const valid = { firstName: 'Virhe', lastName: 'Testi' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'not-an-email' }, 'email'],
      [{ firstName: '   ' }, 'firstName'],
      [{ phone: '12' }, 'phone'],
      [{ postalCode: '1234' }, 'postalCode'],
      [{ country: 'XX' }, 'country'],
      [{ organisation: { name: 'Väärä Oy', businessId: '1234567-8' } }, 'organisation.businessId'],
      [{ language: 'de' }, 'language'],
    ];
    const before = await customerCount();
    for (const [change, field] of cases) {
      const result = await sales.gql(CREATE, { input: { ...valid, ...change } });
      expect(result.errors?.[0].extensions, JSON.stringify(change)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors![0].message.length).toBeGreaterThan(5);
    }
    expect(await customerCount()).toBe(before);
  });

  it('[P3] marketing and admins may not create customers', async () => {
    const before = await customerCount();
    for (const username of ['marketing', 'admin']) {
      const result = await (await server.as(username)).gql(CREATE, { input: { firstName: 'Ei', lastName: 'Saa' } });
      expect(codes(result)).toEqual(['FORBIDDEN']);
    }
    expect(await customerCount()).toBe(before);
  });
});

describe('editing without losing anything', () => {
  it('a stale version answers CONFLICT with the current version and changes nothing', async () => {
    const c = await buildCustomer(server.db);
    const first = await service.gql(UPDATE, { id: c.id, v: c.version, input: { email: 'first@example.fi' } });
    expect(first.data.updateCustomer.version).toBe(c.version + 1);
    const stale = await service.gql(UPDATE, { id: c.id, v: c.version, input: { email: 'second@example.fi' } });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: c.version + 1 });
    const [after] = await server.db.query(`SELECT email, version FROM customers WHERE id = $1`, [c.id]);
    expect(after).toEqual({ email: 'first@example.fi', version: c.version + 1 });
  });

  it('of two simultaneous edits of one version, exactly one wins', async () => {
    const c = await buildCustomer(server.db);
    const other = await server.as('privacy');
    const results = await Promise.all([
      service.gql(UPDATE, { id: c.id, v: c.version, input: { city: 'Oulu' } }),
      other.gql(UPDATE, { id: c.id, v: c.version, input: { city: 'Kemi' } }),
    ]);
    expect(results.map(codes).sort()).toEqual([[], ['CONFLICT']]);
    const [after] = await server.db.query(`SELECT version FROM customers WHERE id = $1`, [c.id]);
    expect(after.version).toBe(c.version + 1);
  });

  it('[P12] a field the user may not change fails the whole mutation and changes nothing', async () => {
    const c = await buildCustomer(server.db);
    const partner = await buildPartner(server.db);
    const result = await service.gql(UPDATE, { id: c.id, v: c.version, input: { city: 'Muutettu', partner: partner.id } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'partner' });
    const [after] = await server.db.query(`SELECT email, city, version FROM customers WHERE id = $1`, [c.id]);
    expect(after).toEqual({ email: c.email, city: c.city, version: c.version });
  });

  it('bad input in an update changes nothing', async () => {
    const c = await buildCustomer(server.db);
    const result = await service.gql(UPDATE, { id: c.id, v: c.version, input: { email: 'ok@example.fi', postalCode: 'ABC' } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postalCode' });
    const [after] = await server.db.query(`SELECT email, version FROM customers WHERE id = $1`, [c.id]);
    expect(after).toEqual({ email: c.email, version: c.version });
  });

  it('an unknown customer is NOT_FOUND', async () => {
    const result = await service.gql(`{ customer(id: "00000000-0000-0000-0000-000000000000") { id } }`);
    expect(codes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('malformed ids', () => {
  const MALFORMED = '------------------------------------';

  it('answer BAD_USER_INPUT, as a literal and as a variable, with nothing logged as an error', async () => {
    const customer = await buildCustomer(server.db);
    const cases: Array<[string, Record<string, unknown>?]> = [
      [`{ customer(id: "${MALFORMED}") { id } }`],
      [`query ($id: UUID!) { customer(id: $id) { id } }`, { id: MALFORMED }],
      [`{ customers(first: 5, filter: { organisationId: "${MALFORMED}" }) { totalCount } }`],
      [`{ customers(first: 5, filter: { organisationId: "..." }) { totalCount } }`],
      [`query ($f: CustomerFilter) { customers(first: 5, filter: $f) { totalCount } }`, { f: { organisationId: MALFORMED } }],
      [`{ possibleDuplicates(email: "x@example.fi", excludeId: "${MALFORMED}") { id } }`],
      [`query ($id: UUID) { possibleDuplicates(email: "x@example.fi", excludeId: $id) { id } }`, { id: 'not-an-id' }],
      [`mutation { updateCustomer(id: "${MALFORMED}", version: 1, input: { city: "Oulu" }) { id } }`],
      [`mutation ($id: UUID!) { updateCustomer(id: $id, version: 1, input: { city: "Oulu" }) { id } }`, { id: MALFORMED }],
      [`mutation ($id: UUID!, $p: UUID) { updateCustomer(id: $id, version: 1, input: { partner: $p }) { id } }`, { id: customer.id, p: MALFORMED }],
      [`mutation ($id: UUID!) { updateCustomer(id: $id, version: 1, input: { partner: "${MALFORMED}" }) { id } }`, { id: customer.id }],
    ];
    const errors = await withErrorLog(server, 'privacy', async (post) => {
      for (const [query, variables] of cases) {
        const body = await post(query, variables);
        expect(
          body.errors?.map((e) => e.extensions?.code),
          query,
        ).toEqual(['BAD_USER_INPUT']);
      }
    });
    expect(errors).toEqual([]);
    const [after] = await server.db.query(`SELECT partner_id, version FROM customers WHERE id = $1`, [customer.id]);
    expect(after).toEqual({ partner_id: null, version: customer.version });
  });

  it('filters by a real organisation id', async () => {
    const organisation = await buildOrganisation(server.db);
    const member = await buildCustomer(server.db, { organisation });
    const result = await sales.gql(`query ($o: UUID) { customers(first: 5, filter: { organisationId: $o }) { totalCount edges { node { id } } } }`, {
      o: organisation.id,
    });
    expect(result.data.customers).toEqual({ totalCount: 1, edges: [{ node: { id: member.id } }] });
  });
});
