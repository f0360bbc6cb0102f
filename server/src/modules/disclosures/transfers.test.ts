import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { ProcessorsPartnersTokens1764420000000 as Migration } from '../../db/migrations/1764420000000-ProcessorsPartnersTokens';
import { asDatabaseOwner } from '../../test/database';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { hasAdequacyDecision } from './eea';

let server: TestServer;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as('admin');
});
afterAll(() => server?.close());

const FIELDS = `id country inEea safeguard necessity dpfCertified sccVersion sccSignedOn bcrReference agreementDate agreementReference subProcessors { name country activity } dataFields version`;
const CREATE = `mutation ($input: RecipientInput!) { createRecipient(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: RecipientInput!) { updateRecipient(id: $id, version: $v, input: $input) { ${FIELDS} } }`;

let seq = 0;
const processor = (input: Record<string, unknown>) => ({
  name: `Käsittelijä ${++seq} Ltd`,
  kind: 'PROCESSOR',
  bases: ['INVOICING'],
  necessity: 'The print house is abroad',
  ...input,
});
const refusal = async (input: Record<string, unknown>) => (await admin.gql(CREATE, { input: processor(input) })).errors?.[0].extensions;

describe('processors and transfers outside the EU/EEA', () => {
  it('[P9] refuses an adequacy decision for China', async () => {
    const before = await server.db.query(`SELECT count(*)::int AS n FROM recipients`);
    expect(await refusal({ country: 'CN', safeguard: 'ADEQUACY_DECISION' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'safeguard',
      reason: 'NO_ADEQUACY_DECISION',
    });
    expect(await server.db.query(`SELECT count(*)::int AS n FROM recipients`)).toEqual(before);
  });

  it('[P9] accepts an adequacy decision only for a country that has one', async () => {
    for (const country of ['JP', 'GB', 'CH', 'KR', 'CA']) {
      const r = await admin.gql(CREATE, { input: processor({ country, safeguard: 'ADEQUACY_DECISION' }) });
      expect(r.errors, country).toBeUndefined();
      expect(r.data.createRecipient).toMatchObject({ country, inEea: false, safeguard: 'ADEQUACY_DECISION' });
    }
    for (const country of ['IN', 'RU', 'AU']) expect(await refusal({ country, safeguard: 'ADEQUACY_DECISION' }), country).toMatchObject({ field: 'safeguard' });
    expect(hasAdequacyDecision('fi')).toBe(false); // inside the EEA no decision is needed, and the list holds none
  });

  it('[P9] the United States has an adequacy decision only for an organisation certified under the Data Privacy Framework', async () => {
    expect(await refusal({ country: 'US', safeguard: 'ADEQUACY_DECISION' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dpfCertified' });
    const certified = await admin.gql(CREATE, { input: processor({ country: 'US', safeguard: 'ADEQUACY_DECISION', dpfCertified: true }) });
    expect(certified.data.createRecipient).toMatchObject({ safeguard: 'ADEQUACY_DECISION', dpfCertified: true });
  });

  it('[P9] standard contractual clauses need their version and the date signed', async () => {
    const scc = { country: 'IN', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' };
    expect(await refusal(scc)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sccVersion' });
    expect(await refusal({ ...scc, sccVersion: 'new ones' })).toMatchObject({ field: 'sccVersion' });
    expect(await refusal({ ...scc, sccVersion: '2021/914' })).toMatchObject({ field: 'sccSignedOn' });
    expect(await refusal({ ...scc, sccVersion: '2021/914', sccSignedOn: '2025-02-30' })).toMatchObject({ field: 'sccSignedOn' });
    const ok = await admin.gql(CREATE, { input: processor({ ...scc, sccVersion: '2021/914', sccSignedOn: '2025-02-28' }) });
    expect(ok.data.createRecipient).toMatchObject({ sccVersion: '2021/914', sccSignedOn: '2025-02-28', bcrReference: null });
  });

  it('[P9] binding corporate rules need their approval reference', async () => {
    const bcr = { country: 'BR', safeguard: 'BINDING_CORPORATE_RULES' };
    expect(await refusal(bcr)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bcrReference' });
    const ok = await admin.gql(CREATE, { input: processor({ ...bcr, bcrReference: 'EDPB opinion 12/2024' }) });
    expect(ok.data.createRecipient).toMatchObject({ safeguard: 'BINDING_CORPORATE_RULES', bcrReference: 'EDPB opinion 12/2024', sccVersion: null });
  });

  it('[P9] a processor records its agreement, its sub-processors and the customer fields it processes', async () => {
    const created = await admin.gql(CREATE, {
      input: processor({
        country: 'FI',
        agreementDate: '2025-01-10',
        agreementReference: 'SOP-7',
        subProcessors: [{ name: 'Hosting Oy', country: 'se', activity: 'Servers' }],
        dataFields: ['email', 'firstName', 'email'],
        safeguard: 'STANDARD_CONTRACTUAL_CLAUSES',
      }),
    });
    // Inside the EU/EEA nothing is transferred: no safeguard or necessity is kept.
    expect(created.data.createRecipient).toMatchObject({
      inEea: true,
      safeguard: null,
      necessity: null,
      agreementDate: '2025-01-10',
      agreementReference: 'SOP-7',
      subProcessors: [{ name: 'Hosting Oy', country: 'SE', activity: 'Servers' }],
      dataFields: ['firstName', 'email'],
    });
    expect(await refusal({ country: 'FI', dataFields: ['password'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dataFields' });
    expect(await refusal({ country: 'FI', subProcessors: [{ name: 'X', country: 'ZZ', activity: 'Y' }] })).toMatchObject({ field: 'subProcessors.0.country' });
    expect(await refusal({ country: 'FI', agreementDate: '10.1.2025' })).toMatchObject({ field: 'agreementDate' });
    // An update that leaves the new terms out keeps them (an older client wipes nothing).
    const r = created.data.createRecipient;
    const renamed = await admin.gql(UPDATE, {
      id: r.id,
      v: r.version,
      input: { name: `Uusi ${++seq}`, kind: 'PROCESSOR', country: 'FI', bases: ['INVOICING'] },
    });
    expect(renamed.data.updateRecipient).toMatchObject({ agreementReference: 'SOP-7', dataFields: ['firstName', 'email'] });
  });

  it('[P9] the migration took away an adequacy decision a country does not have, and deactivated the recipient', async () => {
    const [row] = await server.db.query(
      `INSERT INTO recipients (name, kind, country, bases, safeguard, necessity) VALUES ('Legacy CN', 'PROCESSOR', 'CN', '{INVOICING}', 'ADEQUACY_DECISION', 'x') RETURNING id`,
    );
    await asDatabaseOwner(server, async (owner) => {
      const runner = { query: owner } as unknown as QueryRunner;
      await owner('BEGIN');
      try {
        await new Migration().down(runner);
        await new Migration().up(runner);
        expect((await owner(`SELECT safeguard, active FROM recipients WHERE id = $1`, [row.id]))[0]).toEqual({ safeguard: null, active: false });
        // Every partner firm became a processor in the registry.
        expect(await owner(`SELECT p.id FROM partners p WHERE NOT EXISTS (SELECT 1 FROM recipients r WHERE r.partner_id = p.id)`)).toEqual([]);
      } finally {
        await owner('ROLLBACK');
      }
    });
  });
});
