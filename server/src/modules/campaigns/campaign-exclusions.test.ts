import { randomUUID } from 'node:crypto';
import type { AppAbility } from '@rekisteri/schema';
import type pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { benchmarkTargetList } from '../../bench/b4';
import { isAppError } from '../../errors';
import { actorWithRules, buildCustomer, buildPartner, buildUser, type BuiltCustomer } from '../../test/factories';
import { EXPORT } from '../../test/campaigns';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

/** Issue 16: a campaign's manual exclusions, from the customer list's selection to the list's build and export. */

const METRICS_TOKEN = 'metrics-token-campaign-exclusions';
let server: TestServer;
let marketing: TestClient;
let town = 0;
const newTown = () => `Poissulkula ${++town}-${randomUUID().slice(0, 8)}`;

const ADD = `mutation ($campaignId: UUID!, $customerIds: [UUID!]!, $note: String) {
  addCampaignExclusions(campaignId: $campaignId, customerIds: $customerIds, note: $note) { added alreadyExcluded notFound } }`;
const REMOVE = `mutation ($campaignId: UUID!, $customerId: UUID!) { removeCampaignExclusion(campaignId: $campaignId, customerId: $customerId) }`;
const PAGE = `query ($id: UUID!, $after: String) { campaign(id: $id) { manualExclusions(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { customerId customerNumber addedBy note customer { firstName } } } } } }`;

async function createCampaign(city: string, client = marketing, channel = 'EMAIL'): Promise<string> {
  const created = await client.gql(`mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
    i: { name: `Kevät ${city}`, purpose: 'DIRECT_MARKETING', channel, segment: { cities: [city] } },
  });
  expect(created.errors).toBeUndefined();
  return created.data.createCampaign.id;
}

interface Built {
  id: string;
  members: string[];
  reasons: Record<string, string[]>;
  byReason: Array<{ reason: string; count: number | null; fewerThan: number | null }>;
}

/** Builds the campaign's list, waiting for the background job. */
async function build(campaignId: string): Promise<Built> {
  const requested = await marketing.gql(`mutation ($c: UUID!) { buildTargetList(campaignId: $c) { id } }`, { c: campaignId });
  expect(requested.errors).toBeUndefined();
  const id = requested.data.buildTargetList.id as string;
  await vi.waitFor(
    async () => {
      const list = (await marketing.gql(`query ($id: UUID!) { targetList(id: $id) { status } }`, { id })).data.targetList;
      expect(list.status).toBe('BUILT');
    },
    { timeout: 30_000, interval: 50 },
  );
  const read = await marketing.gql(
    `query ($id: UUID!) { targetList(id: $id) { exclusionsByReason { reason count fewerThan }
       members(first: 200) { edges { node { customerId } } } exclusions(first: 200) { edges { node { customerId reasons } } } } }`,
    { id },
  );
  expect(read.errors).toBeUndefined();
  const list = read.data.targetList;
  return {
    id,
    members: list.members.edges.map((e: { node: { customerId: string } }) => e.node.customerId),
    reasons: Object.fromEntries(list.exclusions.edges.map((e: { node: { customerId: string; reasons: string[] } }) => [e.node.customerId, e.node.reasons])),
    byReason: list.exclusionsByReason,
  };
}

const people = async (city: string, n: number, overrides: Parameters<typeof buildCustomer>[1] = {}): Promise<BuiltCustomer[]> => {
  const made: BuiltCustomer[] = [];
  for (let i = 0; i < n; i++) made.push(await buildCustomer(server.db, { city, ...overrides }));
  return made;
};

const exclusionRows = async (campaignId: string) =>
  (await server.db.query(`SELECT customer_id FROM campaign_exclusions WHERE campaign_id = $1 ORDER BY customer_id`, [campaignId])).map(
    (r: { customer_id: string }) => r.customer_id,
  );

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, field: error.extensions.field };
    throw error;
  }
  return null;
}

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN });
  marketing = await server.as('marketing');
});
afterAll(() => server?.close());

describe("a campaign's manual exclusions", () => {
  it('[P15] target lists never reach anyone kept off by hand: the build leaves them off with the reason MANUAL, counted k-anonymously', async () => {
    const city = newTown();
    const [kept, excluded, prohibitedToo, ...rest] = await people(city, 9);
    const campaignId = await createCampaign(city);
    const added = await marketing.gql(ADD, { campaignId, customerIds: [excluded.id, prohibitedToo.id], note: 'Pyysi puhelimessa' });
    expect(added.errors).toBeUndefined();
    expect(added.data.addCampaignExclusions).toEqual({ added: 2, alreadyExcluded: 0, notFound: 0 });
    const service = await server.as('service');
    const prohibited = await service.gql(`mutation ($c: UUID!, $i: ProhibitionInput!) { recordProhibition(customerId: $c, input: $i) { kind } }`, {
      c: prohibitedToo.id,
      i: { kind: 'DIRECT_MARKETING', via: 'CUSTOMER_SERVICE' },
    });
    expect(prohibited.errors).toBeUndefined();

    const list = await build(campaignId);
    expect(list.members.sort()).toEqual([kept, ...rest].map((c) => c.id).sort());
    expect(list.reasons).toEqual({ [excluded.id]: ['MANUAL'], [prohibitedToo.id]: ['PROHIBITED', 'MANUAL'] });
    // Two is below the k-anonymity threshold: only "fewer than 5".
    expect(list.byReason).toEqual(expect.arrayContaining([{ reason: 'MANUAL', count: null, fewerThan: 5 }]));

    // Adding the same again changes nothing; the campaign page lists them, a page at a time, with who added them.
    const again = await marketing.gql(ADD, { campaignId, customerIds: [excluded.id, excluded.id] });
    expect(again.data.addCampaignExclusions).toEqual({ added: 0, alreadyExcluded: 1, notFound: 0 });
    const page = await marketing.gql(PAGE, { id: campaignId });
    expect(page.errors).toBeUndefined();
    const exclusions = page.data.campaign.manualExclusions;
    expect(exclusions.totalCount).toBe(2);
    expect(exclusions.edges.map((e: { node: { customerId: string } }) => e.node.customerId).sort()).toEqual([excluded.id, prohibitedToo.id].sort());
    expect(exclusions.edges[0].node).toMatchObject({ addedBy: 'marketing', note: 'Pyysi puhelimessa', customer: { firstName: expect.any(String) } });
    const audit = await server.db.query(
      `SELECT customer_ids, detail FROM audit_events WHERE action = 'CAMPAIGN_EXCLUSIONS_ADDED' AND detail->>'campaignId' = $1`,
      [campaignId],
    );
    expect(audit).toHaveLength(1);
    expect([...audit[0].customer_ids].sort()).toEqual([excluded.id, prohibitedToo.id].sort());
  });

  it('[P15] whoever is added after the build is dropped at export with the reason MANUAL; removal puts them back at the next build', async () => {
    const city = newTown();
    const customers = await people(city, 7);
    const campaignId = await createCampaign(city);
    const list = await build(campaignId);
    expect(list.members).toHaveLength(7);
    const late = customers.slice(0, 5).map((c) => c.id);
    expect((await marketing.gql(ADD, { campaignId, customerIds: late })).data.addCampaignExclusions.added).toBe(5);
    const exported = await marketing.gql(EXPORT, { id: list.id, f: 'CSV', l: 'EN' });
    expect(exported.errors).toBeUndefined();
    expect(exported.data.exportTargetList.rowCount).toBe(2);
    expect(exported.data.exportTargetList.droppedByReason).toEqual([{ reason: 'MANUAL', count: 5, fewerThan: null }]);

    const removed = await marketing.gql(REMOVE, { campaignId, customerId: late[0] });
    expect(removed.data.removeCampaignExclusion).toBe(true);
    expect((await marketing.gql(REMOVE, { campaignId, customerId: late[0] })).data.removeCampaignExclusion).toBe(false);
    const rebuilt = await build(campaignId);
    expect(rebuilt.members).toContain(late[0]);
    expect(Object.keys(rebuilt.reasons).sort()).toEqual(late.slice(1).sort());
    const audit = await server.db.query(`SELECT customer_id FROM audit_events WHERE action = 'CAMPAIGN_EXCLUSION_REMOVED' AND detail->>'campaignId' = $1`, [
      campaignId,
    ]);
    expect(audit).toEqual([{ customer_id: late[0] }]);
  });

  it('[P4] a customer the caller may not see cannot be added, is not told apart from one that does not exist, and is not listed to them', async () => {
    const city = newTown();
    const firm = await buildPartner(server.db);
    const [ours] = await people(city, 1, { partner: firm });
    const [theirs] = await people(city, 1);
    const campaignId = await createCampaign(city);
    const rules: AppAbility['rules'] = [
      { action: 'read', subject: 'Campaign' },
      { action: 'update', subject: 'Campaign', fields: ['exclusions'] },
      { action: 'read', subject: 'Customer', conditions: { partnerId: firm.id } },
    ];
    const scoped = actorWithRules(await buildUser(server.db), rules);
    const result = await server.services.campaigns.exclusions.add(scoped, campaignId, [ours.id, theirs.id, randomUUID()]);
    expect(result).toEqual({ added: 1, alreadyExcluded: 0, notFound: 2 });
    expect(await exclusionRows(campaignId)).toEqual([ours.id]);

    // Someone who sees everyone adds the other one; the scoped reader's page and count still show only theirs.
    expect((await marketing.gql(ADD, { campaignId, customerIds: [theirs.id] })).data.addCampaignExclusions.added).toBe(1);
    const page = await server.services.campaigns.exclusions.page(scoped, campaignId, 50, null);
    expect(page.edges.map((e) => e.node.customerId)).toEqual([ours.id]);
    expect(page.totalCount).toBe(1);
    // Nor can they take off a customer they may not see.
    expect(await server.services.campaigns.exclusions.remove(scoped, campaignId, theirs.id)).toBe(false);
    expect((await exclusionRows(campaignId)).sort()).toEqual([ours.id, theirs.id].sort());
  });

  it('a non-UUID customer id answers BAD_USER_INPUT with the field, and changes nothing', async () => {
    const city = newTown();
    const [customer] = await people(city, 1);
    const campaignId = await createCampaign(city);
    const bad = await marketing.gql(ADD, { campaignId, customerIds: [customer.id, 'not-an-id'] });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].extensions?.field).toBe('customerIds');
    const literal = await marketing.gql(`mutation { addCampaignExclusions(campaignId: "${campaignId}", customerIds: ["${customer.id}", "1"]) { added } }`);
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await marketing.gql(REMOVE, { campaignId, customerId: 'x' }))).toEqual(['BAD_USER_INPUT']);
    // Straight to the service, too: refused before anything is written.
    const actor = actorWithRules(await buildUser(server.db), [
      { action: 'read', subject: 'Campaign' },
      { action: 'update', subject: 'Campaign', fields: ['exclusions'] },
      { action: 'read', subject: 'Customer' },
    ]);
    expect(await refusal(server.services.campaigns.exclusions.add(actor, campaignId, [customer.id, 'nope']))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'customerIds',
    });
    expect(await refusal(server.services.campaigns.exclusions.add(actor, campaignId, []))).toEqual({ code: 'BAD_USER_INPUT', field: 'customerIds' });
    expect(await refusal(server.services.campaigns.exclusions.add(actor, campaignId, [customer.id], 'x'.repeat(501)))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'note',
    });
    expect(await exclusionRows(campaignId)).toEqual([]);
  });

  it('[P3] only roles that manage campaigns change its exclusions: privacy officers, admins, sales and service get FORBIDDEN', async () => {
    const city = newTown();
    const [customer] = await people(city, 1);
    const campaignId = await createCampaign(city);
    for (const role of ['privacy', 'admin', 'sales', 'service']) {
      const client = await server.as(role);
      expect(codes(await client.gql(ADD, { campaignId, customerIds: [customer.id] })), role).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(REMOVE, { campaignId, customerId: customer.id })), role).toEqual(['FORBIDDEN']);
    }
    // Reading campaigns lets privacy officers see the exclusions, not change them.
    await marketing.gql(ADD, { campaignId, customerIds: [customer.id] });
    const privacy = await server.as('privacy');
    const read = await privacy.gql(PAGE, { id: campaignId });
    expect(read.errors).toBeUndefined();
    expect(read.data.campaign.manualExclusions.totalCount).toBe(1);
    expect(await exclusionRows(campaignId)).toEqual([customer.id]);
  });

  it('[P3] an archived campaign keeps its exclusions as they were', async () => {
    const city = newTown();
    const [customer] = await people(city, 1);
    const campaignId = await createCampaign(city);
    expect((await marketing.gql(`mutation ($id: UUID!) { archiveCampaign(id: $id) { status } }`, { id: campaignId })).errors).toBeUndefined();
    const refused = await marketing.gql(ADD, { campaignId, customerIds: [customer.id] });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.field).toBe('campaignId');
    expect(await exclusionRows(campaignId)).toEqual([]);
  });

  it('[P17] a person kept off a campaign by hand is erased from its exclusions with the rest of their data, the note too', async () => {
    const city = newTown();
    const [erased, other] = await people(city, 2);
    const campaignId = await createCampaign(city);
    expect((await marketing.gql(ADD, { campaignId, customerIds: [erased.id, other.id], note: 'Soitti: ei kampanjoita' })).errors).toBeUndefined();
    const privacy = await server.as('privacy');
    const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: { type: 'ERASURE', customerId: erased.id, requesterName: 'Eino Erased', receivedVia: 'EMAIL', language: 'FI', signed: false },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data.createPrivacyRequest.id as string;
    await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: STRONG_ELECTRONIC_IDENTIFICATION }) { status } }`, { id });
    const plan = await privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table action rowCount } } }`, { id });
    expect(plan.errors).toBeUndefined();
    expect(plan.data.planErasure.items).toEqual(expect.arrayContaining([{ table: 'campaign_exclusions', action: 'ERASE', rowCount: 1 }]));
    const executed = await privacy.gql(`mutation ($id: UUID!) { executeErasure(id: $id) { request { status } } }`, { id });
    expect(executed.errors).toBeUndefined();
    // Only the erased person's row goes; the campaign keeps everyone else it was told to leave off.
    expect(await exclusionRows(campaignId)).toEqual([other.id]);
  });

  it('[P14] the person is told in their access package which campaign they were kept off by hand, with the note staff wrote', async () => {
    const city = newTown();
    const [person] = await people(city, 1);
    const campaignId = await createCampaign(city);
    expect((await marketing.gql(ADD, { campaignId, customerIds: [person.id], note: 'Pyysi, ettei kevätkampanjaa lähetetä' })).errors).toBeUndefined();
    const privacy = await server.as('privacy');
    const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: { type: 'ACCESS', customerId: person.id, requesterName: 'Aino Access', receivedVia: 'EMAIL', language: 'FI', signed: false },
    });
    const id = created.data.createPrivacyRequest.id as string;
    await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: STRONG_ELECTRONIC_IDENTIFICATION }) { status } }`, { id });
    const access = await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json html } }`, { id });
    expect(access.errors).toBeUndefined();
    const pkg = JSON.parse(access.data.fulfilAccessRequest.json);
    expect(pkg.targetLists).toEqual([
      expect.objectContaining({ campaign: `Kevät ${city}`, included: false, exclusionReasons: ['MANUAL'], note: 'Pyysi, ettei kevätkampanjaa lähetetä' }),
    ]);
    expect(access.data.fulfilAccessRequest.html).toContain('Pyysi, ettei kevätkampanjaa lähetetä');
  });

  it('[P15] a merge keeps the person off the campaigns either record was kept off by hand', async () => {
    const city = newTown();
    const [kept, merged, both] = await people(city, 3);
    const onlyMerged = await createCampaign(city);
    const onBoth = await createCampaign(city);
    expect((await marketing.gql(ADD, { campaignId: onlyMerged, customerIds: [merged.id], note: 'Ei kampanjoita' })).errors).toBeUndefined();
    expect((await marketing.gql(ADD, { campaignId: onBoth, customerIds: [merged.id, kept.id] })).errors).toBeUndefined();
    const service = await server.as('service');
    const merge = await service.gql(`mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }`, {
      input: { keepId: kept.id, keepVersion: kept.version, mergeId: merged.id, mergeVersion: merged.version },
    });
    expect(merge.errors).toBeUndefined();
    expect(await exclusionRows(onlyMerged)).toEqual([kept.id]);
    expect(await exclusionRows(onBoth)).toEqual([kept.id]);
    // The next build leaves the kept record off; the third person is on the list.
    const list = await build(onlyMerged);
    expect(list.reasons[kept.id]).toEqual(['MANUAL']);
    expect(list.members).toContain(both.id);
  });

  it("[P15] B4's hand-written build judges every customer as the app's does, manual exclusions included", async () => {
    const [bench] = await server.db.query(`SELECT id FROM users WHERE username = 'marketing'`);
    // A customer whose number B4 keeps off by hand, among whatever else the database holds.
    await server.db.query(
      `INSERT INTO customers (customer_number, first_name, last_name, street, postal_code, city) VALUES (997 * 1000003, 'Käsin', 'Poissuljettu', 'Tie 1', '00100', 'Helsinki')`,
    );
    const client = { query: async (sql: string, params?: unknown[]) => ({ rows: await server.db.query(sql, params) }) } as unknown as pg.Client;
    const result = await benchmarkTargetList(client, server.services.campaigns, bench.id, server.config.timeZone);
    expect(result.status).toBe('BUILT');
    expect(result.same).toBe(true);
    expect(result.differing).toBe(0);
    expect(result.reasons).toMatch(/MANUAL [1-9]/);
  });
});

describe('read replicas (issue 17)', () => {
  const replicaReads = async () => {
    const text = (await request(server.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    const line = text
      .split('\n')
      .find((l) => l.startsWith('rekisteri_replica_reads_total{') && l.includes('target="primary"') && l.includes('reason="no_replica"'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it("a target list's members, exclusions and counts by reason are read through readReplica", async () => {
    const city = newTown();
    await people(city, 2);
    const list = await build(await createCampaign(city));
    for (const field of ['members(first: 10) { edges { cursor } }', 'exclusions(first: 10) { edges { cursor } }', 'exclusionsByReason { reason }']) {
      const before = await replicaReads();
      const read = await marketing.gql(`query ($id: UUID!) { targetList(id: $id) { ${field} } }`, { id: list.id });
      expect(read.errors, field).toBeUndefined();
      // No replica is configured here: each such read is counted as run on the primary for want of one.
      expect(await replicaReads(), field).toBe(before + 1);
    }
  });
});
