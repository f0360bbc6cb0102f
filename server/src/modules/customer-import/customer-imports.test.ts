import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCustomer, buildUser } from '../../test/factories';
import { codes, startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let listener: http.Server;
let service: TestClient;
let base: string;
beforeAll(async () => {
  server = await startTestServer();
  listener = http.createServer(server.app);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  service = await server.as('service');
});
afterAll(async () => {
  await new Promise((resolve) => listener?.close(resolve));
  await server?.close();
});

const START = `mutation ($input: StartCustomerImportInput!) { startCustomerImport(input: $input) { id status uploadPath } }`;
const COUNTS = 'counts { NEW UPDATE UNCHANGED POSSIBLE_DUPLICATE REFUSED CONFLICT }';
const PROGRESS = `query ($id: UUID!) { customerImport(id: $id) { status rowsRead rowsApplied heldOpen ${COUNTS} } }`;
const ROWS = `query ($id: UUID!) { customerImportRows(importId: $id, first: 500) { line outcome reason field detail customerId duplicateIds held } }`;
const APPLY = `mutation ($id: UUID!) { applyCustomerImport(id: $id) { status } }`;

/** Sends the file as the body of a PUT, as the browser does. */
async function put(client: TestClient, path: string, body: string, contentType = 'text/csv') {
  const cookie = client
    .cookies()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}${path}`, { method: 'PUT', headers: { cookie, 'content-type': contentType }, body });
  return { status: res.status, json: (await res.json()) as any };
}

async function dryRun(file: string, input: Record<string, unknown> = {}, client = service) {
  const started = await client.gql(START, { input: { fileName: 'myymala-lista.csv', sourceKind: 'STORE_PURCHASE', sourceName: 'Myymälä Kamppi', ...input } });
  expect(started.errors).toBeUndefined();
  const { id, uploadPath } = started.data.startCustomerImport;
  return { id, ...(await put(client, uploadPath, file)) };
}

const rowsOf = async (id: string) => (await service.gql(ROWS, { id })).data.customerImportRows as Array<Record<string, any>>;

async function applied(id: string) {
  const apply = await service.gql(APPLY, { id });
  expect(apply.errors).toBeUndefined();
  let last: any;
  await vi.waitFor(
    async () => {
      last = (await service.gql(PROGRESS, { id })).data.customerImport;
      expect(last.status).toBe('APPLIED');
    },
    { timeout: 30_000, interval: 50 },
  );
  return last;
}

describe('customer lists of stores and resellers (P7)', () => {
  let known: Awaited<ReturnType<typeof buildCustomer>>;
  let byEmail: Awaited<ReturnType<typeof buildCustomer>>;
  let phoneTwin: Awaited<ReturnType<typeof buildCustomer>>;
  let restricted: Awaited<ReturnType<typeof buildCustomer>>;
  let file: string;
  beforeAll(async () => {
    known = await buildCustomer(server.db, { firstName: 'Tuttu', lastName: 'Numerolla', city: 'Espoo' });
    byEmail = await buildCustomer(server.db, { firstName: 'Sähkö', lastName: 'Postila', email: 'sahko.postila@example.fi', city: 'Vantaa' });
    phoneTwin = await buildCustomer(server.db, { firstName: 'Puhe', lastName: 'Linja', phone: '+358407770001' });
    restricted = await buildCustomer(server.db, { firstName: 'Rajoitettu', lastName: 'Rajala', restricted: true });
    await server.db.query(`INSERT INTO prohibition_events (customer_id, kind, action, via) VALUES ($1, 'DIRECT_MARKETING', 'SET', 'LETTER')`, [byEmail.id]);
    file = [
      'Asiakasnumero;Etunimi;Sukunimi;Sähköposti;Puhelin;Katuosoite;Postinumero;Postitoimipaikka;Kieli',
      `${known.customerNumber};Tuttu;Numerolla;;;Uusikatu 1;02100;Espoo;`,
      ';Sähkö;Postila;SAHKO.POSTILA@example.fi;;;;Helsinki;sv',
      ';Uusi;Asiakas;uusi.asiakas@example.fi;0401234567;Mannerheimintie 1;00100;Helsinki;suomi',
      ';Toinen;Puhelin;;040 777 0001;;;;',
      ';Virhe;Osoite;ei-sahkoposti;;;1234;;',
      ';;Nimetön;nimeton@example.fi;;;;;',
      '999999999;Ei;Löydy;;;;;;',
      `${restricted.customerNumber};Rajoitettu;Rajala;;;Muutos 1;00100;Helsinki;`,
      ';Kaksi;Kertaa;uusi.asiakas@example.fi;;;;;',
      '',
    ].join('\n');
  });

  it('[P7] a dry run tells each row NEW, UPDATE, POSSIBLE_DUPLICATE or REFUSED with its reason and field, and changes nothing', async () => {
    const before = (await server.db.query(`SELECT count(*)::int AS n FROM customers`))[0].n;
    const answer = await dryRun(file);
    expect(answer.status).toBe(200);
    expect(answer.json.import.status).toBe('DRY_RUN');
    expect(answer.json.import.counts).toMatchObject({ NEW: 1, UPDATE: 2, POSSIBLE_DUPLICATE: 2, REFUSED: 4 });
    // The Finnish headers were recognised without a mapping.
    expect(answer.json.import.mapping).toMatchObject({ customerNumber: 'Asiakasnumero', email: 'Sähköposti', language: 'Kieli', city: 'Postitoimipaikka' });
    const rows = await rowsOf(answer.id);
    const at = (line: number) => rows.find((r) => r.line === line);
    expect(at(2)).toMatchObject({ outcome: 'UPDATE', reason: 'MATCHED_BY_CUSTOMER_NUMBER', customerId: known.id, detail: 'street, postalCode' });
    expect(at(3)).toMatchObject({ outcome: 'UPDATE', reason: 'MATCHED_BY_EMAIL', customerId: byEmail.id, detail: 'city, language' });
    expect(at(4)).toMatchObject({ outcome: 'NEW' });
    expect(at(5)).toMatchObject({ outcome: 'POSSIBLE_DUPLICATE', reason: 'SHARES_CONTACT', duplicateIds: [phoneTwin.id] });
    expect(at(6)).toMatchObject({ outcome: 'REFUSED', reason: 'INVALID_VALUE', field: 'email' });
    expect(at(6)?.detail).toMatch(/email/);
    expect(at(7)).toMatchObject({ outcome: 'REFUSED', reason: 'MISSING_NAME', field: 'firstName' });
    expect(at(8)).toMatchObject({ outcome: 'REFUSED', reason: 'UNKNOWN_CUSTOMER_NUMBER', field: 'customerNumber' });
    expect(at(9)).toMatchObject({ outcome: 'REFUSED', reason: 'RESTRICTED', customerId: restricted.id });
    expect(at(10)).toMatchObject({ outcome: 'POSSIBLE_DUPLICATE', reason: 'SAME_PERSON_IN_FILE', detail: 'line 4' });
    expect((await server.db.query(`SELECT count(*)::int AS n FROM customers`))[0].n).toBe(before);
    const [stored] = await server.db.query(`SELECT street, city, version FROM customers WHERE id = $1`, [known.id]);
    expect(stored).toMatchObject({ street: 'Testikatu 1', city: 'Espoo', version: known.version });
  });

  it('[P7] applying makes and changes records batch by batch with the list as their provenance, holds the duplicates, and keeps prohibitions', async () => {
    const { id } = await dryRun(file);
    const done = await applied(id);
    expect(done.rowsApplied).toBe(done.rowsRead);
    expect(done.rowsRead).toBe(9);
    expect(done.heldOpen).toBe(2);
    const rows = await rowsOf(id);
    const made = rows.find((r) => r.line === 4)?.customerId;
    expect(made).toBeTruthy();
    const [created] = await server.db.query(`SELECT first_name, phone, language, source FROM customers WHERE id = $1`, [made]);
    expect(created).toEqual({ first_name: 'Uusi', phone: '+358401234567', language: 'fi', source: 'STORE_PURCHASE' });
    const provenance = await server.db.query(`SELECT field, source, detail FROM customer_provenance WHERE customer_id = $1 ORDER BY field`, [known.id]);
    expect(provenance).toEqual(
      expect.arrayContaining([
        { field: 'street', source: 'STORE_PURCHASE', detail: 'Myymälä Kamppi (myymala-lista.csv)' },
        { field: 'postalCode', source: 'STORE_PURCHASE', detail: 'Myymälä Kamppi (myymala-lista.csv)' },
      ]),
    );
    const [updated] = await server.db.query(`SELECT city, language FROM customers WHERE id = $1`, [byEmail.id]);
    expect(updated).toEqual({ city: 'Helsinki', language: 'sv' });
    // An import writes contact fields only: the customer's "no" stays in force.
    expect(await server.db.query(`SELECT kind FROM current_prohibitions WHERE customer_id = $1`, [byEmail.id])).toEqual([{ kind: 'DIRECT_MARKETING' }]);
    // The held rows wait for a person; the in-file twin's candidate is the customer its earlier line made.
    const held = rows.filter((r) => r.held);
    expect(held.map((r) => r.line)).toEqual([5, 10]);
    expect(rows.find((r) => r.line === 10)?.duplicateIds).toEqual([made]);
    const audit = await server.db.query(`SELECT action FROM audit_events WHERE customer_id = $1 ORDER BY id`, [made]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('CUSTOMER_CREATED');
  });

  it('[P6] phones are compared as numbers, not as typed: a row whose phone differs only in format is a possible duplicate', async () => {
    const stored = await buildCustomer(server.db, { firstName: 'Muoto', lastName: 'Numero', phone: '+358407770003' });
    const answer = await dryRun(
      [
        'etunimi;sukunimi;puhelin',
        // The customer's number as people write it: the same person.
        'Muoto;Numero;040 777 0003',
        // A new person, then the same number again in another format: the same person twice in the file.
        'Uusi;Muotoilija;040 777 0004',
        'Uusi;Muotoilija;+358 40 7770004',
        '',
      ].join('\n'),
    );
    expect(answer.status).toBe(200);
    const rows = await rowsOf(answer.id);
    expect(rows.map(({ line, outcome, reason, detail, duplicateIds }) => ({ line, outcome, reason, detail, duplicateIds }))).toEqual([
      { line: 2, outcome: 'POSSIBLE_DUPLICATE', reason: 'SHARES_CONTACT', detail: stored.customerNumber, duplicateIds: [stored.id] },
      { line: 3, outcome: 'NEW', reason: null, detail: null, duplicateIds: [] },
      { line: 4, outcome: 'POSSIBLE_DUPLICATE', reason: 'SAME_PERSON_IN_FILE', detail: 'line 3', duplicateIds: [] },
    ]);
  });

  it('[P7] a row whose customer changed after the dry run is a CONFLICT, never overwritten', async () => {
    const target = await buildCustomer(server.db, { firstName: 'Muuttuva', lastName: 'Välillä' });
    const { id } = await dryRun(`customer_number,first_name,last_name,city\n${target.customerNumber},Muuttuva,Välillä,Turku\n`);
    await server.db.query(`UPDATE customers SET city = 'Pori', version = version + 1 WHERE id = $1`, [target.id]);
    const done = await applied(id);
    expect(done.counts).toMatchObject({ CONFLICT: 1, UPDATE: 0 });
    expect((await server.db.query(`SELECT city FROM customers WHERE id = $1`, [target.id]))[0].city).toBe('Pori');
  });

  it('[P7] a customer’s update prohibition holds against a store list too: their name and address are not changed, other fields are', async () => {
    const forbade = await buildCustomer(server.db, { firstName: 'Kieltävä', lastName: 'Päivitys', city: 'Espoo', email: 'kieltava.paivitys@example.fi' });
    const recorded = await service.gql(`mutation ($id: UUID!) { recordUpdateProhibition(customerId: $id, input: { via: LETTER }) { via } }`, {
      id: forbade.id,
    });
    expect(recorded.errors).toBeUndefined();
    const { id } = await dryRun(`customer_number,first_name,last_name,city\n${forbade.customerNumber},Kieltävä,Päivitys,Turku\n`);
    expect((await rowsOf(id))[0]).toMatchObject({ line: 2, outcome: 'REFUSED', reason: 'UPDATE_PROHIBITED', field: 'city', detail: 'city' });
    expect((await applied(id)).counts).toMatchObject({ REFUSED: 1, UPDATE: 0 });
    // A phone number is not what the prohibition covers: it is updated as from any list.
    const phone = await dryRun(`customer_number,first_name,last_name,phone\n${forbade.customerNumber},Kieltävä,Päivitys,0405556677\n`);
    expect((await rowsOf(phone.id))[0]).toMatchObject({ outcome: 'UPDATE', detail: 'phone' });
    expect((await applied(phone.id)).counts).toMatchObject({ UPDATE: 1 });
    const [after] = await server.db.query(`SELECT city, phone FROM customers WHERE id = $1`, [forbade.id]);
    expect(after).toEqual({ city: 'Espoo', phone: '+358405556677' });
  });

  it('[P7] an update prohibition recorded after the dry run still holds when the list is applied', async () => {
    const later = await buildCustomer(server.db, { firstName: 'Myöhemmin', lastName: 'Kieltävä', city: 'Oulu' });
    const { id } = await dryRun(`customer_number,first_name,last_name,city\n${later.customerNumber},Myöhemmin,Kieltävä,Kemi\n`);
    expect((await rowsOf(id))[0]).toMatchObject({ outcome: 'UPDATE' });
    const recorded = await service.gql(`mutation ($id: UUID!) { recordUpdateProhibition(customerId: $id, input: { via: LETTER }) { via } }`, { id: later.id });
    expect(recorded.errors).toBeUndefined();
    const done = await applied(id);
    expect(done.counts).toMatchObject({ REFUSED: 1, UPDATE: 0 });
    expect((await server.db.query(`SELECT city FROM customers WHERE id = $1`, [later.id]))[0].city).toBe('Oulu');
  });

  it('[P7] progress is rows applied of rows read, through every batch', async () => {
    const lines = Array.from({ length: 450 }, (_, i) => `Erä${i};Rivi${i};era.rivi.${i}.${Date.now()}@example.fi`);
    const { id } = await dryRun(`etunimi;sukunimi;email\n${lines.join('\n')}\n`);
    const done = await applied(id);
    expect(done).toMatchObject({ rowsRead: 450, rowsApplied: 450 });
    expect(done.counts.NEW).toBe(450);
  });

  it('a mapping names the columns; a mapped column the file lacks refuses the file whole', async () => {
    const mapped = await dryRun('Nimi1;Nimi2;Posti\nMappi;Kartta;mappi.kartta@example.fi\n', {
      mapping: { firstName: 'Nimi1', lastName: 'Nimi2', email: 'Posti' },
    });
    expect(mapped.json.import.counts.NEW).toBe(1);
    const missing = await dryRun('a;b\n1;2\n', { mapping: { firstName: 'Etu', lastName: 'b' } });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: 'BAD_USER_INPUT', reason: 'MISSING_COLUMNS' });
  });

  it('held duplicates are merged into the customer (the chosen fields) or created as new, once', async () => {
    const twin = await buildCustomer(server.db, { firstName: 'Pidetty', lastName: 'Kaksonen', phone: '+358407770002', city: null });
    const { id } = await dryRun('etunimi;sukunimi;puhelin;postitoimipaikka\nPidetty;Kaksonen;0407770002;Lahti\nToinen;Kaksonen;0407770002;Kotka\n');
    await applied(id);
    const HELD = `query { heldCustomerDuplicates(first: 200) { importId line values { city } candidates { id version customerNumber } } }`;
    const held = (await service.gql(HELD)).data.heldCustomerDuplicates.filter((h: any) => h.importId === id);
    expect(held.map((h: any) => h.line)).toEqual([2, 3]);
    expect(held[0].candidates.map((c: any) => c.id)).toEqual([twin.id]);
    const RESOLVE = `mutation ($input: ResolveHeldDuplicateInput!) { resolveHeldCustomerDuplicate(input: $input) { resolution customerId } }`;
    const merged = await service.gql(RESOLVE, {
      input: { importId: id, line: 2, resolution: 'MERGED', customerId: twin.id, version: twin.version, fields: ['city'] },
    });
    expect(merged.errors).toBeUndefined();
    expect(merged.data.resolveHeldCustomerDuplicate).toEqual({ resolution: 'MERGED', customerId: twin.id });
    expect((await server.db.query(`SELECT city FROM customers WHERE id = $1`, [twin.id]))[0].city).toBe('Lahti');
    const again = await service.gql(RESOLVE, { input: { importId: id, line: 2, resolution: 'CREATED' } });
    expect(codes(again)).toEqual(['CONFLICT']);
    const created = await service.gql(RESOLVE, { input: { importId: id, line: 3, resolution: 'CREATED' } });
    expect(created.errors).toBeUndefined();
    expect(created.data.resolveHeldCustomerDuplicate.customerId).not.toBe(twin.id);
    expect((await service.gql(PROGRESS, { id })).data.customerImport.heldOpen).toBe(0);
  });

  it('sales imports new customers, but a row changing a customer sales may not change is refused per row', async () => {
    const sales = await server.as('sales');
    const target = await buildCustomer(server.db, { firstName: 'Myynti', lastName: 'Ei-Muuta', city: 'Lahti' });
    const stamp = Date.now();
    const answer = await dryRun(
      `asiakasnumero;etunimi;sukunimi;kaupunki;email\n${target.customerNumber};Myynti;Ei-Muuta;Kotka;\n;Myyjän;Uusi${stamp};Kotka;myyjan.${stamp}@example.fi\n`,
      {},
      sales,
    );
    expect(answer.status).toBe(200);
    const rows = (await sales.gql(ROWS, { id: answer.id })).data.customerImportRows;
    expect(rows.map((r: { outcome: string; reason: string | null }) => [r.outcome, r.reason])).toEqual([
      ['REFUSED', 'NOT_PERMITTED'],
      ['NEW', null],
    ]);
  });

  it('a role without the right is refused every step, and sees no import', async () => {
    const { id } = await dryRun('etunimi;sukunimi\nSalainen;Lista\n');
    for (const username of ['marketing', 'admin']) {
      const client = await server.as(username);
      const started = await client.gql(START, { input: { fileName: 'x.csv', sourceKind: 'RESELLER', sourceName: 'Jälleenmyyjä' } });
      expect(codes(started)).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(PROGRESS, { id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(ROWS, { id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(APPLY, { id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`query { heldCustomerDuplicates { line } }`))).toEqual(['FORBIDDEN']);
      const upload = await put(client, `/imports/customers/${id}`, 'etunimi;sukunimi\nA;B\n');
      expect(upload.status).toBe(403);
    }
    // Another importer does not send someone else's file.
    const other = await buildUser(server.db, { roles: ['SERVICE'] });
    const client = server.client();
    await client.login(other.username, TEST_PASSWORD);
    expect(codes(await client.gql(APPLY, { id }))).toEqual(['NOT_FOUND']);
  });
});
