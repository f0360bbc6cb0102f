import { createHash } from 'node:crypto';
import type { AppAbility } from '@rekisteri/schema';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../auth/actor';
import { ManualClock } from '../../clock';
import { isAppError } from '../../errors';
import { actorWithRules, buildCustomer, buildOrder, buildPartner, buildUser } from '../../test/factories';
import { readCsv } from '../../test/campaigns';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { ContactChannel } from '../prohibitions/prohibition.model';
import { CampaignPurpose, ExportFormat } from './campaign.model';

let server: TestServer;
let marketing: TestClient;
let service: TestClient;
/** Stands still at the real time, except where a test moves it. */
const clock = new ManualClock(new Date());
const CITY = 'Testikylä';
const ids: Record<string, string> = {};

/** A small town of customers, each one set up to fall foul of one rule. */
async function person(key: string, values: Record<string, unknown> = {}) {
  const row = {
    first_name: key,
    last_name: 'Kyläläinen',
    email: `${key.toLowerCase()}@example.fi`,
    phone: `+3584055500${String(Object.keys(ids).length).padStart(2, '0')}`,
    street: `Kylätie ${Object.keys(ids).length + 1}`,
    postal_code: '99990',
    city: CITY,
    ...values,
  };
  const columns = Object.keys(row);
  const [{ id }] = await server.db.query(
    `INSERT INTO customers (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  );
  ids[key] = id;
}

const prohibit = (id: string, kind: string, channel?: string) =>
  service.gql(`mutation ($c: UUID!, $i: ProhibitionInput!) { recordProhibition(customerId: $c, input: $i) { kind } }`, {
    c: ids[id] ?? id,
    i: { kind, channel, via: 'CUSTOMER_SERVICE' },
  });

const importOptOutList = async (input: Record<string, unknown>) => {
  const imported = await marketing.gql(`mutation ($i: ImportOptOutListInput!) { importOptOutList(input: $i) { rowCount } }`, { i: input });
  expect(imported.errors).toBeUndefined();
};

interface ReasonCount {
  reason: string;
  count: number | null;
  fewerThan: number | null;
}
interface Exclusion {
  customerId: string;
  reasons: string[];
  prohibitedKinds: string[] | null;
  optOutLists: string[] | null;
}
interface BuiltList {
  id: string;
  status: string;
  progress: number;
  includedCount: number;
  excludedCount: number;
  exclusionsByReason: ReasonCount[];
  members: { edges: Array<{ node: { customerId: string } }> };
  exclusions: { edges: Array<{ node: Exclusion }> };
}

/** Creates a campaign and builds its list, polling until the background job has settled. */
async function buildList(purpose: string, channel: string, segment: Record<string, unknown> = { cities: [CITY] }, client = marketing) {
  const created = await client.gql(`mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id status } }`, {
    i: { name: `${purpose} ${channel}`, purpose, channel, segment },
  });
  expect(created.errors).toBeUndefined();
  const build = await client.gql(`mutation ($c: UUID!) { buildTargetList(campaignId: $c) { id status } }`, { c: created.data.createCampaign.id });
  expect(build.errors).toBeUndefined();
  const id = build.data.buildTargetList.id;
  await vi.waitFor(
    async () => {
      const list = (await client.gql(`query ($id: UUID!) { targetList(id: $id) { status } }`, { id })).data.targetList;
      expect(['BUILT', 'FAILED']).toContain(list.status);
    },
    { timeout: 30_000, interval: 50 },
  );
  const result = await client.gql<{ targetList: BuiltList }>(
    `query ($id: UUID!) { targetList(id: $id) { id status progress includedCount excludedCount exclusionsByReason { reason count fewerThan }
       members(first: 200) { edges { node { customerId } } }
       exclusions(first: 200) { edges { node { customerId reasons prohibitedKinds optOutLists } } } } }`,
    { id },
  );
  expect(result.errors).toBeUndefined();
  const list = result.data!.targetList;
  expect(list.status).toBe('BUILT');
  const name = (id: string) => Object.keys(ids).find((k) => ids[k] === id) ?? id;
  return {
    id: list.id,
    list,
    members: list.members.edges.map((e) => name(e.node.customerId)).sort(),
    reasons: Object.fromEntries(list.exclusions.edges.map((e) => [name(e.node.customerId), [...e.node.reasons].sort()])),
    exclusions: list.exclusions.edges.map((e) => e.node),
  };
}

/** A caller with exactly these rules (raw CASL rules), for rights no demo role has. */
const actorWith = async (rules: AppAbility['rules']): Promise<Actor> => actorWithRules(await buildUser(server.db), rules);

/** Every field of a customer but the ones named. */
const CUSTOMER_FIELDS = ['id', 'customerNumber', 'firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'country', 'language'];
const except = (...fields: string[]) => CUSTOMER_FIELDS.filter((f) => !fields.includes(f));

/** The code and field of what a service call threw. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, field: error.extensions.field };
    throw error;
  }
  return null;
}

const exportRows = async () => (await server.db.query(`SELECT count(*)::int AS n FROM target_list_exports`))[0].n as number;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
  marketing = await server.as('marketing');
  service = await server.as('service');
  await person('Eligible');
  await person('Prohibited');
  await person('DistanceOnly');
  await person('EmailOnlyNo');
  await person('NoLists');
  await person('NoEmail', { email: null });
  await person('Twin', { email: 'eligible@example.fi' });
  await person('Restricted', { restricted: true });
  await person('Erasing', { pending_erasure: true });
  await person('Anonymous', { anonymised_at: new Date() });
  await person('OptedOut', { phone: '+358401234567' });
  await prohibit('Prohibited', 'DIRECT_MARKETING');
  await prohibit('DistanceOnly', 'DISTANCE_SELLING');
  await prohibit('EmailOnlyNo', 'DIRECT_MARKETING', 'EMAIL');
  await prohibit('NoLists', 'LIST_PUBLICATION');
  await importOptOutList({
    name: 'Puhelinmarkkinoinnin estolista',
    channel: 'PHONE',
    validFrom: '2020-01-01',
    csv: 'name,street,postal_code,phone\n,,,040 123 4567',
  });
});
afterAll(() => server?.close());

describe('building a target list', () => {
  it('[P15][P5] an email newsletter keeps off who forbade direct marketing or lists, with every reason recorded', async () => {
    const { members, reasons, list } = await buildList('DIRECT_MARKETING', 'EMAIL');
    expect(members).toEqual(['DistanceOnly', 'Eligible', 'OptedOut']);
    expect(reasons).toEqual({
      Prohibited: ['PROHIBITED'],
      EmailOnlyNo: ['PROHIBITED'],
      NoLists: ['LIST_PUBLICATION'],
      NoEmail: ['NO_CONTACT_FOR_CHANNEL'],
      Twin: ['DUPLICATE_CONTACT'],
      Restricted: ['RESTRICTED'],
      Erasing: ['PENDING_ERASURE'],
      Anonymous: ['ANONYMISED'],
    });
    expect(list.includedCount).toBe(3);
    expect(list.excludedCount).toBe(8);
    expect(list.progress).toBe(100);
    // Each reason here covers fewer than 5 people: told only as "fewer than 5".
    const reasonsTold = list.exclusionsByReason.map((r) => r.reason).sort();
    expect(reasonsTold).toEqual([
      'ANONYMISED',
      'DUPLICATE_CONTACT',
      'LIST_PUBLICATION',
      'NO_CONTACT_FOR_CHANNEL',
      'PENDING_ERASURE',
      'PROHIBITED',
      'RESTRICTED',
    ]);
    for (const r of list.exclusionsByReason) expect(r, r.reason).toMatchObject({ count: null, fewerThan: 5 });
  });

  it('[P15] a DISTANCE_SELLING prohibition keeps a person off a PHONE campaign, and an opt-out list keeps its people off too', async () => {
    const { reasons, exclusions } = await buildList('DIRECT_MARKETING', 'PHONE');
    expect(reasons.DistanceOnly).toEqual(['PROHIBITED']);
    expect(reasons.Prohibited).toEqual(['PROHIBITED']);
    expect(reasons.EmailOnlyNo).toBeUndefined(); // scoped to EMAIL only
    expect(reasons.OptedOut).toEqual(['EXTERNAL_OPT_OUT']);
    const optedOut = exclusions.find((e) => e.customerId === ids.OptedOut);
    expect(optedOut?.optOutLists).toEqual(['Puhelinmarkkinoinnin estolista']);
    const distance = exclusions.find((e) => e.customerId === ids.DistanceOnly);
    expect(distance?.prohibitedKinds).toEqual(['DISTANCE_SELLING']);
  });

  it('[P5] a POST campaign keeps off who forbade publication in lists; an EMAIL-only prohibition does not apply to post', async () => {
    const { reasons, members } = await buildList('DIRECT_MARKETING', 'POST');
    expect(reasons.NoLists).toEqual(['LIST_PUBLICATION']);
    expect(members).toContain('EmailOnlyNo');
    expect(members).toContain('OptedOut'); // the opt-out list covers the phone only
  });

  it('[P15] research honours research prohibitions only', async () => {
    await prohibit('Eligible', 'MARKET_AND_OPINION_RESEARCH', 'SMS');
    const { reasons, members } = await buildList('MARKET_AND_OPINION_RESEARCH', 'EMAIL');
    expect(members).toContain('Prohibited');
    expect(members).toContain('Eligible'); // scoped to SMS
    expect(reasons.Prohibited).toBeUndefined();
  });

  it('[P3] an empty segment means every customer', async () => {
    const { list } = await buildList('DIRECT_MARKETING', 'EMAIL', {});
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM customers`);
    expect(list.includedCount + list.excludedCount).toBe(n);
  });

  it('[P2] counts by reason are exact from 5 up, and only "fewer than 5" below', async () => {
    const town = `Pikkukylä ${Date.now()}`;
    for (let i = 0; i < 5; i++) await buildCustomer(server.db, { city: town, email: null });
    await buildCustomer(server.db, { city: town, restricted: true });
    const { list } = await buildList('DIRECT_MARKETING', 'EMAIL', { cities: [town] });
    const byReason = Object.fromEntries(list.exclusionsByReason.map((r) => [r.reason, { count: r.count, fewerThan: r.fewerThan }]));
    expect(byReason).toEqual({ NO_CONTACT_FOR_CHANNEL: { count: 5, fewerThan: null }, RESTRICTED: { count: null, fewerThan: 5 } });
  });

  it("[P15] opt-out lists are in force by the company's calendar and the server clock, not the database's current_date", async () => {
    // 22:30 UTC on 14 March: in Helsinki it is already 00:30 on the 15th.
    clock.set('2030-03-14T22:30:00Z');
    try {
      const town = `Keskiyö ${Date.now()}`;
      const startsToday = await buildCustomer(server.db, { city: town });
      const endedYesterday = await buildCustomer(server.db, { city: town });
      const orderedTenDaysAgo = await buildCustomer(server.db, { city: town });
      const orderedTwoDaysAgo = await buildCustomer(server.db, { city: town });
      await buildOrder(server.db, { customer: orderedTenDaysAgo, orderedAt: new Date('2030-03-04T12:00:00Z') });
      await buildOrder(server.db, { customer: orderedTwoDaysAgo, orderedAt: new Date('2030-03-12T12:00:00Z') });
      await importOptOutList({ name: `Alkaa 15.3. ${town}`, channel: 'PHONE', validFrom: '2030-03-15', csv: `phone\n${startsToday.phone}` });
      await importOptOutList({
        name: `Päättyi 14.3. ${town}`,
        channel: 'PHONE',
        validFrom: '2030-01-01',
        validUntil: '2030-03-14',
        csv: `phone\n${endedYesterday.phone}`,
      });

      const { members, reasons } = await buildList('DIRECT_MARKETING', 'PHONE', { cities: [town], noOrderForDays: 5 });
      expect(reasons[startsToday.id]).toEqual(['EXTERNAL_OPT_OUT']);
      expect(members).toContain(endedYesterday.id);
      // "No order for 5 days" counts back from the clock: ten days ago is in, two days ago is out.
      expect(members).toContain(orderedTenDaysAgo.id);
      expect([...members, ...Object.keys(reasons)]).not.toContain(orderedTwoDaysAgo.id);
    } finally {
      clock.set(new Date());
    }
  });
});

describe('segments', () => {
  const estimate = async (segment: Record<string, unknown>) => {
    const result = await marketing.gql(`query ($s: SegmentInput!) { estimateSegment(segment: $s) { count fewerThan } }`, { s: segment });
    expect(result.errors).toBeUndefined();
    return result.data.estimateSegment as { count: number | null; fewerThan: number | null };
  };
  /** An exact count the test expects to be at least 5, as the estimate tells it. */
  const told = (n: number) => (n < 5 ? { count: null, fewerThan: 5 } : { count: n, fewerThan: null });

  it('[P3] estimates a segment live, order history included, without marketing reading any order', async () => {
    expect(await estimate({ cities: [CITY.toUpperCase()] })).toEqual(told(Object.keys(ids).length));
    const [{ n }] = await server.db.query(
      `SELECT count(DISTINCT o.customer_id)::int AS n FROM orders o WHERE o.status <> 'CANCELLED' AND o.ordered_at >= $1::timestamptz - interval '365 days'`,
      [clock.now()],
    );
    expect(await estimate({ orderedWithinDays: 365 })).toEqual(told(n));
    const [{ spenders }] = await server.db.query(
      `SELECT count(*)::int AS spenders FROM (SELECT customer_id FROM orders WHERE status <> 'CANCELLED' GROUP BY 1 HAVING sum(gross_cents) >= 10000) s`,
    );
    expect(await estimate({ minTotalSpendCents: 10000 })).toEqual(told(spenders));
    const [{ sku }] = await server.db.query(
      `SELECT count(DISTINCT o.customer_id)::int AS sku FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.sku = 'MUK-01' AND o.status <> 'CANCELLED'`,
    );
    expect(await estimate({ orderedSku: 'MUK-01' })).toEqual(told(sku));
    expect((await estimate({ noOrderForDays: 30, hasOrganisation: false, languages: ['fi'] })).count).toBeGreaterThan(0);
  });

  it('[P2] narrowing a segment to a few people tells "fewer than 5", never the number or the top spender\'s total', async () => {
    const topSpender = await buildCustomer(server.db);
    await buildOrder(server.db, { customer: topSpender, unitPriceCents: 1_000_000_000 }); // 1 255 000 000 cents with VAT
    // Halving the threshold from the top: every answer below 5 is the same, so no total can be found by bisection.
    for (const threshold of [2_000_000_000, 1_255_000_000, 1_000_000_000, 1_200_000_000, 1_254_999_999]) {
      expect(await estimate({ minTotalSpendCents: threshold }), String(threshold)).toEqual({ count: null, fewerThan: 5 });
    }
  });

  it('[P4] the estimate counts only the customers the caller may see', async () => {
    const town = `Rajakylä ${Date.now()}`;
    const firm = await buildPartner(server.db);
    for (let i = 0; i < 6; i++) await buildCustomer(server.db, { city: town, partner: firm });
    for (let i = 0; i < 6; i++) await buildCustomer(server.db, { city: town });
    const ownFirmOnly = await actorWith([
      { action: 'read', subject: 'Campaign' },
      { action: 'read', subject: 'Customer', fields: CUSTOMER_FIELDS, conditions: { partnerId: firm.id } },
    ]);
    expect(await server.services.campaigns.estimate(ownFirmOnly, { cities: [town] })).toEqual({ count: 6, fewerThan: null });
    expect(await estimate({ cities: [town] })).toEqual({ count: 12, fewerThan: null });
  });

  it('[P3] a bad segment answers BAD_USER_INPUT and creates nothing', async () => {
    const [{ n: before }] = await server.db.query(`SELECT count(*)::int AS n FROM campaigns`);
    const negative = await marketing.gql(
      `mutation { createCampaign(input: { name: "X", purpose: DIRECT_MARKETING, channel: EMAIL, segment: { noOrderForDays: -5 } }) { id } }`,
    );
    expect(negative.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segment.noOrderForDays' });
    const unknown = await marketing.gql(`mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
      i: { name: 'X', purpose: 'DIRECT_MARKETING', channel: 'EMAIL', segment: { shoeSize: 42 } },
    });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].message).toMatch(/shoeSize/);
    const prefix = await marketing.gql(`query { estimateSegment(segment: { postalCodePrefixes: ["00%"] }) { count } }`);
    const tooMany = await marketing.gql(`query { estimateSegment(segment: { noOrderForDays: 0 }) { count } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segment.noOrderForDays' });
    expect(prefix.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segment.postalCodePrefixes' });
    const [{ n: after }] = await server.db.query(`SELECT count(*)::int AS n FROM campaigns`);
    expect(after).toBe(before);
  });
});

describe('exporting', () => {
  const EXPORT = `mutation ($id: UUID!, $f: ExportFormat!) {
    exportTargetList(id: $id, format: $f, language: EN) { content url rowCount droppedCount { count fewerThan } droppedByReason { reason count fewerThan } sha256 } }`;

  it('[P15] whoever says no between build and export is not exported; the file carries only the email and name', async () => {
    const built = await buildList('DIRECT_MARKETING', 'EMAIL');
    expect(built.members).toContain('DistanceOnly');
    await prohibit('DistanceOnly', 'DIRECT_MARKETING', 'EMAIL');
    const result = await marketing.gql(EXPORT, { id: built.id, f: 'CSV' });
    expect(result.errors).toBeUndefined();
    const file = result.data.exportTargetList;
    // One person dropped: the summary says only "fewer than 5".
    expect(file.droppedCount).toEqual({ count: null, fewerThan: 5 });
    expect(file.droppedByReason).toEqual([{ reason: 'PROHIBITED', count: null, fewerThan: 5 }]);
    expect(file.rowCount).toBe(built.members.length - 1);
    const lines = readCsv(file.content, ',');
    expect(lines[0]).toEqual(['Customer number', 'First name', 'Last name', 'Email']);
    expect(lines).toHaveLength(file.rowCount + 1);
    expect(file.content).not.toContain('distanceonly@example.fi');
    expect(file.content).not.toContain('+358');
    expect(createHash('sha256').update(file.content).digest('hex')).toBe(file.sha256);
    const [event] = await server.db.query(`SELECT actor_username, detail FROM audit_events WHERE action = 'TARGET_LIST_EXPORTED' ORDER BY id DESC LIMIT 1`);
    expect(event).toMatchObject({ actor_username: 'marketing', detail: { rowCount: file.rowCount, droppedCount: 1, sha256: file.sha256 } });
  });

  it('[P2] an export summary is exact from 5 dropped up', async () => {
    const town = `Kiltakylä ${Date.now()}`;
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await buildCustomer(server.db, { city: town }));
    const built = await buildList('DIRECT_MARKETING', 'EMAIL', { cities: [town] });
    expect(built.members).toHaveLength(6);
    for (const p of people.slice(0, 5)) await prohibit(p.id, 'DIRECT_MARKETING');
    const file = (await marketing.gql(EXPORT, { id: built.id, f: 'CSV' })).data.exportTargetList;
    expect(file.rowCount).toBe(1);
    expect(file.droppedCount).toEqual({ count: 5, fewerThan: null });
    expect(file.droppedByReason).toEqual([{ reason: 'PROHIBITED', count: 5, fewerThan: null }]);
  });

  it('[P3] marketing may never read a phone, so it gets no PHONE or SMS file', async () => {
    for (const channel of ['PHONE', 'SMS']) {
      const built = await buildList('DIRECT_MARKETING', channel);
      const before = await exportRows();
      const result = await marketing.gql(EXPORT, { id: built.id, f: 'CSV' });
      expect(result.errors![0].extensions, channel).toMatchObject({ code: 'FORBIDDEN', field: 'phone' });
      expect(result.errors![0].message).toMatch(/phone/);
      expect(result.data).toBeNull();
      expect(await exportRows()).toBe(before);
    }
  });

  it("[P3] every column of a file must be readable by its exporter: names and the channel's contact point", async () => {
    const files: Array<[channel: string, format: ExportFormat, header: string, fields: string[]]> = [
      ['EMAIL', ExportFormat.CSV, 'Asiakasnumero;Etunimi;Sukunimi;Sähköposti', ['customerNumber', 'firstName', 'lastName', 'email']],
      ['PHONE', ExportFormat.CSV, 'Asiakasnumero;Etunimi;Sukunimi;Puhelin', ['customerNumber', 'firstName', 'lastName', 'phone']],
      ['SMS', ExportFormat.CSV, 'Asiakasnumero;Etunimi;Sukunimi;Puhelin', ['customerNumber', 'firstName', 'lastName', 'phone']],
      [
        'POST',
        ExportFormat.CSV,
        'Asiakasnumero;Etunimi;Sukunimi;Katuosoite;Postinumero;Postitoimipaikka;Maa',
        ['customerNumber', 'firstName', 'lastName', 'street', 'postalCode', 'city', 'country'],
      ],
      ['POST', ExportFormat.LABELS_PDF, '%PDF-', ['firstName', 'lastName', 'street', 'postalCode', 'city', 'country']],
    ];
    const exporter = (readable: string[]) =>
      actorWith([
        { action: 'export', subject: 'TargetList' },
        { action: 'read', subject: 'TargetList' },
        { action: 'read', subject: 'Customer', fields: readable },
      ]);
    const lists = new Map<string, string>();
    for (const [channel, format, header, fields] of files) {
      const list = lists.get(channel) ?? (await buildList('DIRECT_MARKETING', channel)).id;
      lists.set(channel, list);
      for (const field of fields) {
        const before = await exportRows();
        expect(await refusal(server.services.targetListExports.export(await exporter(except(field)), list, format)), `${channel} ${format} ${field}`).toEqual({
          code: 'FORBIDDEN',
          field,
        });
        expect(await exportRows()).toBe(before);
      }
      const file = await server.services.targetListExports.export(await exporter(fields), list, format);
      // The default language of a file made in the service is Finnish.
      if (format === ExportFormat.CSV) expect(readCsv(file.content!, ';')[0].join(';')).toBe(header);
      else expect(file.content).toBeNull();
    }
  });

  it('[P3] the download of a file goes through the same gate: marketing cannot fetch a PHONE file someone else made', async () => {
    const built = await buildList('DIRECT_MARKETING', 'PHONE');
    const both = await buildUser(server.db, { roles: ['MARKETING', 'SERVICE'] });
    const phoneReader = server.client();
    expect((await phoneReader.login(both.username)).errors).toBeUndefined();
    const result = await phoneReader.gql(EXPORT, { id: built.id, f: 'CSV' });
    expect(result.errors).toBeUndefined();
    const file = result.data.exportTargetList;
    expect(readCsv(file.content, ',')[0]).toEqual(['Customer number', 'First name', 'Last name', 'Phone']);
    expect(file.content).toContain("'+358");
    const cookie = (client: TestClient) => client.cookies()[0].split(';')[0];
    expect((await request(server.app).get(file.url).set('Cookie', cookie(phoneReader))).status).toBe(200);
    const refused = await request(server.app).get(file.url).set('Cookie', cookie(marketing));
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('+358');
    expect((await request(server.app).get('/exports/not-an-id').set('Cookie', cookie(marketing))).status).toBe(404);
  });

  it('[P5] prints mailing labels as a PDF for a POST campaign, downloadable only with the right to export', async () => {
    const built = await buildList('DIRECT_MARKETING', 'POST');
    const result = await marketing.gql(`mutation ($id: UUID!) { exportTargetList(id: $id, format: LABELS_PDF) { url rowCount content } }`, { id: built.id });
    expect(result.errors).toBeUndefined();
    expect(result.data.exportTargetList.content).toBeNull();
    const cookie = marketing.cookies()[0].split(';')[0];
    const download = await request(server.app).get(result.data.exportTargetList.url).set('Cookie', cookie).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await request(server.app).get(result.data.exportTargetList.url)).status).toBe(401);
    const sales = await server.as('sales');
    const refused = await request(server.app).get(result.data.exportTargetList.url).set('Cookie', sales.cookies()[0].split(';')[0]);
    expect(refused.status).toBe(403);
  });
});

describe('archiving', () => {
  it('[P3] an archived campaign is kept and not built again', async () => {
    const created = await marketing.gql(`mutation { createCampaign(input: { name: "Vanha", purpose: DIRECT_MARKETING, channel: EMAIL }) { id } }`);
    const id = created.data.createCampaign.id;
    expect((await marketing.gql(`mutation ($id: UUID!) { archiveCampaign(id: $id) { status } }`, { id })).data.archiveCampaign.status).toBe('ARCHIVED');
    const build = await marketing.gql(`mutation ($id: UUID!) { buildTargetList(campaignId: $id) { id } }`, { id });
    expect(build.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaignId' });
    const privacy = await server.as('privacy');
    expect(codes(await privacy.gql(`mutation ($id: UUID!) { archiveCampaign(id: $id) { status } }`, { id }))).toEqual(['FORBIDDEN']);
  });
});

describe('permissions', () => {
  it('[P3] marketing builds and exports; privacy officers and admins read; others have no access', async () => {
    const built = await buildList('DIRECT_MARKETING', 'EMAIL');
    for (const username of ['privacy', 'admin']) {
      const client = await server.as(username);
      const read = await client.gql(`query ($id: UUID!) { targetList(id: $id) { includedCount } }`, { id: built.id });
      expect(read.errors, username).toBeUndefined();
      expect(codes(await client.gql(`mutation ($id: UUID!) { exportTargetList(id: $id, format: CSV) { rowCount } }`, { id: built.id }))).toEqual(['FORBIDDEN']);
    }
    for (const username of ['sales', 'service', 'partner']) {
      const client = await server.as(username);
      expect(codes(await client.gql(`{ campaigns { id } }`)), username).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`query ($id: UUID!) { targetList(id: $id) { includedCount } }`, { id: built.id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`mutation { createCampaign(input: { name: "x", purpose: DIRECT_MARKETING, channel: EMAIL }) { id } }`))).toEqual([
        'FORBIDDEN',
      ]);
    }
  });

  it('[P3] creating and archiving check every field they set against the table; one refused field changes nothing', async () => {
    const noSegment = await actorWith([
      { action: 'read', subject: 'Campaign' },
      { action: 'create', subject: 'Campaign', fields: ['name', 'purpose', 'channel'] },
      { action: 'update', subject: 'Campaign', fields: ['name'] },
    ]);
    const [{ n: before }] = await server.db.query(`SELECT count(*)::int AS n FROM campaigns`);
    const create = server.services.campaigns.create(noSegment, {
      name: 'Ilman segmenttiä',
      purpose: CampaignPurpose.DIRECT_MARKETING,
      channel: ContactChannel.EMAIL,
    });
    expect(await refusal(create)).toEqual({ code: 'FORBIDDEN', field: 'segment' });
    const [{ n: after }] = await server.db.query(`SELECT count(*)::int AS n FROM campaigns`);
    expect(after).toBe(before);

    const made = await marketing.gql(`mutation { createCampaign(input: { name: "Arkistoimaton", purpose: DIRECT_MARKETING, channel: EMAIL }) { id } }`);
    const id = made.data.createCampaign.id;
    expect(await refusal(server.services.campaigns.archive(noSegment, id))).toEqual({ code: 'FORBIDDEN', field: 'status' });
    expect((await server.db.query(`SELECT status, version FROM campaigns WHERE id = $1`, [id]))[0]).toEqual({ status: 'DRAFT', version: 1 });
  });

  it("[P3] a list's members and exclusions need the right to read entries", async () => {
    const built = await buildList('DIRECT_MARKETING', 'EMAIL');
    const listsOnly = await actorWith([{ action: 'read', subject: 'TargetList' }]);
    expect(await refusal(server.services.campaigns.entries(listsOnly, 'members', built.id, 10, null))).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await refusal(server.services.campaigns.entries(listsOnly, 'exclusions', built.id, 10, null))).toEqual({ code: 'FORBIDDEN', field: undefined });
  });

  it('a malformed id is bad input, never a server error', async () => {
    for (const query of [
      `{ campaign(id: "------------------------------------") { id } }`,
      `{ targetList(id: "nope") { id } }`,
      `mutation { buildTargetList(campaignId: "1") { id } }`,
      `mutation { archiveCampaign(id: "x") { id } }`,
      `mutation { exportTargetList(id: "x", format: CSV) { rowCount } }`,
    ]) {
      expect(codes(await marketing.gql(query)), query).toEqual(['BAD_USER_INPUT']);
    }
  });
});
