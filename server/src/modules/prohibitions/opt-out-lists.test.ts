import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppAbility } from '@rekisteri/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../errors';
import { actorWithRules, buildUser } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let listener: http.Server;
let marketing: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  listener = http.createServer(server.app).listen(0, '127.0.0.1');
  marketing = await server.as('marketing');
});
afterAll(async () => {
  await new Promise((resolve) => listener?.close(resolve));
  await server?.close();
});

const IMPORT = `mutation ($input: ImportOptOutListInput!) { importOptOutList(input: $input) { id name status rowCount skippedCount skipped { line reason field } list { id name validFrom rowCount } } }`;
const START = `mutation ($input: StartOptOutListImportInput!) { startOptOutListImport(input: $input) { id status uploadPath } }`;
const PROGRESS = `query ($id: UUID!) { optOutListImport(id: $id) { status processedBytes totalBytes rowsRead rowCount skippedCount error { code reason line } list { name rowCount } } }`;
const csv = (rows: string[]) => ['nimi;katuosoite;postinumero;puhelin', ...rows].join('\n');

/** A client's session cookie, as a browser sends it. */
const cookieOf = (client: TestClient) =>
  client
    .cookies()
    .map((c) => c.split(';')[0])
    .join('; ');

interface Answer {
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read by the assertions as the GraphQL ones are
  body: any;
}

/**
 * A PUT as the browser's fetch sends it: the body written chunk by chunk, with backpressure.
 * `beforeChunk` runs before each chunk is written (e.g. to look at the import half way).
 */
function put(
  path: string,
  chunks: Iterable<Buffer>,
  headers: Record<string, string | number>,
  beforeChunk?: (index: number) => Promise<void>,
): Promise<Answer> {
  const { port } = listener.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'PUT', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, contentType, body: contentType.includes('json') ? JSON.parse(text) : text });
      });
    });
    req.on('error', reject);
    void (async () => {
      let index = 0;
      for (const chunk of chunks) {
        await beforeChunk?.(index++);
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(reject);
  });
}

/** Starts an import as this client and uploads the file to it. */
async function upload(client: TestClient, name: string, file: Buffer, options: { validFrom?: string; query?: string; contentType?: string } = {}) {
  const started = await client.gql(START, { input: { name, validFrom: options.validFrom ?? '2026-01-01' } });
  expect(started.errors).toBeUndefined();
  const { id, uploadPath } = started.data.startOptOutListImport;
  const answer = await put(`${uploadPath}${options.query ?? ''}`, [file], {
    cookie: cookieOf(client),
    'content-type': options.contentType ?? 'text/csv',
    'content-length': file.length,
  });
  return { id, uploadPath, ...answer };
}

const entriesOf = (listName: string) =>
  server.db.query(
    `SELECT e.phone, e.name_key, e.street_key, e.postal_code FROM opt_out_entries e JOIN opt_out_lists l ON l.id = e.list_id WHERE l.name = $1 ORDER BY 1, 2`,
    [listName],
  );

/** A caller with exactly these rules (raw CASL rules), for rights no demo role has. */
const actorWith = async (rules: AppAbility['rules']) => actorWithRules(await buildUser(server.db), rules);

describe('importing an opt-out list (GraphQL, a small list as text)', () => {
  it('[P15] imports a named list; a newer one replaces it; an older one is refused', async () => {
    const first = await marketing.gql(IMPORT, {
      input: {
        name: 'ASML puhelin',
        validFrom: '2026-01-01',
        csv: csv(['Korhonen Aino;Mannerheimintie 5;00100;040 123 4567', 'Vain Nimi;;;', ';;;0501234567']),
      },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data.importOptOutList).toMatchObject({
      name: 'ASML puhelin',
      status: 'SUCCEEDED',
      rowCount: 2,
      skippedCount: 1,
      skipped: [{ line: 3, reason: 'INCOMPLETE', field: 'street' }],
      list: { name: 'ASML puhelin', validFrom: '2026-01-01', rowCount: 2 },
    });
    const [entry] = await server.db.query(`SELECT phone, name_key, street_key FROM opt_out_entries WHERE phone = '+358401234567'`);
    expect(entry).toEqual({ phone: '+358401234567', name_key: 'aino korhonen', street_key: 'mannerheimintie 5' });

    const newer = await marketing.gql(IMPORT, { input: { name: 'ASML puhelin', validFrom: '2026-06-01', csv: csv([';;;0409999999']) } });
    expect(newer.data.importOptOutList.rowCount).toBe(1);
    expect(await entriesOf('ASML puhelin')).toEqual([{ phone: '+358409999999', name_key: null, street_key: null, postal_code: null }]);
    const older = await marketing.gql(IMPORT, { input: { name: 'ASML puhelin', validFrom: '2025-01-01', csv: csv([';;;0401111111']) } });
    expect(older.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validFrom', reason: 'OLDER_THAN_IN_FORCE' });
  });

  it('[P15] a comma in a semicolon file is data: the street keeps it, the postal code and phone are their own', async () => {
    const result = await marketing.gql(IMPORT, {
      input: { name: 'Pilkku', validFrom: '2026-01-01', csv: csv(['Mäkinen Aino;Hämeenkatu 1, B 12;33100;']) },
    });
    expect(result.errors).toBeUndefined();
    expect(await entriesOf('Pilkku')).toEqual([{ phone: null, name_key: 'aino mäkinen', street_key: 'hämeenkatu 1, b 12', postal_code: '33100' }]);
  });

  it('[P15] invalid phones are reported by line and not stored', async () => {
    const result = await marketing.gql(IMPORT, {
      input: { name: 'Huonot numerot', validFrom: '2026-01-01', csv: 'phone\n0401234567\n123\n+358 40 12\n0501234567' },
    });
    expect(result.data.importOptOutList).toMatchObject({
      rowCount: 2,
      skippedCount: 2,
      skipped: [
        { line: 3, reason: 'INVALID_PHONE', field: 'phone' },
        { line: 4, reason: 'INVALID_PHONE', field: 'phone' },
      ],
    });
    expect((await entriesOf('Huonot numerot')).map((e: { phone: string }) => e.phone)).toEqual(['+358401234567', '+358501234567']);
    expect(await server.db.query(`SELECT 1 FROM opt_out_entries WHERE phone IN ('+358123', '+3584012')`)).toEqual([]);
  });

  it('refuses a CSV without the needed columns, and sales may not import', async () => {
    const bad = await marketing.gql(IMPORT, { input: { name: 'X', validFrom: '2026-01-01', csv: 'foo,bar\n1,2' } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv', reason: 'MISSING_COLUMNS' });
    const sales = await server.as('sales');
    expect(codes(await sales.gql(IMPORT, { input: { name: 'Y', validFrom: '2026-01-01', csv: csv([';;;0401234567']) } }))).toEqual(['FORBIDDEN']);
    expect(codes(await sales.gql(START, { input: { name: 'Y', validFrom: '2026-01-01' } }))).toEqual(['FORBIDDEN']);
  });

  it('[P15] an import is checked field by field against the table', async () => {
    const anyChannelOnly = await actorWith([{ action: 'create', subject: 'OptOutList', fields: ['name', 'validFrom', 'validUntil'] }]);
    const input = { name: 'Kanavalla', channel: 'PHONE', validFrom: '2026-01-01', csv: 'phone\n0401234567' } as never;
    let refused: unknown = null;
    await server.services.optOutLists.import(anyChannelOnly, input).catch((error) => (refused = isAppError(error) ? error.extensions : error));
    expect(refused).toEqual({ code: 'FORBIDDEN', field: 'channel' });
    expect(await server.db.query(`SELECT id FROM opt_out_lists WHERE name = 'Kanavalla'`)).toEqual([]);
  });

  it('normalises names and streets alike for matching', async () => {
    const [row] = await server.db.query(
      `SELECT rk_name_key('Korhonen, Aino') = rk_name_key('  aino   KORHONEN ') AS names, rk_street_key(' Mannerheimintie  5 ') AS street`,
    );
    expect(row).toEqual({ names: true, street: 'mannerheimintie 5' });
  });
});

describe('uploading an opt-out list file (PUT /imports/opt-out-lists/:id)', () => {
  it('[P15] a file is uploaded as text/csv and answered with the rows taken and the lines skipped, by number and reason', async () => {
    const file = Buffer.from(csv(['Aino Mäkinen;Kauppakatu 1;00100;040 123 4567', 'Pekka Virtanen;Rantatie 5 B;33100;', ';;;123', 'Liisa;;00100;']));
    const answer = await upload(marketing, 'Tiedostona', file);
    expect(answer.status).toBe(200);
    expect(answer.body.import).toMatchObject({
      status: 'SUCCEEDED',
      processedBytes: file.length,
      totalBytes: file.length,
      rowsRead: 4,
      rowCount: 2,
      skippedCount: 2,
      skipped: [
        { line: 4, reason: 'INVALID_PHONE', field: 'phone' },
        { line: 5, reason: 'INCOMPLETE', field: 'street' },
      ],
      list: { name: 'Tiedostona', rowCount: 2 },
    });
    expect(await entriesOf('Tiedostona')).toHaveLength(2);
    // The same answer stays readable through GraphQL, from any server process (it is in PostgreSQL).
    const progress = await marketing.gql(PROGRESS, { id: answer.id });
    expect(progress.data.optOutListImport).toMatchObject({ status: 'SUCCEEDED', rowCount: 2, skippedCount: 2, list: { name: 'Tiedostona' } });
    const [audit] = await server.db.query(`SELECT detail FROM audit_events WHERE action = 'OPT_OUT_LIST_IMPORTED' AND detail->>'name' = 'Tiedostona'`);
    expect(audit.detail).toMatchObject({ rows: 2, skipped: 2 });
  });

  it('[P15] refuses invalid UTF-8 with the line number, and reads Windows-1252 only when the request says so', async () => {
    const latin = Buffer.concat([
      Buffer.from('nimi;katuosoite;postinumero\nAino Virtanen;Kauppakatu 1;00100\n'),
      Buffer.from('M\xe4kinen Aino;Kyl\xe4tie 2;33100\n', 'latin1'),
    ]);
    const refused = await upload(marketing, 'Latin', latin);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'BAD_USER_INPUT', reason: 'INVALID_ENCODING', field: 'csv', line: 3, import: { status: 'FAILED' } });
    expect(await entriesOf('Latin')).toEqual([]);

    const read = await upload(marketing, 'Latin', latin, { query: '?encoding=windows-1252' });
    expect(read.status).toBe(200);
    expect((await entriesOf('Latin')).map((e: { name_key: string }) => e.name_key)).toEqual(['aino mäkinen', 'aino virtanen']);
    const byCharset = await upload(marketing, 'Latin 2', latin, { contentType: 'text/csv; charset=windows-1252' });
    expect(byCharset.body.import.rowCount).toBe(2);
    const unknown = await upload(marketing, 'Latin 3', latin, { query: '?encoding=latin-9' });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'BAD_USER_INPUT', field: 'encoding' } });
  });

  it('[P15] a failed import leaves the previous entries in force, and keeps nothing it had read', async () => {
    const first = await upload(marketing, 'Vaihtuva', Buffer.from(`phone\n0401234567\n0501234567\n`));
    expect(first.body.import.rowCount).toBe(2);
    // Six thousand good rows, staged (a batch is 5000) before the rest comes; then a line that is not UTF-8.
    const rows = Array.from({ length: 6000 }, (_, i) => `040${String(2_000_000 + i).padStart(7, '0')}`);
    const started = (await marketing.gql(START, { input: { name: 'Vaihtuva', validFrom: '2026-06-01' } })).data.startOptOutListImport;
    const parts = [Buffer.from(`phone\n${rows.join('\n')}\n`), Buffer.from([0x30, 0xff, 0x0a])];
    let staged = 0;
    const failed = await put(
      started.uploadPath,
      parts,
      { cookie: cookieOf(marketing), 'content-type': 'text/csv', 'content-length': parts[0].length + parts[1].length },
      async (index) => {
        while (index === 1 && staged === 0) {
          [{ staged }] = await server.db.query(`SELECT count(*)::int AS staged FROM opt_out_import_entries WHERE import_id = $1`, [started.id]);
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    );
    expect(staged).toBe(5000);
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({
      reason: 'INVALID_ENCODING',
      line: 6002,
      import: { status: 'FAILED', error: { reason: 'INVALID_ENCODING', line: 6002 } },
    });
    expect((await entriesOf('Vaihtuva')).map((e: { phone: string }) => e.phone)).toEqual(['+358401234567', '+358501234567']);
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM opt_out_import_entries WHERE import_id = $1`, [started.id]);
    expect(n).toBe(0);
    const [list] = await server.db.query(`SELECT to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", row_count FROM opt_out_lists WHERE name = 'Vaihtuva'`);
    expect(list).toEqual({ validFrom: '2026-01-01', row_count: 2 });
  });

  it('answers JSON with a code, never an HTML page: no session, no right, wrong type, not yours, sent twice', async () => {
    const started = (await marketing.gql(START, { input: { name: 'Ovella', validFrom: '2026-01-01' } })).data.startOptOutListImport;
    const body = Buffer.from('phone\n0401234567\n');
    const send = (headers: Record<string, string>, path = started.uploadPath) =>
      put(path, [body], { 'content-type': 'text/csv', 'content-length': String(body.length), ...headers });

    const noSession = await send({});
    expect(noSession).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    const sales = await server.as('sales');
    expect(await send({ cookie: cookieOf(sales) })).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
    const privacy = await server.as('privacy');
    expect(await send({ cookie: cookieOf(privacy) })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await send({ cookie: cookieOf(marketing), 'content-type': 'text/plain' })).toMatchObject({
      status: 415,
      body: { error: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(await send({ cookie: cookieOf(marketing) }, '/imports/opt-out-lists/not-an-id')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await send({ cookie: cookieOf(marketing) })).toMatchObject({ status: 200, body: { import: { status: 'SUCCEEDED', rowCount: 1 } } });
    expect(await send({ cookie: cookieOf(marketing) })).toMatchObject({ status: 409, body: { error: 'CONFLICT', reason: 'ALREADY_STARTED' } });
    // A file announced past the limit is refused before it is read.
    const big = (await marketing.gql(START, { input: { name: 'Liian suuri', validFrom: '2026-01-01' } })).data.startOptOutListImport;
    const tooLarge = await put(big.uploadPath, [body], {
      cookie: cookieOf(marketing),
      'content-type': 'text/csv',
      'content-length': String(300 * 1024 * 1024),
    });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'BAD_USER_INPUT', reason: 'TOO_LARGE', import: { status: 'FAILED' } } });
    expect(noSession.contentType).toMatch(/^application\/json/);
  });

  it('[P15] an older list is refused before its file is sent', async () => {
    await upload(marketing, 'Uusin', Buffer.from('phone\n0401234567\n'), { validFrom: '2026-05-01' });
    const older = await marketing.gql(START, { input: { name: 'Uusin', validFrom: '2026-01-01' } });
    expect(older.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validFrom', reason: 'OLDER_THAN_IN_FORCE' });
  });

  it('[P15] a 100,000-row file (about 5 MB) is streamed: read and staged while it is still being sent, counted exactly', async () => {
    const ROWS = 100_000;
    // As an addressed-mail register is: name and address on every row, a phone on some, a bad phone on a few.
    const line = (i: number) => {
      const phone = i % 1000 === 999 ? '12' : i % 10 === 0 ? `040${String(i).padStart(7, '0')}` : '';
      return `Etunimi${i} Sukunimi;Katuosoite ${i} A ${i % 100};${String(i % 100_000).padStart(5, '0')};${phone}\n`;
    };
    // The file is made as it is sent, in 64 KB chunks: the test never holds it whole either.
    const header = Buffer.from('nimi;katuosoite;postinumero;puhelin\n');
    let total = header.length;
    for (let i = 0; i < ROWS; i++) total += Buffer.byteLength(line(i));
    function* chunks() {
      yield header;
      let part: string[] = [];
      let size = 0;
      for (let i = 0; i < ROWS; i++) {
        const text = line(i);
        part.push(text);
        size += text.length;
        if (size >= 64 * 1024) {
          yield Buffer.from(part.join(''));
          part = [];
          size = 0;
        }
      }
      if (part.length) yield Buffer.from(part.join(''));
    }
    const chunkCount = [...chunks()].length;
    expect(total).toBeGreaterThan(4 * 1024 * 1024);

    const { id, uploadPath } = (await marketing.gql(START, { input: { name: 'Suuri lista', validFrom: '2026-01-01' } })).data.startOptOutListImport;
    let midway: { status: string; processed_bytes: string; rows_read: number; staged: number; in_force: number } | undefined;
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const started = performance.now();
    const answer = await put(uploadPath, chunks(), { cookie: cookieOf(marketing), 'content-type': 'text/csv', 'content-length': total }, async (index) => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      if (index !== Math.floor(chunkCount / 2)) return;
      // Half the file sent: wait until the server has read and staged some of it, before sending more.
      for (;;) {
        [midway] = await server.db.query(
          `SELECT status, processed_bytes, rows_read, (SELECT count(*)::int FROM opt_out_import_entries WHERE import_id = i.id) AS staged,
                  (SELECT count(*)::int FROM opt_out_lists WHERE name = 'Suuri lista') AS in_force
             FROM opt_out_list_imports i WHERE id = $1`,
          [id],
        );
        if (midway!.rows_read > 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const seconds = (performance.now() - started) / 1000;

    expect(answer.status).toBe(200);
    const invalid = ROWS / 1000;
    expect(answer.body.import).toMatchObject({
      status: 'SUCCEEDED',
      processedBytes: total,
      totalBytes: total,
      rowsRead: ROWS,
      rowCount: ROWS - invalid,
      skippedCount: invalid,
    });
    expect(answer.body.import.skipped[0]).toEqual({ line: 1001, reason: 'INVALID_PHONE', field: 'phone' });
    expect(midway).toMatchObject({ status: 'RUNNING', in_force: 0 });
    expect(Number(midway!.processed_bytes)).toBeLessThan(total);
    expect(midway!.staged).toBeGreaterThan(0);
    const [{ n }] = await server.db.query(
      `SELECT count(*)::int AS n FROM opt_out_entries e JOIN opt_out_lists l ON l.id = e.list_id WHERE l.name = 'Suuri lista'`,
    );
    expect(n).toBe(ROWS - invalid);
    console.info(
      `opt-out list upload: ${ROWS} rows, ${(total / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds)} rows/s; heap grew at most ${((heapPeak - heapBefore) / 1024 / 1024).toFixed(0)} MB`,
    );
  }, 120_000);
});
