import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let listener: http.Server;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  listener = http.createServer(server.app).listen(0, '127.0.0.1');
  service = await server.as('service');
});
afterAll(async () => {
  await new Promise((resolve) => listener?.close(resolve));
  await server?.close();
});

const START = `mutation ($input: StartAddressUpdateImportInput!) { importAddressUpdates(input: $input) { id status uploadPath reportPath } }`;
const APPLY = `mutation ($id: UUID!) { applyAddressUpdates(id: $id) { status rowsToApply rowsApplied counts { UPDATE UNCHANGED NOT_FOUND AMBIGUOUS BLOCKED INVALID CONFLICT } } }`;
const ROWS = `query ($id: UUID!) { addressUpdateRows(importId: $id, first: 500) { line outcome reason detail customerId dryRunOutcome } }`;
const PROGRESS = `query ($id: UUID!) { addressUpdateImport(id: $id) { status rowsRead rowsApplied rowsToApply processedBytes } }`;
const FI_HEADER =
  'asiakasnumero;etunimi;sukunimi;vanha katuosoite;vanha postinumero;vanha postitoimipaikka;uusi katuosoite;uusi postinumero;uusi postitoimipaikka;muuttopäivä;päivityskielto';
const EN_HEADER = 'customer_number,first_name,last_name,old_street,old_postal_code,old_city,new_street,new_postal_code,new_city,moved_on,update_prohibition';

const cookieOf = (client: TestClient) =>
  client
    .cookies()
    .map((c) => c.split(';')[0])
    .join('; ');

function request(
  method: string,
  path: string,
  client: TestClient,
  body?: Iterable<Buffer>,
  headers: Record<string, string | number> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: any }> {
  const { port } = listener.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { cookie: cookieOf(client), ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        const json = String(res.headers['content-type']).includes('json') ? JSON.parse(text) : null;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    void (async () => {
      for (const chunk of body ?? []) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      req.end();
    })().catch(reject);
  });
}

/** Starts an import and sends the file as a stream of chunks: the answer is the dry run. */
async function dryRun(file: Iterable<Buffer> | string, fileName = 'osoitepalvelu-2026-11.csv', contentType = 'text/csv') {
  const started = await service.gql(START, { input: { fileName, fileDate: '2026-11-30' } });
  expect(started.errors).toBeUndefined();
  const { id, uploadPath } = started.data.importAddressUpdates;
  const chunks = typeof file === 'string' ? [Buffer.from(file, 'utf8')] : file;
  const answer = await request('PUT', uploadPath, service, chunks, { 'content-type': contentType });
  return { id, uploadPath, ...answer };
}

const addressOf = async (id: string) =>
  (await server.db.query(`SELECT street, postal_code, city, version, update_prohibited FROM customers WHERE id = $1`, [id]))[0];
const rowsOf = async (id: string) => (await service.gql(ROWS, { id })).data.addressUpdateRows as Array<Record<string, any>>;

describe('address updates from an update service (P7)', () => {
  let byNumber: Awaited<ReturnType<typeof buildCustomer>>;
  let byName: Awaited<ReturnType<typeof buildCustomer>>;
  let moved: Awaited<ReturnType<typeof buildCustomer>>;
  let prohibited: Awaited<ReturnType<typeof buildCustomer>>;
  let restricted: Awaited<ReturnType<typeof buildCustomer>>;
  let fileId: string;
  beforeAll(async () => {
    byNumber = await buildCustomer(server.db, { firstName: 'Aino', lastName: 'Muuttaja', street: 'Vanhatie 1', postalCode: '00100', city: 'Helsinki' });
    byName = await buildCustomer(server.db, { firstName: 'Eero', lastName: 'Nimellinen', street: 'Kotikatu 5 B 7', postalCode: '33100', city: 'Tampere' });
    moved = await buildCustomer(server.db, { firstName: 'Jo', lastName: 'Muuttanut', street: 'Uusitie 9', postalCode: '90100', city: 'Oulu' });
    prohibited = await buildCustomer(server.db, { firstName: 'Kielto', lastName: 'Kieltäjä', street: 'Piilotie 2', postalCode: '40100', city: 'Jyväskylä' });
    restricted = await buildCustomer(server.db, {
      firstName: 'Rajoitettu',
      lastName: 'Rajala',
      street: 'Rajatie 3',
      postalCode: '20100',
      city: 'Turku',
      restricted: true,
    });
    // Two customers of one name at one address: neither is picked.
    await buildCustomer(server.db, { firstName: 'Matti', lastName: 'Kaksonen', street: 'Kaksoistie 1', postalCode: '15100', city: 'Lahti' });
    await buildCustomer(server.db, { firstName: 'Matti', lastName: 'Kaksonen', street: 'Kaksoistie 1', postalCode: '15100', city: 'Lahti' });
    const record = await service.gql(
      `mutation ($id: UUID!) { recordUpdateProhibition(customerId: $id, input: { via: LETTER, note: "kirje 1.11." }) { source via } }`,
      {
        id: prohibited.id,
      },
    );
    expect(record.errors).toBeUndefined();
    expect(record.data.recordUpdateProhibition).toEqual({ source: 'CUSTOMER_NOTICE', via: 'LETTER' });
  });

  it('[P7] a dry run changes nothing and reports UPDATE, UNCHANGED, NOT_FOUND, AMBIGUOUS and BLOCKED', async () => {
    const before = await Promise.all([byNumber, byName, moved, prohibited, restricted].map((c) => addressOf(c.id)));
    const file = [
      FI_HEADER,
      `${byNumber.customerNumber};Aino;Muuttaja;;;;Uusikatu 2 A 3;00200;Helsinki;1.11.2026;`,
      `;EERO;nimellinen;kotikatu  5 B 7;33100;Tampere;Hämeenkatu 10;33200;Tampere;2026-11-02;0`,
      `;Jo;Muuttanut;Vanha 1;90500;Oulu;Uusitie 9;90100;Oulu;;`,
      `;Nobody;Known;Missäkatu 1;00100;Helsinki;Jossakin 1;00100;Helsinki;;`,
      `;Matti;Kaksonen;Kaksoistie 1;15100;Lahti;Uusi 1;15200;Lahti;;`,
      `${prohibited.customerNumber};Kielto;Kieltäjä;;;;Uusi 2;40200;Jyväskylä;;`,
      `${restricted.customerNumber};Rajoitettu;Rajala;;;;Uusi 3;20200;Turku;;`,
      `;Aino;Muuttaja;;;;Uusi 4;00100;Helsinki;;`,
      `;Vika;Rivi;Tie 1;123;Espoo;Tie 2;02100;Espoo;;`,
    ].join('\n');
    const answer = await dryRun(file);
    expect(answer.status, answer.text).toBe(200);
    fileId = answer.id;
    expect(answer.json.import).toMatchObject({
      status: 'DRY_RUN',
      rowsRead: 9,
      rowsToApply: 2,
      counts: { UPDATE: 2, UNCHANGED: 1, NOT_FOUND: 2, AMBIGUOUS: 1, BLOCKED: 2, INVALID: 1, CONFLICT: 0 },
    });
    const rows = await rowsOf(answer.id);
    expect(rows.map((r) => [r.line, r.outcome, r.reason])).toEqual([
      [2, 'UPDATE', 'MATCHED_BY_CUSTOMER_NUMBER'],
      [3, 'UPDATE', 'MATCHED_BY_NAME_AND_ADDRESS'],
      [4, 'UNCHANGED', 'MATCHED_BY_NAME_AND_ADDRESS'],
      [5, 'NOT_FOUND', 'NO_MATCH'],
      [6, 'AMBIGUOUS', 'SEVERAL_MATCHES'],
      [7, 'BLOCKED', 'UPDATE_PROHIBITED'],
      [8, 'BLOCKED', 'RESTRICTED'],
      [9, 'NOT_FOUND', 'NAME_ALONE'],
      [10, 'INVALID', 'INVALID_POSTAL_CODE'],
    ]);
    expect(rows[4].detail).toMatch(/^2 customers of this name/);
    // Nothing changed: addresses, versions, provenance.
    expect(await Promise.all([byNumber, byName, moved, prohibited, restricted].map((c) => addressOf(c.id)))).toEqual(before);
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customer_provenance WHERE source = 'ADDRESS_UPDATE_SERVICE'`);
    expect(n).toBe(0);
  });

  it('[P7] an applied update records provenance ADDRESS_UPDATE_SERVICE with the file', async () => {
    const applied = await service.gql(APPLY, { id: fileId });
    expect(applied.errors).toBeUndefined();
    expect(applied.data.applyAddressUpdates).toMatchObject({ status: 'APPLIED', rowsApplied: 2, counts: { UPDATE: 2, CONFLICT: 0 } });
    expect(await addressOf(byNumber.id)).toMatchObject({ street: 'Uusikatu 2 A 3', postal_code: '00200', city: 'Helsinki', version: byNumber.version + 1 });
    expect(await addressOf(byName.id)).toMatchObject({ street: 'Hämeenkatu 10', postal_code: '33200' });
    const provenance = await service.gql(`query ($id: UUID!) { customer(id: $id) { provenance { field source detail } } }`, { id: byNumber.id });
    const bySource = Object.fromEntries(provenance.data.customer.provenance.map((p: any) => [p.field, `${p.source}:${p.detail}`]));
    expect(bySource).toMatchObject({
      street: 'ADDRESS_UPDATE_SERVICE:osoitepalvelu-2026-11.csv (2026-11-30)',
      postalCode: 'ADDRESS_UPDATE_SERVICE:osoitepalvelu-2026-11.csv (2026-11-30)',
    });
    expect(bySource.city).toBeUndefined(); // the city did not change: no source recorded for it
    const [audit] = await server.db.query(`SELECT fields, detail FROM audit_events WHERE customer_id = $1 AND action = 'CUSTOMER_UPDATED'`, [byNumber.id]);
    expect(audit.detail).toMatchObject({ source: 'ADDRESS_UPDATE_SERVICE', sourceDetail: 'osoitepalvelu-2026-11.csv (2026-11-30)', line: 2 });
    // Applying twice is refused.
    expect(codes(await service.gql(APPLY, { id: fileId }))).toEqual(['CONFLICT']);
    // The report is kept and downloadable, Finnish by default.
    const report = await request('GET', `/imports/address-updates/${fileId}/report.csv`, service);
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    const lines = report.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^rivi;tulos;syy;/);
    expect(lines[1]).toMatch(/^2;UPDATE;/);
    expect(lines).toHaveLength(11); // header, 9 rows, the last line break
  });

  it('[P7] an update prohibition blocks an address update; the file’s flag records one; a change since the dry run is a CONFLICT', async () => {
    const flagged = await buildCustomer(server.db, {
      firstName: 'Liputettu',
      lastName: 'Lippunen',
      street: 'Lipputie 1',
      postalCode: '00500',
      city: 'Helsinki',
    });
    const edited = await buildCustomer(server.db, { firstName: 'Muokattu', lastName: 'Välissä', street: 'Välitie 1', postalCode: '00600', city: 'Helsinki' });
    const file = [
      EN_HEADER,
      `${flagged.customerNumber},Liputettu,Lippunen,,,,,,,,yes`,
      `${edited.customerNumber},Muokattu,Välissä,,,,Jälkeentie 2,00700,Helsinki,2026-11-20,no`,
      `${prohibited.customerNumber},Kielto,Kieltäjä,,,,Uusi 2,40200,Jyväskylä,,`,
    ].join('\r\n');
    const answer = await dryRun(file, 'posti-en.csv');
    expect(answer.status, answer.text).toBe(200);
    expect((await rowsOf(answer.id)).map((r) => [r.outcome, r.reason])).toEqual([
      ['BLOCKED', 'UPDATE_PROHIBITED_IN_FILE'],
      ['UPDATE', 'MATCHED_BY_CUSTOMER_NUMBER'],
      ['BLOCKED', 'UPDATE_PROHIBITED'],
    ]);
    // Someone edits the customer between the dry run and the apply.
    const edit = await service.gql(`mutation ($id: UUID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { city: "Espoo" }) { version } }`, {
      id: edited.id,
      v: edited.version,
    });
    expect(edit.errors).toBeUndefined();
    const applied = await service.gql(APPLY, { id: answer.id });
    expect(applied.data.applyAddressUpdates.counts).toMatchObject({ UPDATE: 0, BLOCKED: 2, CONFLICT: 1 });
    expect(await addressOf(edited.id)).toMatchObject({ street: 'Välitie 1', city: 'Espoo' });
    expect(await addressOf(prohibited.id)).toMatchObject({ street: 'Piilotie 2', update_prohibited: true });
    expect(await addressOf(flagged.id)).toMatchObject({ street: 'Lipputie 1', update_prohibited: true });
    const shown = await service.gql(`query ($id: UUID!) { customer(id: $id) { updateProhibition { source detail via } } }`, { id: flagged.id });
    expect(shown.data.customer.updateProhibition).toEqual({ source: 'ADDRESS_UPDATE_SERVICE', detail: 'posti-en.csv (2026-11-30)', via: null });
    // Lifted on the customer's own notice; then the next file moves them.
    const lift = await service.gql(`mutation ($id: UUID!) { liftUpdateProhibition(customerId: $id, input: { via: CUSTOMER_SERVICE }) { source } }`, {
      id: flagged.id,
    });
    expect(lift.errors).toBeUndefined();
    expect(lift.data.liftUpdateProhibition).toBeNull();
    const history = await service.gql(`query ($id: UUID!) { updateProhibitionHistory(customerId: $id) { action source via } }`, { id: flagged.id });
    expect(history.data.updateProhibitionHistory).toEqual([
      { action: 'LIFT', source: 'CUSTOMER_NOTICE', via: 'CUSTOMER_SERVICE' },
      { action: 'SET', source: 'ADDRESS_UPDATE_SERVICE', via: null },
    ]);
  });

  it('[P7] matching is never by name alone: the same name at another address is NOT_FOUND', async () => {
    const other = await buildCustomer(server.db, { firstName: 'Sama', lastName: 'Nimi', street: 'Oikeatie 1', postalCode: '00800', city: 'Helsinki' });
    const answer = await dryRun(`${FI_HEADER}\n;Sama;Nimi;Vääräkatu 9;00800;Helsinki;Uusi 5;00900;Helsinki;;\n;Sama;Nimi;;;;Uusi 5;00900;Helsinki;;`);
    expect((await rowsOf(answer.id)).map((r) => [r.outcome, r.reason, r.customerId])).toEqual([
      ['NOT_FOUND', 'NO_MATCH', null],
      ['NOT_FOUND', 'NAME_ALONE', null],
    ]);
    expect(await addressOf(other.id)).toMatchObject({ street: 'Oikeatie 1' });
  });

  it('[P7] a bad file answers 400 with a clear code and stores nothing', async () => {
    const cases: Array<[string, string, string]> = [
      ['nimi;osoite\nAino;Tie 1', 'text/csv', 'MISSING_COLUMNS'],
      ['', 'text/csv', 'EMPTY'],
      [FI_HEADER, 'text/csv', 'NO_ROWS'],
      [`${FI_HEADER}\n;"Aino;Muuttaja`, 'text/csv', 'MALFORMED_CSV'],
    ];
    for (const [file, type, reason] of cases) {
      const answer = await dryRun(file, 'bad.csv', type);
      expect(answer.status, reason).toBe(400);
      expect(answer.json).toMatchObject({ error: 'BAD_USER_INPUT', reason, import: { status: 'FAILED' } });
      const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM address_update_rows WHERE import_id = $1`, [answer.id]);
      expect(n).toBe(0);
    }
    const latin = await dryRun([Buffer.concat([Buffer.from(`${FI_HEADER}\n;`), Buffer.from([0xc4, 0x3b])])]);
    expect(latin.status).toBe(400);
    expect(latin.json.reason).toBe('INVALID_ENCODING');
    const json = await dryRun('{}', 'a.json', 'application/json');
    expect(json.status).toBe(415);
  });

  it('[P7] only those who keep addresses may import (service, privacy officer); others are refused', async () => {
    for (const username of ['sales', 'marketing', 'admin', 'partner']) {
      const client = await server.as(username);
      const started = await client.gql(START, { input: { fileName: 'x.csv', fileDate: '2026-11-30' } });
      expect(codes(started), username).toEqual(['FORBIDDEN']);
      const report = await request('GET', `/imports/address-updates/${fileId}/report.csv`, client);
      expect(report.status, username).toBe(403);
    }
    const privacy = await server.as('privacy');
    expect((await privacy.gql(START, { input: { fileName: 'x.csv', fileDate: '2026-11-30' } })).errors).toBeUndefined();
  });

  it('[P7] 100,000 rows streamed through one request, with progress, in seconds', async () => {
    // 2,000 customers to move, in the database in one statement; the rest of the file matches nobody.
    const tag = `Massa${Date.now()}`;
    const made = await server.db.query(
      `INSERT INTO customers (first_name, last_name, street, postal_code, city, country, language, source)
       SELECT 'Massa', $1 || i, 'Vanhatie ' || i, '00100', 'Helsinki', 'FI', 'fi', 'STAFF_ENTRY' FROM generate_series(1, 2000) AS i
       RETURNING customer_number::text AS n`,
      [tag],
    );
    const numbers: string[] = made.map((r: { n: string }) => r.n);
    function* file(): Generator<Buffer> {
      yield Buffer.from(`${EN_HEADER}\n`);
      for (let start = 0; start < 100_000; start += 5000) {
        const lines: string[] = [];
        for (let i = start; i < start + 5000; i++) {
          lines.push(
            i < 2000
              ? `${numbers[i]},Massa,${tag}${i + 1},,,,Uusitie ${i + 1},00200,Helsinki,2026-11-01,0`
              : `,Ei,Ketaan${i},Olematon ${i},99999,Ei,Jokin ${i},99998,Ei,,`,
          );
        }
        yield Buffer.from(`${lines.join('\n')}\n`);
      }
    }
    const seen: number[] = [];
    const started = Date.now();
    const answer = await dryRun(file(), 'massa.csv');
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.import).toMatchObject({ rowsRead: 100_000, counts: { UPDATE: 2000, NOT_FOUND: 98_000 } });
    const dryRunMs = Date.now() - started;
    // Progress is in PostgreSQL: another request sees it while the apply runs.
    const applying = service.gql(APPLY, { id: answer.id });
    let polled: any;
    do {
      polled = (await service.gql(PROGRESS, { id: answer.id })).data.addressUpdateImport;
      seen.push(polled.rowsApplied);
    } while (polled.status !== 'APPLIED' && polled.status !== 'FAILED');
    const applied = (await applying).data.applyAddressUpdates;
    expect(applied).toMatchObject({ status: 'APPLIED', rowsToApply: 2000, rowsApplied: 2000, counts: { UPDATE: 2000 } });
    expect(seen.at(-1)).toBe(2000);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen); // never goes back
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers WHERE last_name LIKE $1 AND postal_code = '00200'`, [`${tag}%`]);
    expect(n).toBe(2000);
    console.info(`address updates: 100,000-row dry run ${dryRunMs} ms, apply of 2,000 ${Date.now() - started - dryRunMs} ms`);
  }, 120_000);
});
