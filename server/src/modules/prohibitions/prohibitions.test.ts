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

  it('[P15] the ledger is never rewritten: the database refuses UPDATE and DELETE', async () => {
    await expect(server.db.query(`UPDATE prohibition_events SET action = 'LIFT'`)).rejects.toThrow(/append-only/);
    await expect(server.db.query(`DELETE FROM prohibition_events`)).rejects.toThrow(/append-only/);
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

describe('external opt-out lists', () => {
  const IMPORT = `mutation ($input: ImportOptOutListInput!) { importOptOutList(input: $input) { id name validFrom rowCount } }`;
  const csv = (rows: string[]) => ['nimi;katuosoite;postinumero;puhelin', ...rows].join('\n');

  it('[P15] imports a named list; a newer one replaces it; an older one is refused', async () => {
    const marketing = await server.as('marketing');
    const first = await marketing.gql(IMPORT, {
      input: {
        name: 'ASML puhelin',
        validFrom: '2026-01-01',
        csv: csv(['Korhonen Aino;Mannerheimintie 5;00100;040 123 4567', 'Vain Nimi;;;', ';;;0501234567']),
      },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data.importOptOutList).toMatchObject({ name: 'ASML puhelin', rowCount: 2 });
    const [entry] = await server.db.query(`SELECT phone, name_key, street_key FROM opt_out_entries WHERE phone = '+358401234567'`);
    expect(entry).toEqual({ phone: '+358401234567', name_key: 'aino korhonen', street_key: 'mannerheimintie 5' });

    const newer = await marketing.gql(IMPORT, { input: { name: 'ASML puhelin', validFrom: '2026-06-01', csv: csv([';;;0409999999']) } });
    expect(newer.data.importOptOutList.rowCount).toBe(1);
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM opt_out_entries`);
    expect(n).toBe(1);
    const older = await marketing.gql(IMPORT, { input: { name: 'ASML puhelin', validFrom: '2025-01-01', csv: csv([';;;0401111111']) } });
    expect(older.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validFrom' });
  });

  it('refuses a CSV without the needed columns, and sales may not import', async () => {
    const marketing = await server.as('marketing');
    const bad = await marketing.gql(IMPORT, { input: { name: 'X', validFrom: '2026-01-01', csv: 'foo,bar\n1,2' } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    const sales = await server.as('sales');
    expect(codes(await sales.gql(IMPORT, { input: { name: 'Y', validFrom: '2026-01-01', csv: csv([';;;0401234567']) } }))).toEqual(['FORBIDDEN']);
  });

  it('[P15] an import is checked field by field against the table', async () => {
    const anyChannelOnly = await actorWith([{ action: 'create', subject: 'OptOutList', fields: ['name', 'validFrom', 'validUntil'] }]);
    const input = { name: 'Kanavalla', channel: 'PHONE', validFrom: '2026-01-01', csv: 'phone\n0401234567' } as never;
    expect(await refusal(server.services.optOutLists.import(anyChannelOnly, input))).toEqual({ code: 'FORBIDDEN', field: 'channel' });
    expect(await server.db.query(`SELECT id FROM opt_out_lists WHERE name = 'Kanavalla'`)).toEqual([]);
  });

  it('normalises names and streets alike for matching', async () => {
    const [row] = await server.db.query(
      `SELECT rk_name_key('Korhonen, Aino') = rk_name_key('  aino   KORHONEN ') AS names, rk_street_key(' Mannerheimintie  5 ') AS street`,
    );
    expect(row).toEqual({ names: true, street: 'mannerheimintie 5' });
  });
});
