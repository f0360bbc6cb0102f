import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let marketing: TestClient;
let service: TestClient;
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

const prohibit = (key: string, kind: string, channel?: string) =>
  service.gql(`mutation ($c: ID!, $i: ProhibitionInput!) { recordProhibition(customerId: $c, input: $i) { kind } }`, {
    c: ids[key],
    i: { kind, channel, via: 'CUSTOMER_SERVICE' },
  });

async function buildList(purpose: string, channel: string, segment: Record<string, unknown> = { cities: [CITY] }) {
  const created = await marketing.gql(`mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id status } }`, {
    i: { name: `${purpose} ${channel}`, purpose, channel, segment },
  });
  expect(created.errors).toBeUndefined();
  const build = await marketing.gql(`mutation ($c: ID!) { buildTargetList(campaignId: $c) { id status } }`, { c: created.data.createCampaign.id });
  expect(build.errors).toBeUndefined();
  const id = build.data.buildTargetList.id;
  for (let i = 0; i < 200; i++) {
    const list = (await marketing.gql(`query ($id: ID!) { targetList(id: $id) { status progress } }`, { id })).data.targetList;
    if (list.status === 'BUILT' || list.status === 'FAILED') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const result = await marketing.gql(
    `query ($id: ID!) { targetList(id: $id) { id status progress includedCount excludedCount exclusionsByReason { reason count }
       members(first: 200) { edges { node { customerId } } }
       exclusions(first: 200) { edges { node { customerId reasons prohibitedKinds optOutLists } } } } }`,
    { id },
  );
  expect(result.errors).toBeUndefined();
  const list = result.data.targetList;
  expect(list.status).toBe('BUILT');
  const name = (id: string) => Object.keys(ids).find((k) => ids[k] === id)!;
  return {
    id: list.id as string,
    list,
    members: list.members.edges.map((e: any) => name(e.node.customerId)).sort() as string[],
    reasons: Object.fromEntries(list.exclusions.edges.map((e: any) => [name(e.node.customerId), e.node.reasons.sort()])) as Record<string, string[]>,
    exclusions: list.exclusions.edges.map((e: any) => e.node),
  };
}

beforeAll(async () => {
  server = await startTestServer();
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
  const imported = await marketing.gql(
    `mutation ($i: ImportOptOutListInput!) { importOptOutList(input: $i) { rowCount } }`,
    { i: { name: 'Puhelinmarkkinoinnin estolista', channel: 'PHONE', validFrom: '2020-01-01', csv: 'name,street,postal_code,phone\n,,,040 123 4567' } },
  );
  expect(imported.errors).toBeUndefined();
});
afterAll(() => server?.close());

describe('building a target list', () => {
  it('[P15] an email newsletter keeps off who forbade direct marketing, with every reason recorded', async () => {
    const { members, reasons, list } = await buildList('DIRECT_MARKETING', 'EMAIL');
    expect(members).toEqual(['DistanceOnly', 'Eligible', 'NoLists', 'OptedOut']);
    expect(reasons).toEqual({
      Prohibited: ['PROHIBITED'],
      EmailOnlyNo: ['PROHIBITED'],
      NoEmail: ['NO_CONTACT_FOR_CHANNEL'],
      Twin: ['DUPLICATE_CONTACT'],
      Restricted: ['RESTRICTED'],
      Erasing: ['PENDING_ERASURE'],
      Anonymous: ['ANONYMISED'],
    });
    expect(list.includedCount).toBe(4);
    expect(list.excludedCount).toBe(7);
    expect(list.progress).toBe(100);
    const byReason = Object.fromEntries(list.exclusionsByReason.map((r: any) => [r.reason, r.count]));
    expect(byReason).toMatchObject({ PROHIBITED: 2, NO_CONTACT_FOR_CHANNEL: 1, DUPLICATE_CONTACT: 1, RESTRICTED: 1, PENDING_ERASURE: 1, ANONYMISED: 1 });
  });

  it('[P15] a DISTANCE_SELLING prohibition keeps a person off a PHONE campaign, and an opt-out list keeps its people off too', async () => {
    const { reasons, exclusions } = await buildList('DIRECT_MARKETING', 'PHONE');
    expect(reasons.DistanceOnly).toEqual(['PROHIBITED']);
    expect(reasons.Prohibited).toEqual(['PROHIBITED']);
    expect(reasons.EmailOnlyNo).toBeUndefined(); // scoped to EMAIL only
    expect(reasons.OptedOut).toEqual(['EXTERNAL_OPT_OUT']);
    const optedOut = exclusions.find((e: any) => e.customerId === ids.OptedOut);
    expect(optedOut.optOutLists).toEqual(['Puhelinmarkkinoinnin estolista']);
    const distance = exclusions.find((e: any) => e.customerId === ids.DistanceOnly);
    expect(distance.prohibitedKinds).toEqual(['DISTANCE_SELLING']);
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
});

describe('segments', () => {
  it('[P3] estimates a segment live, order history included, without marketing reading any order', async () => {
    const estimate = async (segment: Record<string, unknown>) => {
      const result = await marketing.gql(`query ($s: SegmentInput!) { estimateSegment(segment: $s) { matching } }`, { s: segment });
      expect(result.errors).toBeUndefined();
      return result.data.estimateSegment.matching;
    };
    expect(await estimate({ cities: [CITY.toUpperCase()] })).toBe(Object.keys(ids).length);
    const [{ n }] = await server.db.query(
      `SELECT count(DISTINCT o.customer_id)::int AS n FROM orders o WHERE o.status <> 'CANCELLED' AND o.ordered_at >= now() - interval '365 days'`,
    );
    expect(await estimate({ orderedWithinDays: 365 })).toBe(n);
    const [{ spenders }] = await server.db.query(
      `SELECT count(*)::int AS spenders FROM (SELECT customer_id FROM orders WHERE status <> 'CANCELLED' GROUP BY 1 HAVING sum(gross_cents) >= 10000) s`,
    );
    expect(await estimate({ minTotalSpendCents: 10000 })).toBe(spenders);
    const [{ sku }] = await server.db.query(`SELECT count(DISTINCT o.customer_id)::int AS sku FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.sku = 'MUK-01' AND o.status <> 'CANCELLED'`);
    expect(await estimate({ orderedSku: 'MUK-01' })).toBe(sku);
    expect(await estimate({ noOrderForDays: 30, hasOrganisation: false, languages: ['fi'] })).toBeGreaterThan(0);
  });

  it('[P3] a bad segment answers BAD_USER_INPUT and creates nothing', async () => {
    const [{ n: before }] = await server.db.query(`SELECT count(*)::int AS n FROM campaigns`);
    const negative = await marketing.gql(`mutation { createCampaign(input: { name: "X", purpose: DIRECT_MARKETING, channel: EMAIL, segment: { noOrderForDays: -5 } }) { id } }`);
    expect(negative.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segment.noOrderForDays' });
    const unknown = await marketing.gql(`mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
      i: { name: 'X', purpose: 'DIRECT_MARKETING', channel: 'EMAIL', segment: { shoeSize: 42 } },
    });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].message).toMatch(/shoeSize/);
    const prefix = await marketing.gql(`query { estimateSegment(segment: { postalCodePrefixes: ["00%"] }) { matching } }`);
    const tooMany = await marketing.gql(`query { estimateSegment(segment: { noOrderForDays: 0 }) { matching } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segment.noOrderForDays' });
    expect(prefix.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'segment.postalCodePrefixes' });
    const [{ n: after }] = await server.db.query(`SELECT count(*)::int AS n FROM campaigns`);
    expect(after).toBe(before);
  });
});

describe('exporting', () => {
  it('[P15] whoever says no between build and export is not exported; the file carries only the email and name', async () => {
    const built = await buildList('DIRECT_MARKETING', 'EMAIL');
    expect(built.members).toContain('NoLists');
    await prohibit('NoLists', 'PROFILING');
    const result = await marketing.gql(
      `mutation ($id: ID!) { exportTargetList(id: $id, format: CSV) { content url rowCount droppedCount droppedByReason { reason count } sha256 } }`,
      { id: built.id },
    );
    expect(result.errors).toBeUndefined();
    const file = result.data.exportTargetList;
    expect(file.droppedCount).toBe(1);
    expect(file.droppedByReason).toEqual([{ reason: 'PROHIBITED', count: 1 }]);
    expect(file.rowCount).toBe(built.members.length - 1);
    const lines = file.content.trim().split('\n');
    expect(lines[0]).toBe('customer_number,first_name,last_name,email');
    expect(lines).toHaveLength(file.rowCount + 1);
    expect(file.content).not.toContain('nolists@example.fi');
    expect(file.content).not.toContain('+358');
    expect(createHash('sha256').update(file.content).digest('hex')).toBe(file.sha256);
    const [event] = await server.db.query(`SELECT actor_username, detail FROM audit_events WHERE action = 'TARGET_LIST_EXPORTED' ORDER BY id DESC LIMIT 1`);
    expect(event).toMatchObject({ actor_username: 'marketing', detail: { rowCount: file.rowCount, droppedCount: 1, sha256: file.sha256 } });
  });

  it('[P5] prints mailing labels as a PDF for a POST campaign, downloadable only with the right to export', async () => {
    const built = await buildList('DIRECT_MARKETING', 'POST');
    const result = await marketing.gql(`mutation ($id: ID!) { exportTargetList(id: $id, format: LABELS_PDF) { url rowCount content } }`, { id: built.id });
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
    expect((await marketing.gql(`mutation ($id: ID!) { archiveCampaign(id: $id) { status } }`, { id })).data.archiveCampaign.status).toBe('ARCHIVED');
    const build = await marketing.gql(`mutation ($id: ID!) { buildTargetList(campaignId: $id) { id } }`, { id });
    expect(build.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaignId' });
    const privacy = await server.as('privacy');
    expect(codes(await privacy.gql(`mutation ($id: ID!) { archiveCampaign(id: $id) { status } }`, { id }))).toEqual(['FORBIDDEN']);
  });
});

describe('permissions', () => {
  it('[P3] marketing builds and exports; privacy officers and admins read; others have no access', async () => {
    const built = await buildList('DIRECT_MARKETING', 'EMAIL');
    for (const username of ['privacy', 'admin']) {
      const client = await server.as(username);
      const read = await client.gql(`query ($id: ID!) { targetList(id: $id) { includedCount } }`, { id: built.id });
      expect(read.errors, username).toBeUndefined();
      expect(codes(await client.gql(`mutation ($id: ID!) { exportTargetList(id: $id, format: CSV) { rowCount } }`, { id: built.id }))).toEqual(['FORBIDDEN']);
    }
    for (const username of ['sales', 'service', 'partner']) {
      const client = await server.as(username);
      expect(codes(await client.gql(`{ campaigns { id } }`)), username).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`query ($id: ID!) { targetList(id: $id) { includedCount } }`, { id: built.id }))).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`mutation { createCampaign(input: { name: "x", purpose: DIRECT_MARKETING, channel: EMAIL }) { id } }`))).toEqual(['FORBIDDEN']);
    }
  });
});
