import { parse } from 'csv-parse/sync';
import { expect, vi } from 'vitest';
import type { TestClient } from './harness';

/** Test helpers for campaigns: build a list through the API and read what it holds; read an exported CSV as a person's spreadsheet would. */

export interface BuiltListView {
  id: string;
  campaignId: string;
  /** Customer ids on the list. */
  members: string[];
  /** Customer id → its exclusion reasons, sorted. */
  reasons: Record<string, string[]>;
  /** Customer id → the kinds of prohibition that kept it off. */
  kinds: Record<string, string[] | null>;
}

/** Creates a campaign and builds its list, polling until the background job has settled. */
export async function buildList(client: TestClient, purpose: string, channel: string, segment: Record<string, unknown>): Promise<BuiltListView> {
  const created = await client.gql(`mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
    i: { name: `${purpose} ${channel}`, purpose, channel, segment },
  });
  expect(created.errors).toBeUndefined();
  const campaignId = created.data.createCampaign.id as string;
  const build = await client.gql(`mutation ($c: UUID!) { buildTargetList(campaignId: $c) { id } }`, { c: campaignId });
  expect(build.errors).toBeUndefined();
  const id = build.data.buildTargetList.id as string;
  await vi.waitFor(
    async () => {
      const list = (await client.gql(`query ($id: UUID!) { targetList(id: $id) { status } }`, { id })).data.targetList;
      expect(['BUILT', 'FAILED']).toContain(list.status);
    },
    { timeout: 30_000, interval: 50 },
  );
  const result = await client.gql(
    `query ($id: UUID!) { targetList(id: $id) { status members(first: 200) { edges { node { customerId } } }
       exclusions(first: 200) { edges { node { customerId reasons prohibitedKinds } } } } }`,
    { id },
  );
  expect(result.errors).toBeUndefined();
  const list = result.data.targetList;
  expect(list.status).toBe('BUILT');
  type Node = { customerId: string; reasons: string[]; prohibitedKinds: string[] | null };
  const exclusions: Node[] = list.exclusions.edges.map((e: { node: Node }) => e.node);
  return {
    id,
    campaignId,
    members: list.members.edges.map((e: { node: { customerId: string } }) => e.node.customerId),
    reasons: Object.fromEntries(exclusions.map((e) => [e.customerId, [...e.reasons].sort()])),
    kinds: Object.fromEntries(exclusions.map((e) => [e.customerId, e.prohibitedKinds])),
  };
}

/** Records a customer's prohibition through customer service, as staff would. */
export async function prohibit(service: TestClient, customerId: string, kind: string, channel?: string): Promise<void> {
  const result = await service.gql(`mutation ($c: UUID!, $i: ProhibitionInput!) { recordProhibition(customerId: $c, input: $i) { kind } }`, {
    c: customerId,
    i: { kind, channel, via: 'CUSTOMER_SERVICE' },
  });
  expect(result.errors).toBeUndefined();
}

export const EXPORT = `mutation ($id: UUID!, $f: ExportFormat!, $l: ExportLanguage) {
  exportTargetList(id: $id, format: $f, language: $l) { format language content url rowCount droppedCount { count fewerThan } droppedByReason { reason count fewerThan } sha256 } }`;

/** A CSV as a spreadsheet reads it: the byte-order mark honoured, split on the given separator, one array per line. */
export function readCsv(content: string, delimiter: ';' | ','): string[][] {
  return parse(content, { bom: true, delimiter, relax_column_count: false }) as string[][];
}
