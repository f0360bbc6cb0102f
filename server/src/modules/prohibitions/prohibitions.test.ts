import type { AppAbility } from '@rekisteri/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor';
import { isAppError } from '../../errors';
import { actorWithRules, buildCustomer, buildUser, type BuiltPartner } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';

let server: TestServer;
let service: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  service = await server.as('service');
});
afterAll(() => server?.close());

const RECORD = `mutation ($c: UUID!, $input: ProhibitionInput!) { recordProhibition(customerId: $c, input: $input) { kind channel via } }`;
const LIFT = `mutation ($c: UUID!, $input: ProhibitionInput!) { liftProhibition(customerId: $c, input: $input) { kind channel via } }`;
/** The customers module's own query, with the id inline: the same text whatever type its argument has. */
const prohibitionsOf = async (client: TestClient, id: string) => client.gql(`{ customer(id: "${id}") { prohibitions { kind channel via note recordedBy } } }`);
const HISTORY = `query ($c: UUID!) { prohibitionHistory(customerId: $c) { kind channel action via recordedBy } }`;
/** A customer of the company's own (no partner firm), made for the test. */
const newCustomer = async (partner?: BuiltPartner) => (await buildCustomer(server.db, { partner })).id;

/** A caller with exactly these rules (raw CASL rules), for rights no demo role has. */
const actorWith = async (rules: AppAbility['rules']): Promise<Actor> => actorWithRules(await buildUser(server.db), rules);

/** The code and field of what a service call threw (null when it did not throw). */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, field: error.extensions.field };
    throw error;
  }
  return null;
}

describe('the prohibition ledger', () => {
  it('[P15] a recorded "no" is in force at once, with how it came in and who recorded it', async () => {
    const id = await newCustomer();
    const result = await service.gql(RECORD, { c: id, input: { kind: 'DIRECT_MARKETING', via: 'CUSTOMER_SERVICE', note: 'Soitti asiakaspalveluun' } });
    expect(result.data.recordProhibition).toEqual([{ kind: 'DIRECT_MARKETING', channel: null, via: 'CUSTOMER_SERVICE' }]);
    const current = (await prohibitionsOf(await server.as('marketing'), id)).data.customer.prohibitions;
    expect(current).toEqual([{ kind: 'DIRECT_MARKETING', channel: null, via: 'CUSTOMER_SERVICE', note: 'Soitti asiakaspalveluun', recordedBy: 'service' }]);
    const [event] = await server.db.query(`SELECT actor_username, detail FROM audit_events WHERE action = 'PROHIBITION_SET' AND customer_id = $1`, [id]);
    expect(event).toMatchObject({ actor_username: 'service', detail: { kind: 'DIRECT_MARKETING', via: 'CUSTOMER_SERVICE' } });
  });

  it("[P15] lifting needs the customer's notice and a prohibition in force; the ledger keeps both", async () => {
    const id = await newCustomer();
    const missing = await service.gql(LIFT, { c: id, input: { kind: 'PROFILING', via: 'EMAIL' } });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    const noVia = await service.gql(LIFT, { c: id, input: { kind: 'PROFILING' } });
    expect(codes(noVia)).toEqual(['BAD_USER_INPUT']);
    await service.gql(RECORD, { c: id, input: { kind: 'PROFILING', via: 'WEB_FORM' } });
    const lifted = await service.gql(LIFT, { c: id, input: { kind: 'PROFILING', via: 'EMAIL', note: 'Asiakas perui kiellon' } });
    expect(lifted.data.liftProhibition).toEqual([]);
    const history = (await service.gql(HISTORY, { c: id })).data.prohibitionHistory;
    expect(history).toEqual([
      { kind: 'PROFILING', channel: null, action: 'LIFT', via: 'EMAIL', recordedBy: 'service' },
      { kind: 'PROFILING', channel: null, action: 'SET', via: 'WEB_FORM', recordedBy: 'service' },
    ]);
  });

  it('[P5] a channel-scoped prohibition and an all-channel one are separate: lifting one leaves the other', async () => {
    const id = await newCustomer();
    await service.gql(RECORD, { c: id, input: { kind: 'LIST_PUBLICATION', via: 'LETTER' } });
    await service.gql(RECORD, { c: id, input: { kind: 'LIST_PUBLICATION', channel: 'EMAIL', via: 'EMAIL' } });
    const after = await service.gql(LIFT, { c: id, input: { kind: 'LIST_PUBLICATION', channel: 'EMAIL', via: 'EMAIL' } });
    expect(after.data.liftProhibition).toEqual([{ kind: 'LIST_PUBLICATION', channel: null, via: 'LETTER' }]);
  });

  it('[P15] recording a "no" already in force says so and appends nothing', async () => {
    const id = await newCustomer();
    const input = { kind: 'DIRECT_MARKETING', channel: 'EMAIL', via: 'EMAIL' };
    expect((await service.gql(RECORD, { c: id, input })).errors).toBeUndefined();
    const again = await service.gql(RECORD, { c: id, input: { ...input, via: 'PHONE', note: 'Soitti uudelleen' } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'ALREADY_IN_FORCE', field: 'kind', via: 'EMAIL' });
    expect(again.errors![0].extensions!.recordedAt).toEqual(expect.any(String));
    const rows = await server.db.query(`SELECT action, via FROM prohibition_events WHERE customer_id = $1`, [id]);
    expect(rows).toEqual([{ action: 'SET', via: 'EMAIL' }]);
    const audits = await server.db.query(`SELECT 1 FROM audit_events WHERE action = 'PROHIBITION_SET' AND customer_id = $1`, [id]);
    expect(audits).toHaveLength(1);
    // The all-channel "no" is another prohibition, and lifting then setting again is a new entry.
    expect((await service.gql(RECORD, { c: id, input: { kind: 'DIRECT_MARKETING', via: 'EMAIL' } })).errors).toBeUndefined();
    await service.gql(LIFT, { c: id, input });
    expect((await service.gql(RECORD, { c: id, input })).errors).toBeUndefined();
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM prohibition_events WHERE customer_id = $1`, [id]);
    expect(n).toBe(4);
  });

  it('[P15] ten identical notices at once leave one entry in the ledger', async () => {
    const id = await newCustomer();
    const input = { kind: 'DISTANCE_SELLING', channel: 'PHONE', via: 'PHONE' };
    const clients = await Promise.all(Array.from({ length: 10 }, () => server.as('service')));
    const results = await Promise.all(clients.map((client) => client.gql(RECORD, { c: id, input })));
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.flatMap(codes).sort()).toEqual(Array(9).fill('ALREADY_IN_FORCE'));
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM prohibition_events WHERE customer_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('[P15] the ledger is never rewritten: the database refuses UPDATE and DELETE', async () => {
    await expect(server.db.query(`UPDATE prohibition_events SET action = 'LIFT'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(server.db.query(`DELETE FROM prohibition_events`)).rejects.toThrow(/permission denied|append-only/);
  });

  it('refuses a notice that claims to come from an earlier prohibition', async () => {
    const result = await service.gql(RECORD, { c: await newCustomer(), input: { kind: 'PROFILING', via: 'EARLIER_PROHIBITION' } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'via' });
  });

  it('[P15] service and privacy officers record and lift; sales and marketing only read; partners read their own', async () => {
    const id = await newCustomer();
    for (const username of ['sales', 'marketing', 'admin', 'partner']) {
      const client = await server.as(username);
      const result = await client.gql(RECORD, { c: id, input: { kind: 'DIRECT_MARKETING', via: 'PHONE' } });
      expect(codes(result), username).toEqual(['FORBIDDEN']);
    }
    expect((await (await server.as('privacy')).gql(RECORD, { c: id, input: { kind: 'DIRECT_MARKETING', via: 'PHONE' } })).errors).toBeUndefined();
    expect((await prohibitionsOf(await server.as('sales'), id)).data.customer.prohibitions).toHaveLength(1);
    const partner = await server.as('partner');
    expect(codes(await partner.gql(HISTORY, { c: id }))).toEqual(['NOT_FOUND']);
    const [firm] = await server.db.query(`SELECT p.id, p.name FROM users u JOIN partners p ON p.id = u.partner_id WHERE u.username = 'partner'`);
    const own = await newCustomer(firm);
    expect((await prohibitionsOf(partner, own)).errors).toBeUndefined();
    expect((await partner.gql(HISTORY, { c: own })).errors).toBeUndefined();
  });
  it('[P15] a notice is checked field by field against the table: one field outside refuses it, and nothing is recorded', async () => {
    const id = await newCustomer();
    const noNotes = await actorWith([
      { action: 'read', subject: 'Customer' },
      { action: 'create', subject: 'Prohibition', fields: ['kind', 'channel', 'via'] },
    ]);
    const notice = { kind: 'DIRECT_MARKETING', via: 'PHONE', note: 'Soitti' } as never;
    expect(await refusal(server.services.prohibitions.record(noNotes, id, notice))).toEqual({ code: 'FORBIDDEN', field: 'note' });
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM prohibition_events WHERE customer_id = $1`, [id]);
    expect(n).toBe(0);
    expect(await refusal(server.services.prohibitions.record(noNotes, id, { kind: 'DIRECT_MARKETING', via: 'PHONE' } as never))).toBeNull();
  });

  it('a malformed customer id is bad input, never a server error', async () => {
    for (const query of [
      `mutation { recordProhibition(customerId: "------------------------------------", input: { kind: PROFILING, via: PHONE }) { kind } }`,
      `mutation { liftProhibition(customerId: "1", input: { kind: PROFILING, via: PHONE }) { kind } }`,
      `{ prohibitionHistory(customerId: "x") { kind } }`,
    ]) {
      expect(codes(await service.gql(query)), query).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('suppression after erasure', () => {
  it("[P17] a new record with an erased person's email or phone gets their prohibitions back", async () => {
    const person = await buildCustomer(server.db);
    const id = person.id;
    await service.gql(RECORD, { c: id, input: { kind: 'DISTANCE_SELLING', channel: 'PHONE', via: 'PHONE' } });
    await service.gql(RECORD, { c: id, input: { kind: 'DIRECT_MARKETING', via: 'EMAIL' } });
    // What the erasure will do: keep the keys, then wipe the person.
    await server.db.transaction(async (tx) => {
      expect(await server.services.suppression.retain(tx, id)).toBe(2);
      await tx.query(
        `UPDATE customers SET first_name = 'Poistettu', last_name = 'Poistettu', email = NULL, phone = NULL, anonymised_at = now() WHERE id = $1`,
        [id],
      );
    });
    const stored = JSON.stringify(await server.db.query(`SELECT * FROM suppression_keys`));
    expect(stored).not.toContain(person.email!);
    expect(stored).not.toContain(person.phone!);

    const sales = await server.as('sales');
    const created = await sales.gql(`mutation ($e: String) { createCustomer(input: { firstName: "Palaava", lastName: "Asiakas", email: $e }) { id } }`, {
      e: person.email!.toUpperCase(),
    });
    const back = (await prohibitionsOf(service, created.data.createCustomer.id)).data.customer.prohibitions;
    expect(back.map((p: { kind: string; channel: string | null; via: string }) => [p.kind, p.channel, p.via]).sort()).toEqual([
      ['DIRECT_MARKETING', null, 'EARLIER_PROHIBITION'],
      ['DISTANCE_SELLING', 'PHONE', 'EARLIER_PROHIBITION'],
    ]);

    // The phone alone brings it back too, on an edit.
    const other = await buildCustomer(server.db);
    await service.gql(
      `mutation ($v: Int!, $p: String) { updateCustomer(id: "${other.id}", version: $v, input: { phone: $p }, confirmDuplicates: true) { id } }`,
      {
        v: other.version,
        p: person.phone,
      },
    );
    expect((await prohibitionsOf(service, other.id)).data.customer.prohibitions).toHaveLength(2);
  });

  it('keeps nothing for a person who forbade nothing', async () => {
    const id = await newCustomer();
    const kept = await server.db.transaction((tx) => server.services.suppression.retain(tx, id));
    expect(kept).toBe(0);
  });
});
