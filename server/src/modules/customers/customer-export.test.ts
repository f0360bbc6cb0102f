import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, type BuiltCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

/** Issue 16: the customer list as CSV, of exactly the fields the role may read, audited (P12). */
let server: TestServer;
let sales: TestClient;
let marketing: TestClient;
let customers: BuiltCustomer[];

const EXPORT = `mutation ($input: CustomerExportInput!) {
  exportCustomers(input: $input) { filename content rowCount fields restrictedLeftOut sha256 } }`;

/** The file as a spreadsheet would read it: its BOM, then ;- or ,-separated rows (the header first). */
function read(content: string, delimiter: ';' | ',') {
  expect(content.charCodeAt(0)).toBe(0xfeff);
  return parse(content.slice(1), { delimiter, relax_column_count: false }) as string[][];
}

beforeAll(async () => {
  server = await startTestServer();
  sales = await server.as('sales');
  marketing = await server.as('marketing');
  customers = [
    await buildCustomer(server.db, { firstName: 'Vienti', lastName: 'Ensimmäinen', phone: '+358401110001' }),
    await buildCustomer(server.db, { firstName: 'Vienti', lastName: 'Toinen', phone: '+358401110002' }),
  ];
});
afterAll(() => server?.close());

describe('columns per role', () => {
  it("marketing's file has no phone column and no phone anywhere in it", async () => {
    const result = await marketing.gql(EXPORT, { input: { customerIds: customers.map((c) => c.id), language: 'EN' } });
    expect(result.errors).toBeUndefined();
    const file = result.data.exportCustomers;
    const rows = read(file.content, ',');
    expect(rows[0]).toEqual([
      'Customer number',
      'First name',
      'Last name',
      'Organisation',
      'Email',
      'Street address',
      'Postal code',
      'City',
      'Country',
      'Language',
      'Created',
    ]);
    expect(file.fields).not.toContain('phone');
    expect(rows[0].join(' ')).not.toMatch(/phone/i);
    // A leak anywhere (another column, a cell) fails here: the numbers are in neither form.
    expect(file.content).not.toMatch(/40111000[12]/);
    expect(
      rows
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual(['Ensimmäinen', 'Toinen']);
  });

  it('sales gets the phone, kept as text (its leading + would start a formula)', async () => {
    const result = await sales.gql(EXPORT, { input: { customerIds: [customers[0].id], language: 'FI' } });
    expect(result.errors).toBeUndefined();
    const rows = read(result.data.exportCustomers.content, ';');
    expect(rows[0]).toEqual([
      'Asiakasnumero',
      'Etunimi',
      'Sukunimi',
      'Organisaatio',
      'Sähköposti',
      'Puhelin',
      'Katuosoite',
      'Postinumero',
      'Postitoimipaikka',
      'Maa',
      'Kieli',
      'Luotu',
    ]);
    expect(rows[1][0]).toBe(customers[0].customerNumber);
    expect(rows[1][5]).toBe("'+358401110001");
    expect(result.data.exportCustomers.filename).toMatch(/^asiakkaat-\d{4}-\d\d-\d\d\.csv$/);
  });

  it('the privacy officer also gets where each record came from', async () => {
    const privacy = await server.as('privacy');
    const result = await privacy.gql(EXPORT, { input: { customerIds: [customers[0].id], language: 'EN' } });
    expect(result.data.exportCustomers.fields).toEqual(expect.arrayContaining(['phone', 'partner', 'source', 'createdAt']));
    expect(read(result.data.exportCustomers.content, ',')[1]).toContain('STAFF_ENTRY');
  });

  it('[P4] a partner and an admin may not export customers; nothing is audited', async () => {
    const before = await exportEvents();
    for (const who of ['partner', 'admin']) {
      const client = await server.as(who);
      const result = await client.gql(EXPORT, { input: { customerIds: [customers[0].id] } });
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.data?.exportCustomers ?? null).toBeNull();
    }
    expect(await exportEvents()).toBe(before);
  });
});

async function exportEvents(): Promise<number> {
  const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'CUSTOMERS_EXPORTED'`);
  return n;
}

describe('what a file holds', () => {
  it('the current search and filter: the same customers as the list', async () => {
    const list = await sales.gql(`{ customers(first: 200, search: "Vienti", filter: { city: "Helsinki" }) { totalCount edges { node { customerNumber } } } }`);
    const result = await sales.gql(EXPORT, { input: { search: 'Vienti', filter: { city: 'Helsinki' }, orderBy: 'CUSTOMER_NUMBER_DESC', language: 'EN' } });
    expect(result.errors).toBeUndefined();
    const numbers = read(result.data.exportCustomers.content, ',')
      .slice(1)
      .map((r) => r[0]);
    expect(numbers).toEqual(list.data.customers.edges.map((e: any) => e.node.customerNumber).reverse());
    expect(result.data.exportCustomers.rowCount).toBe(list.data.customers.totalCount);
  });

  it('a selection holds only the selected customers the exporter may see; a restricted one is left out and counted', async () => {
    const restricted = await buildCustomer(server.db, { lastName: 'Rajoitettu-Vienti', restricted: true });
    const result = await sales.gql(EXPORT, { input: { customerIds: [customers[1].id, restricted.id], language: 'EN' } });
    const file = result.data.exportCustomers;
    expect(file.rowCount).toBe(1);
    expect(file.restrictedLeftOut).toBe(1);
    expect(read(file.content, ',').slice(1)).toHaveLength(1);
    expect(file.content).not.toContain('Rajoitettu-Vienti');
  });

  it('refuses an empty selection and a malformed id, with the field', async () => {
    expect((await sales.gql(EXPORT, { input: { customerIds: [] } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customerIds' });
    expect(codes(await sales.gql(EXPORT, { input: { customerIds: ['not-a-uuid'] } }))[0]).toBe('BAD_USER_INPUT');
  });

  it('neutralises cells a spreadsheet would take for a formula, and round-trips every other character', async () => {
    const evil = await buildCustomer(server.db, {
      firstName: '=HYPERLINK("http://evil.example","klik")',
      lastName: '+SUM(A1:A9)',
      street: '-2+3',
      city: '@cmd',
      email: 'ok."quoted";semi,colon@example.fi',
    });
    const result = await sales.gql(EXPORT, { input: { customerIds: [evil.id], language: 'FI' } });
    const [header, row] = read(result.data.exportCustomers.content, ';');
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Etunimi')).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    expect(cell('Sukunimi')).toBe(`'+SUM(A1:A9)`);
    expect(cell('Katuosoite')).toBe(`'-2+3`);
    expect(cell('Postitoimipaikka')).toBe(`'@cmd`);
    expect(cell('Sähköposti')).toBe('ok."quoted";semi,colon@example.fi');
    for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('the audit trail', () => {
  it('[P12] records who exported how many rows, which fields, and of which customers', async () => {
    const before = await exportEvents();
    const result = await marketing.gql(EXPORT, { input: { customerIds: customers.map((c) => c.id), language: 'FI' } }, { 'x-purpose': 'marketing' });
    expect(result.errors).toBeUndefined();
    expect(await exportEvents()).toBe(before + 1);
    const [event] = await server.db.query(
      `SELECT a.actor_username, a.fields, a.customer_ids, a.purpose, a.detail FROM audit_events a
        WHERE action = 'CUSTOMERS_EXPORTED' ORDER BY a.at DESC, a.id DESC LIMIT 1`,
    );
    expect(event.actor_username).toBe('marketing');
    expect(event.purpose).toBe('marketing');
    expect([...event.customer_ids].sort()).toEqual(customers.map((c) => c.id).sort());
    expect(event.fields).toEqual(result.data.exportCustomers.fields);
    expect(event.fields).not.toContain('phone');
    expect(event.detail).toMatchObject({ rowCount: 2, scope: 'SELECTION', language: 'fi', sha256: result.data.exportCustomers.sha256 });
  });

  it('[P12] never keeps the search text, which may be a name', async () => {
    await sales.gql(EXPORT, { input: { search: 'Ensimmäinen' } });
    const [event] = await server.db.query(`SELECT detail FROM audit_events WHERE action = 'CUSTOMERS_EXPORTED' ORDER BY at DESC, id DESC LIMIT 1`);
    expect(event.detail).toMatchObject({ scope: 'FILTER', searched: true, rowCount: 1 });
    expect(JSON.stringify(event.detail)).not.toContain('Ensimmäinen');
  });
});
