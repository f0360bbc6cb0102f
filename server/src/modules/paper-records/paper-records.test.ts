import { ROLES, type Role } from '@rekisteri/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { buildCustomer, buildUser } from '../../test/factories';
import { asDatabaseOwner } from '../../test/database';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
const clock = new ManualClock(new Date('2026-12-02T10:00:00Z'));
let officer: TestClient;
let clients: Record<Role, TestClient>;
let officerId: string;

const DEMO_USER: Record<Role, string> = {
  SALES: 'sales',
  SERVICE: 'service',
  MARKETING: 'marketing',
  PRIVACY_OFFICER: 'privacy',
  PARTNER: 'partner',
  ADMIN: 'admin',
};

const FIELDS = `id kind description location custodian { id displayName } customer { id customerNumber } request { id requestNumber }
  receivedOn destroyBy overdue destroyed destroyedAt destroyedBy { username } destructionMethod destructionNote version`;

const RECORD = `mutation ($input: PaperRecordInputType!) { recordPaper(input: $input) { ${FIELDS} } }`;
const DESTROY = `mutation ($id: UUID!, $version: Int!, $input: PaperDestructionInput!) {
  recordPaperDestruction(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: UUID!, $version: Int!, $input: PaperRecordChangesInput!) {
  updatePaperRecord(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const LIST = `query ($state: PaperRecordState, $first: Int, $after: String) {
  paperRecords(state: $state, first: $first, after: $after) { totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { node { ${FIELDS} } } } }`;

async function record(input: Record<string, unknown>, as: TestClient = officer) {
  const result = await as.gql(RECORD, {
    input: {
      kind: 'SIGNED_REQUEST',
      description: 'Signed erasure request',
      location: 'Cabinet B, drawer 2',
      receivedOn: '2026-11-20',
      destroyBy: '2027-11-20',
      ...input,
    },
  });
  return result;
}

beforeAll(async () => {
  server = await startTestServer({}, { clock });
  clients = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await server.as(DEMO_USER[r])]))) as Record<Role, TestClient>;
  officer = clients.PRIVACY_OFFICER;
  [{ id: officerId }] = await server.db.query(`SELECT id FROM users WHERE username = 'privacy'`);
});

afterAll(() => server?.close());

describe('the register of paper material (P11)', () => {
  it('[P11] shows paper material and where it is kept only to designated staff: every other role finds nothing and may record nothing', async () => {
    const customer = await buildCustomer(server.db);
    const made = await record({ customerNumber: customer.customerNumber, description: 'Signed contract of a customer', kind: 'CONTRACT' });
    expect(made.errors).toBeUndefined();
    const id = made.data.recordPaper.id;
    expect(made.data.recordPaper).toMatchObject({
      kind: 'CONTRACT',
      location: 'Cabinet B, drawer 2',
      custodian: { id: officerId },
      customer: { id: customer.id },
    });

    const list = await officer.gql(LIST, { state: 'ALL', first: 200 });
    expect(list.data.paperRecords.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
    expect((await officer.gql(`query ($id: UUID!) { paperRecord(id: $id) { location } }`, { id })).data.paperRecord.location).toBe('Cabinet B, drawer 2');

    for (const role of ROLES.filter((r) => r !== 'PRIVACY_OFFICER')) {
      const client = clients[role];
      const theirs = await client.gql(LIST, { state: 'ALL', first: 200 });
      expect(theirs.data?.paperRecords ?? null, role).toBeNull();
      expect(codes(theirs), role).toEqual(['FORBIDDEN']);
      const one = await client.gql(`query ($id: UUID!) { paperRecord(id: $id) { id location } }`, { id });
      expect(one.data?.paperRecord ?? null, role).toBeNull();
      expect(codes(one), role).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(`{ paperRecordCustodians { id } }`)), role).toEqual(['FORBIDDEN']);
      expect(codes(await record({}, client)), role).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(DESTROY, { id, version: 1, input: { method: 'SHREDDED' } })), role).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(UPDATE, { id, version: 1, input: { location: 'Elsewhere' } })), role).toEqual(['FORBIDDEN']);
    }
    // Nothing changed by the attempts.
    const after = await officer.gql(`query ($id: UUID!) { paperRecord(id: $id) { location destroyed version } }`, { id });
    expect(after.data.paperRecord).toEqual({ location: 'Cabinet B, drawer 2', destroyed: false, version: 1 });
  });

  it('[P11] lists on an erasure request the paper still kept about its customer, for privacy officers only', async () => {
    const customer = await buildCustomer(server.db);
    const created = await officer.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id requestNumber } }`, {
      input: { type: 'ERASURE', customerId: customer.id, requesterName: 'Erkki Esimerkki', receivedVia: 'LETTER', language: 'FI', signed: true },
    });
    expect(created.errors).toBeUndefined();
    const request = created.data.createPrivacyRequest;
    const paper = await record({ requestNumber: request.requestNumber });
    expect(paper.errors).toBeUndefined();
    expect(paper.data.recordPaper.customer.id).toBe(customer.id);
    const query = `query ($id: UUID!) { privacyRequest(id: $id) { paperRecords { id location } } }`;
    const seen = await officer.gql(query, { id: request.id });
    expect(seen.data.privacyRequest.paperRecords).toEqual([{ id: paper.data.recordPaper.id, location: 'Cabinet B, drawer 2' }]);
    const admin = await clients.ADMIN.gql(query, { id: request.id });
    expect(admin.data?.privacyRequest?.paperRecords ?? null).toBeNull();
    expect(codes(admin)).toContain('FORBIDDEN');
  });

  it('[P11] a custodian is designated staff who acknowledged the current confidentiality commitment', async () => {
    const sales = await buildUser(server.db, { roles: ['SALES'] });
    expect((await record({ custodianId: sales.id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'custodianId' });
    const unbound = await buildUser(server.db, { roles: ['PRIVACY_OFFICER'], confidentialityVersion: 'an-old-version' });
    expect((await record({ custodianId: unbound.id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'custodianId' });
    const designated = await buildUser(server.db, { roles: ['PRIVACY_OFFICER'] });
    const custodians = (await officer.gql(`{ paperRecordCustodians { id } }`)).data.paperRecordCustodians.map((u: { id: string }) => u.id);
    expect(custodians).toContain(designated.id);
    expect(custodians).not.toContain(sales.id);
    expect(custodians).not.toContain(unbound.id);
    const kept = await record({ custodianId: designated.id });
    expect(kept.errors).toBeUndefined();
    expect(kept.data.recordPaper.custodian.id).toBe(designated.id);
  });

  it('refuses bad input at its field and changes nothing', async () => {
    const [{ n: before }] = await server.db.query(`SELECT count(*)::int AS n FROM paper_records`);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ description: '  ' }, 'description'],
      [{ location: '' }, 'location'],
      [{ destroyBy: '2026-01-01' }, 'destroyBy'],
      [{ receivedOn: '2027-01-01', destroyBy: '2028-01-01' }, 'receivedOn'],
      [{ customerNumber: '99999999' }, 'customerNumber'],
      [{ customerNumber: 'abc' }, 'customerNumber'],
      [{ requestNumber: '99999999' }, 'requestNumber'],
    ];
    for (const [input, field] of cases) {
      const result = await record(input);
      expect(result.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(codes(await record({ custodianId: 'not-a-uuid' }))).toEqual(['BAD_USER_INPUT']);
    const [{ n: after }] = await server.db.query(`SELECT count(*)::int AS n FROM paper_records`);
    expect(after).toBe(before);
  });

  it('[P11] records destruction once, and a destroyed record is final, in the service and in the database', async () => {
    const made = (await record({ description: 'Order form' })).data.recordPaper;
    const stale = await officer.gql(UPDATE, { id: made.id, version: made.version + 5, input: { location: 'Cabinet C' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const moved = (await officer.gql(UPDATE, { id: made.id, version: made.version, input: { location: 'Cabinet C' } })).data.updatePaperRecord;
    expect(moved).toMatchObject({ location: 'Cabinet C', version: made.version + 1 });

    expect(codes(await officer.gql(DESTROY, { id: made.id, version: made.version, input: { method: 'SHREDDED' } }))).toEqual(['CONFLICT']);
    const destroyed = await officer.gql(DESTROY, { id: made.id, version: moved.version, input: { method: 'SHREDDED', note: 'Office shredder' } });
    expect(destroyed.errors).toBeUndefined();
    expect(destroyed.data.recordPaperDestruction).toMatchObject({
      destroyed: true,
      destructionMethod: 'SHREDDED',
      destructionNote: 'Office shredder',
      destroyedBy: { username: 'privacy' },
      overdue: false,
    });
    const version = destroyed.data.recordPaperDestruction.version;
    expect(codes(await officer.gql(UPDATE, { id: made.id, version, input: { location: 'Back again' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await officer.gql(DESTROY, { id: made.id, version, input: { method: 'INCINERATED' } }))).toEqual(['BAD_USER_INPUT']);

    // The database holds it against the application itself, and against the owner.
    await expect(server.db.query(`UPDATE paper_records SET location = 'Elsewhere' WHERE id = $1`, [made.id])).rejects.toThrow(/final/);
    await expect(
      server.db.query(`UPDATE paper_records SET destroyed_at = NULL, destroyed_by = NULL, destruction_method = NULL WHERE id = $1`, [made.id]),
    ).rejects.toThrow(/final/);
    await expect(server.db.query(`DELETE FROM paper_records WHERE id = $1`, [made.id])).rejects.toThrow();
    await asDatabaseOwner(server, async (owner) => {
      await expect(owner(`UPDATE paper_records SET destruction_method = 'RETURNED' WHERE id = $1`, [made.id])).rejects.toThrow(/final/);
      await expect(owner(`DELETE FROM paper_records WHERE id = $1`, [made.id])).rejects.toThrow(/DELETE/);
    });
    const [row] = await server.db.query(`SELECT location, destruction_method FROM paper_records WHERE id = $1`, [made.id]);
    expect(row).toEqual({ location: 'Cabinet C', destruction_method: 'SHREDDED' });

    const destroyedList = await officer.gql(LIST, { state: 'DESTROYED', first: 200 });
    expect(destroyedList.data.paperRecords.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(made.id);
    const held = await officer.gql(LIST, { state: 'HELD', first: 200 });
    expect(held.data.paperRecords.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(made.id);
  });

  it('[P11] lists paper due for destruction, overdue first and marked, paged with its total', async () => {
    const overdue = (await record({ description: 'Overdue', receivedOn: '2020-01-01', destroyBy: '2026-11-30' })).data.recordPaper;
    const soon = (await record({ description: 'Soon', receivedOn: '2026-01-01', destroyBy: '2026-12-20' })).data.recordPaper;
    const later = (await record({ description: 'Later', receivedOn: '2026-01-01', destroyBy: '2027-06-01' })).data.recordPaper;
    expect(overdue.overdue).toBe(true);
    expect(soon.overdue).toBe(false);

    const due = await officer.gql(LIST, { state: 'DUE', first: 200 });
    const ids = due.data.paperRecords.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(overdue.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(later.id);
    expect(ids.indexOf(overdue.id)).toBeLessThan(ids.indexOf(soon.id));
    expect(due.data.paperRecords.totalCount).toBe(ids.length);
    expect(due.data.paperRecords.totalCountCapped).toBe(false);

    // Paging: one at a time reaches the same records in the same order.
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: { data?: { paperRecords: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } =
        await officer.gql(LIST, { state: 'DUE', first: 1, after });
      const connection = page.data?.paperRecords;
      paged.push(...(connection?.edges ?? []).map((e) => e.node.id));
      after = connection?.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(ids);
    expect(codes(await officer.gql(LIST, { state: 'DUE', first: 1, after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);

    // As days pass, the later one becomes due too, and the soon one overdue.
    clock.set(new Date('2027-05-15T10:00:00Z'));
    try {
      const laterDue = await officer.gql(LIST, { state: 'DUE', first: 200 });
      const nodes = laterDue.data.paperRecords.edges.map((e: { node: { id: string; overdue: boolean } }) => e.node);
      expect(nodes.find((n: { id: string }) => n.id === later.id)).toMatchObject({ overdue: false });
      expect(nodes.find((n: { id: string }) => n.id === soon.id)).toMatchObject({ overdue: true });
    } finally {
      clock.set(new Date('2026-12-02T10:00:00Z'));
    }
  });

  it('audits recording, changing and destroying paper', async () => {
    const made = (await record({ description: 'Audited' })).data.recordPaper;
    const moved = (await officer.gql(UPDATE, { id: made.id, version: made.version, input: { description: 'Audited, moved' } })).data.updatePaperRecord;
    await officer.gql(DESTROY, { id: made.id, version: moved.version, input: { method: 'DESTRUCTION_SERVICE' } });
    const rows = await server.db.query(`SELECT action, actor_username FROM audit_events WHERE detail->>'paperRecordId' = $1 ORDER BY id`, [made.id]);
    expect(rows).toEqual([
      { action: 'PAPER_RECORD_RECORDED', actor_username: 'privacy' },
      { action: 'PAPER_RECORD_UPDATED', actor_username: 'privacy' },
      { action: 'PAPER_RECORD_DESTROYED', actor_username: 'privacy' },
    ]);
  });
});
