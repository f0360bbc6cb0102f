import { randomUUID } from 'node:crypto';
import { CAMPAIGN_PURPOSES, CONTACT_CHANNELS, honouredProhibitions } from '@rekisteri/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Params } from '../../db/sql';
import { buildCustomer, buildOrder, type BuiltCustomer } from '../../test/factories';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { buildList, EXPORT, prohibit, readCsv } from '../../test/campaigns';
import type { ContactChannel } from '../prohibitions/prohibition.model';
import type { CampaignPurpose } from './campaign.model';
import { CANDIDATE_COLUMNS, judgedCandidates } from './exclusion-rules';

/**
 * P2, P5, P15, P17: one purpose policy (`@rekisteri/schema`), read by the build, by the export's
 * re-check and by the campaign page. Each town below is its own small world of customers.
 */

let server: TestServer;
let marketing: TestClient;
let service: TestClient;

beforeAll(async () => {
  server = await startTestServer({});
  marketing = await server.as('marketing');
  service = await server.as('service');
});
afterAll(() => server?.close());

let towns = 0;
const newTown = () => `Käytäntölä ${++towns} ${Date.now()}`;
const person = (city: string, values: Parameters<typeof buildCustomer>[1] = {}) => buildCustomer(server.db, { city, ...values });

/** A customer who ordered (so an order-history segment finds them), with a unique SKU line. */
async function customerWhoOrdered(city: string): Promise<BuiltCustomer> {
  const customer = await person(city);
  await buildOrder(server.db, { customer });
  return customer;
}

describe('direct marketing is every offer to a person', () => {
  it('[P15] a distance-selling e-mail list and its export keep off who objected to direct marketing, before and after the build', async () => {
    const city = newTown();
    const objector = await person(city);
    const lateObjector = await person(city);
    const stays = await person(city);
    await prohibit(service, objector.id, 'DIRECT_MARKETING');
    const built = await buildList(marketing, 'DISTANCE_SELLING', 'EMAIL', { cities: [city] });
    expect(built.reasons[objector.id]).toEqual(['PROHIBITED']);
    expect(built.kinds[objector.id]).toEqual(['DIRECT_MARKETING']);
    expect(built.members.sort()).toEqual([lateObjector.id, stays.id].sort());

    await prohibit(service, lateObjector.id, 'DIRECT_MARKETING', 'EMAIL');
    const file = (await marketing.gql(EXPORT, { id: built.id, f: 'CSV', l: 'EN' })).data.exportTargetList;
    expect(file.droppedByReason).toEqual([{ reason: 'PROHIBITED', count: null, fewerThan: 5 }]);
    const emails = readCsv(file.content, ',')
      .slice(1)
      .map((row) => row[3]);
    expect(emails).toEqual([stays.email]);
  });

  it('[P15] a distance-selling letter honours direct marketing too; a prohibition scoped to e-mail does not reach the letter', async () => {
    const city = newTown();
    const objector = await person(city);
    const emailOnly = await person(city);
    await prohibit(service, objector.id, 'DIRECT_MARKETING', 'POST');
    await prohibit(service, emailOnly.id, 'DIRECT_MARKETING', 'EMAIL');
    const built = await buildList(marketing, 'DISTANCE_SELLING', 'POST', { cities: [city] });
    expect(built.reasons[objector.id]).toEqual(['PROHIBITED']);
    expect(built.members).toEqual([emailOnly.id]);
  });
});

describe('publication in lists', () => {
  it('[P5] a prohibition of publication in lists (every channel) keeps a person off an e-mail list and off printed labels, at the build and at export', async () => {
    const city = newTown();
    const noLists = await person(city, { lastName: 'Luetteloton' });
    const late = await person(city, { lastName: 'Myöhäinen' });
    const stays = await person(city, { lastName: 'Pysyvä' });
    await prohibit(service, noLists.id, 'LIST_PUBLICATION');

    const email = await buildList(marketing, 'DIRECT_MARKETING', 'EMAIL', { cities: [city] });
    expect(email.reasons[noLists.id]).toEqual(['LIST_PUBLICATION']);
    const post = await buildList(marketing, 'DIRECT_MARKETING', 'POST', { cities: [city] });
    expect(post.reasons[noLists.id]).toEqual(['LIST_PUBLICATION']);
    expect(post.members.sort()).toEqual([late.id, stays.id].sort());

    // Said after the build: the export's re-check drops them from the CSV and from the labels.
    await prohibit(service, late.id, 'LIST_PUBLICATION');
    const csv = (await marketing.gql(EXPORT, { id: email.id, f: 'CSV', l: 'EN' })).data.exportTargetList;
    expect(csv.droppedByReason).toEqual([{ reason: 'LIST_PUBLICATION', count: null, fewerThan: 5 }]);
    expect(
      readCsv(csv.content, ',')
        .slice(1)
        .map((row) => row[3]),
    ).toEqual([stays.email]);
    const labels = (await marketing.gql(EXPORT, { id: post.id, f: 'LABELS_PDF' })).data.exportTargetList;
    expect(labels.rowCount).toBe(1);
    expect(labels.droppedByReason).toEqual([{ reason: 'LIST_PUBLICATION', count: null, fewerThan: 5 }]);
  });

  it('[P5] a prohibition of lists scoped to one channel keeps a person off that channel only', async () => {
    const city = newTown();
    const noEmailLists = await person(city);
    await prohibit(service, noEmailLists.id, 'LIST_PUBLICATION', 'EMAIL');
    const email = await buildList(marketing, 'DIRECT_MARKETING', 'EMAIL', { cities: [city] });
    expect(email.reasons[noEmailLists.id]).toEqual(['LIST_PUBLICATION']);
    const post = await buildList(marketing, 'DIRECT_MARKETING', 'POST', { cities: [city] });
    expect(post.members).toEqual([noEmailLists.id]);
    const research = await buildList(marketing, 'MARKET_AND_OPINION_RESEARCH', 'EMAIL', { cities: [city] });
    expect(research.reasons[noEmailLists.id]).toEqual(['LIST_PUBLICATION']);
  });
});

describe('profiling', () => {
  it('[P2][P17] a segment on order history honours a prohibition of profiling, whatever the purpose', async () => {
    const city = newTown();
    const noProfiling = await customerWhoOrdered(city);
    const stays = await customerWhoOrdered(city);
    await prohibit(service, noProfiling.id, 'PROFILING');
    for (const purpose of CAMPAIGN_PURPOSES) {
      const built = await buildList(marketing, purpose, 'EMAIL', { cities: [city], orderedWithinDays: 365 });
      expect(built.reasons[noProfiling.id], purpose).toEqual(['PROHIBITED']);
      expect(built.kinds[noProfiling.id], purpose).toEqual(['PROFILING']);
      expect(built.members, purpose).toEqual([stays.id]);
    }
  });

  it('[P2][P17] a segment on the city alone does not profile: a prohibition of profiling keeps nobody off it', async () => {
    const city = newTown();
    const noProfiling = await customerWhoOrdered(city);
    const late = await customerWhoOrdered(city);
    await prohibit(service, noProfiling.id, 'PROFILING');
    const built = await buildList(marketing, 'DIRECT_MARKETING', 'EMAIL', { cities: [city] });
    expect(built.members.sort()).toEqual([noProfiling.id, late.id].sort());
    // Profiling forbidden between build and export: the re-check reads the same policy and keeps them on.
    await prohibit(service, late.id, 'PROFILING');
    const file = (await marketing.gql(EXPORT, { id: built.id, f: 'CSV', l: 'EN' })).data.exportTargetList;
    expect(file.rowCount).toBe(2);
  });
});

describe('research', () => {
  it('[P15] research honours the research prohibition and none of the marketing ones', async () => {
    const city = newTown();
    const people = {
      DIRECT_MARKETING: await person(city),
      DISTANCE_SELLING: await person(city),
      PROFILING: await person(city),
      MARKET_AND_OPINION_RESEARCH: await person(city),
    };
    for (const [kind, customer] of Object.entries(people)) await prohibit(service, customer.id, kind);
    for (const channel of ['EMAIL', 'POST']) {
      const built = await buildList(marketing, 'MARKET_AND_OPINION_RESEARCH', channel, { cities: [city] });
      expect(built.reasons, channel).toEqual({ [people.MARKET_AND_OPINION_RESEARCH.id]: ['PROHIBITED'] });
      expect(built.kinds[people.MARKET_AND_OPINION_RESEARCH.id]).toEqual(['MARKET_AND_OPINION_RESEARCH']);
    }
  });
});

describe('one table for the build, the export and the page', () => {
  it('[P15][P5][P2] in every cell of the table, the rules that judge a list keep off exactly the prohibitions the policy names, in their scope', async () => {
    const city = newTown();
    const kinds = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION', 'PROFILING'];
    // One customer per kind and scope (every channel, or one of them), each with an order to profile.
    const given = new Map<string, string>();
    for (const kind of kinds) {
      for (const scope of [undefined, ...CONTACT_CHANNELS]) {
        const customer = await customerWhoOrdered(city);
        await prohibit(service, customer.id, kind, scope);
        given.set(customer.id, `${kind}/${scope ?? 'ALL'}`);
      }
    }
    for (const segment of [{ cities: [city] }, { cities: [city], orderedWithinDays: 365 }]) {
      for (const purpose of CAMPAIGN_PURPOSES) {
        for (const channel of CONTACT_CHANNELS) {
          const params = new Params();
          const rules = judgedCandidates(
            { campaignId: randomUUID(), purpose: purpose as CampaignPurpose, channel: channel as ContactChannel, segment, today: '2025-01-01' },
            params,
          );
          const rows: Array<{ id: string; all_reasons: string[] }> = await server.db.query(
            `WITH candidates AS (SELECT ${CANDIDATE_COLUMNS} FROM customers c WHERE c.city = ${params.bind(city)}), ${rules}
             SELECT id, all_reasons FROM final`,
            params.values,
          );
          const keptOff = rows
            .filter((r) => r.all_reasons.includes('PROHIBITED') || r.all_reasons.includes('LIST_PUBLICATION'))
            .map((r) => given.get(r.id))
            .sort();
          const policy = honouredProhibitions(purpose, channel, segment).flatMap((h) => [`${h.kind}/ALL`, `${h.kind}/${h.scope}`]);
          expect(keptOff, `${purpose} ${channel} ${JSON.stringify(segment)}`).toEqual(policy.sort());
        }
      }
    }
  });

  it('[P15] the campaign tells, before the build, which prohibitions its list will honour, with the scope and the reason', async () => {
    const query = `query ($id: UUID!) { campaign(id: $id) { targetList { id } honouredProhibitions { kind scope reason } } }`;
    const create = async (purpose: string, channel: string, segment: Record<string, unknown>) =>
      (
        await marketing.gql(`mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
          i: { name: 'Käytäntö', purpose, channel, segment },
        })
      ).data.createCampaign.id as string;

    const plain = (await marketing.gql(query, { id: await create('DISTANCE_SELLING', 'EMAIL', { cities: ['Oulu'] }) })).data.campaign;
    expect(plain.targetList).toBeNull();
    expect(plain.honouredProhibitions).toEqual([
      { kind: 'DIRECT_MARKETING', scope: 'EMAIL', reason: 'OFFER_TO_A_PERSON' },
      { kind: 'DISTANCE_SELLING', scope: 'EMAIL', reason: 'DISTANCE_SELLING' },
      { kind: 'LIST_PUBLICATION', scope: 'EMAIL', reason: 'LIST_OF_REGISTER_DATA' },
    ]);
    const profiling = (await marketing.gql(query, { id: await create('MARKET_AND_OPINION_RESEARCH', 'SMS', { minTotalSpendCents: 5000 }) })).data.campaign;
    expect(profiling.honouredProhibitions).toEqual([
      { kind: 'MARKET_AND_OPINION_RESEARCH', scope: 'SMS', reason: 'RESEARCH' },
      { kind: 'LIST_PUBLICATION', scope: 'SMS', reason: 'LIST_OF_REGISTER_DATA' },
      { kind: 'PROFILING', scope: 'SMS', reason: 'SEGMENT_PROFILES' },
    ]);
    // Roles without campaigns get nothing of it.
    const sales = await server.as('sales');
    const refused = await sales.gql(query, { id: await create('DIRECT_MARKETING', 'POST', {}) });
    expect(refused.data?.campaign ?? null).toBeNull();
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
