import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { DEFAULT_RETENTION } from './retention';

let server: TestServer;
let admin: TestClient;
let privacy: TestClient;
let sales: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  [admin, privacy, sales] = await Promise.all([server.as('admin'), server.as('privacy'), server.as('sales')]);
});
afterAll(() => server?.close());

const FIELDS =
  'controllerName controllerBusinessId controllerAddress controllerPhone controllerEmail contactName signerName inactiveCustomerMonths auditLogMonths version';
const READ = `{ registerConfig { ${FIELDS} } }`;
const UPDATE = `mutation ($v: Int!, $input: RegisterConfigInput!) { updateRegisterConfig(version: $v, input: $input) { ${FIELDS} } }`;

describe('the register configuration (P18)', () => {
  it('[P18] an admin names the controller and the retention periods; the change is versioned and audited, and the purge jobs read the new period', async () => {
    const before = (await admin.gql(READ)).data.registerConfig;
    expect(before.inactiveCustomerMonths).toBe(DEFAULT_RETENTION.inactiveCustomerMonths);
    const changed = await admin.gql(UPDATE, {
      v: before.version,
      input: {
        controllerName: 'Kauppahuone Testi Oy',
        controllerBusinessId: '0737546-2',
        controllerAddress: ' Keilakatu 1 \n\n 02150 Espoo ',
        controllerPhone: '040 585 8244',
        controllerEmail: 'Tietosuoja@Testi.EXAMPLE',
        contactName: 'Jukka Uotila',
        signerName: 'Maija Vastaava',
        inactiveCustomerMonths: 48,
      },
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateRegisterConfig).toMatchObject({
      controllerName: 'Kauppahuone Testi Oy',
      controllerAddress: 'Keilakatu 1\n02150 Espoo',
      controllerPhone: '+358405858244',
      controllerEmail: 'tietosuoja@testi.example',
      inactiveCustomerMonths: 48,
      auditLogMonths: before.auditLogMonths,
      version: before.version + 1,
    });
    expect(await server.services.registerConfig.retention()).toMatchObject({ inactiveCustomerMonths: 48 });
    const audit = await server.db.query(
      `SELECT actor_username, fields, detail FROM audit_events WHERE action = 'REGISTER_CONFIG_UPDATED' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0].actor_username).toBe('admin');
    expect(audit[0].fields).toContain('inactive_customer_months');
    expect(audit[0].detail.before.inactive_customer_months).toBe(DEFAULT_RETENTION.inactiveCustomerMonths);
    expect(audit[0].detail.after.inactive_customer_months).toBe(48);
  });

  it('[P18] a change made at a stale version answers CONFLICT and changes nothing', async () => {
    const { version } = (await admin.gql(READ)).data.registerConfig;
    const first = await admin.gql(UPDATE, { v: version, input: { contactName: 'Ensimmäinen' } });
    expect(first.errors).toBeUndefined();
    const stale = await admin.gql(UPDATE, { v: version, input: { contactName: 'Toinen' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await admin.gql(READ)).data.registerConfig.contactName).toBe('Ensimmäinen');
  });

  it('[P18] bad input is refused naming the field, and nothing changes', async () => {
    const { version } = (await admin.gql(READ)).data.registerConfig;
    for (const [input, field] of [
      [{ controllerBusinessId: '1234567-8' }, 'controllerBusinessId'],
      [{ controllerEmail: 'not an address' }, 'controllerEmail'],
      [{ auditLogMonths: 0 }, 'auditLogMonths'],
    ] as const) {
      const result = await admin.gql(UPDATE, { v: version, input });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0].extensions?.field).toBe(field);
    }
    expect((await admin.gql(READ)).data.registerConfig.version).toBe(version);
  });

  it('[P18] every bad field of one change is named at once, the first as the error field', async () => {
    const before = (await admin.gql(READ)).data.registerConfig;
    const result = await admin.gql(UPDATE, {
      v: before.version,
      input: { controllerBusinessId: '1234567-8', controllerEmail: 'not an address', contactName: 'Kelpaa', auditLogMonths: 0 },
    });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    const problems = result.errors?.[0].extensions?.fields as { field: string }[];
    expect(problems.map((p) => p.field)).toEqual(['controllerBusinessId', 'controllerEmail', 'auditLogMonths']);
    expect(result.errors?.[0].extensions?.field).toBe('controllerBusinessId');
    expect((await admin.gql(READ)).data.registerConfig).toEqual(before);
  });

  it('[P18] [P12] a privacy officer reads the configuration but may not change it; other roles may not read it', async () => {
    const read = await privacy.gql(READ);
    expect(read.errors).toBeUndefined();
    const write = await privacy.gql(UPDATE, { v: read.data.registerConfig.version, input: { controllerName: 'Joku muu Oy' } });
    expect(codes(write)).toEqual(['FORBIDDEN']);
    expect(codes(await sales.gql(READ))).toEqual(['FORBIDDEN']);
  });
});
