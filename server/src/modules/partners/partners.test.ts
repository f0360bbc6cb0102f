import 'reflect-metadata';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../app';
import { ManualClock } from '../../clock';
import { createLogger } from '../../logger';
import { buildCustomer, buildPartner, buildUser } from '../../test/factories';
import { codes, startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../test/harness';

const clock = new ManualClock();
let server: TestServer;
/** A second server process on the same database. */
let other: App;
let admin: TestClient;
const RATE_LIMIT = 8;
beforeAll(async () => {
  clock.set(new Date());
  server = await startTestServer({ API_TOKEN_RATE_LIMIT: String(RATE_LIMIT) }, { clock });
  other = await createApp(server.config, { dataSource: server.db, kind: 'embedded', close: async () => {} }, createLogger('silent'), { clock });
  admin = await server.as('admin');
});
afterAll(async () => {
  await other?.stop();
  await server?.close();
});

const PARTNER = `id name businessId active customerFields version processor { id kind country inEea dataFields agreementDate agreementReference partnerId }`;
const CREATE = `mutation ($input: PartnerInput!) { createPartner(input: $input) { ${PARTNER} } }`;
const UPDATE = `mutation ($id: UUID!, $v: Int!, $input: PartnerInput!) { updatePartner(id: $id, version: $v, input: $input) { ${PARTNER} } }`;
const ISSUE = `mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { secret token { id name prefix scopes expiresAt active } } }`;
const REVOKE = `mutation ($id: UUID!) { revokeApiToken(id: $id) { id active revokedAt } }`;

let seq = 0;
const firmInput = (input: Record<string, unknown> = {}) => ({
  name: `Asiakaspalvelu ${++seq} Oy`,
  businessId: '0112038-9',
  country: 'FI',
  agreementDate: '2025-02-01',
  agreementReference: `DPA-${seq}`,
  customerFields: ['firstName', 'lastName', 'email'],
  ...input,
});

async function firm(input: Record<string, unknown> = {}) {
  const result = await admin.gql(CREATE, { input: firmInput(input) });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.createPartner;
}

async function token(partnerId: string, scopes = ['READ_CUSTOMERS'], hours = 24) {
  const result = await admin.gql(ISSUE, {
    input: { partnerId, name: 'CRM-integraatio', scopes, expiresAt: new Date(clock.now().getTime() + hours * 3_600_000).toISOString() },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.issueApiToken as { secret: string; token: { id: string; prefix: string; active: boolean } };
}

/** A partner system's call: a bearer token, no cookie. */
const bearer = (secret: string, query: string, variables: Record<string, unknown> = {}, app = server.app) =>
  request(app).post('/graphql').set('Authorization', `Bearer ${secret}`).send({ query, variables });

const CUSTOMER = `query ($id: UUID!) { customer(id: $id) { id firstName email phone } }`;

describe('partner firms', () => {
  it('[P4] an admin registers a partner firm, which is also a processor in the registry with its agreement and field scope', async () => {
    const created = await firm();
    expect(created).toMatchObject({ businessId: '0112038-9', active: true, customerFields: ['firstName', 'lastName', 'email'], version: 1 });
    expect(created.processor).toMatchObject({
      kind: 'PROCESSOR',
      country: 'FI',
      inEea: true,
      dataFields: ['firstName', 'lastName', 'email'],
      agreementDate: '2025-02-01',
      partnerId: created.id,
    });
    const recipients = await admin.gql(`{ recipients { id partnerId } }`);
    expect(recipients.data.recipients).toContainEqual({ id: created.processor.id, partnerId: created.id });
    const audit = await server.db.query(`SELECT actor_username FROM audit_events WHERE action = 'PARTNER_CREATED' AND detail->>'partnerId' = $1`, [created.id]);
    expect(audit).toEqual([{ actor_username: 'admin' }]);
  });

  it("[P4] a firm's field scope is a subset of PARTNER's fields in the permission table; a bad business ID is refused at the field", async () => {
    const before = await server.db.query(`SELECT count(*)::int AS n FROM partners`);
    const orders = await admin.gql(CREATE, { input: firmInput({ customerFields: ['firstName', 'orders'] }) });
    expect(orders.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customerFields' });
    const badId = await admin.gql(CREATE, { input: firmInput({ businessId: '0112038-8' }) });
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'businessId' });
    expect(await server.db.query(`SELECT count(*)::int AS n FROM partners`)).toEqual(before);
  });

  it('[P9] a partner firm outside the EU/EEA needs a safeguard that fits its country', async () => {
    const china = await admin.gql(CREATE, { input: firmInput({ country: 'CN', safeguard: 'ADEQUACY_DECISION', necessity: 'Support desk' }) });
    expect(china.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'safeguard', reason: 'NO_ADEQUACY_DECISION' });
    const withClauses = await firm({
      name: 'Support Ltd',
      businessId: 'GB123456',
      country: 'IN',
      safeguard: 'STANDARD_CONTRACTUAL_CLAUSES',
      sccVersion: '2021/914',
      sccSignedOn: '2025-05-01',
      necessity: 'Round-the-clock customer support',
    });
    expect(withClauses.processor).toMatchObject({ country: 'IN', inEea: false });
  });

  it('[P4] only an admin manages firms and issues tokens', async () => {
    const target = await firm();
    for (const username of ['sales', 'privacy', 'partner']) {
      const client = await server.as(username);
      expect(codes(await client.gql(CREATE, { input: firmInput() })), username).toEqual(['FORBIDDEN']);
      expect(codes(await client.gql(UPDATE, { id: target.id, v: target.version, input: firmInput({ name: target.name }) })), username).toEqual(['FORBIDDEN']);
      const issue = await client.gql(ISSUE, {
        input: { partnerId: target.id, name: 'x', scopes: ['READ_CUSTOMERS'], expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString() },
      });
      expect(codes(issue), username).toEqual(['FORBIDDEN']);
    }
  });

  it('[P4] a stale version of a firm answers CONFLICT and changes nothing', async () => {
    const f = await firm();
    const first = await admin.gql(UPDATE, { id: f.id, v: f.version, input: firmInput({ name: f.name, businessId: null }) });
    expect(first.errors).toBeUndefined();
    const stale = await admin.gql(UPDATE, { id: f.id, v: f.version, input: firmInput({ name: `${f.name} B` }) });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await server.db.query(`SELECT name, version FROM partners WHERE id = $1`, [f.id]))[0]).toEqual({ name: f.name, version: 2 });
  });

  it("[P4] a deactivated firm's users lose access at the next request", async () => {
    const f = await firm();
    const user = await buildUser(server.db, { roles: ['PARTNER'], partner: { id: f.id, name: f.name } });
    const staff = server.client();
    expect((await staff.login(user.username, TEST_PASSWORD)).errors).toBeUndefined();
    const customer = await buildCustomer(server.db, { partner: { id: f.id, name: f.name } });
    expect((await staff.gql(CUSTOMER, { id: customer.id })).data.customer.email).toBe(customer.email);
    const { secret } = await token(f.id);
    expect((await bearer(secret, CUSTOMER, { id: customer.id })).status).toBe(200);

    const off = await admin.gql(UPDATE, { id: f.id, v: f.version, input: firmInput({ name: f.name, active: false }) });
    expect(off.data.updatePartner.active).toBe(false);
    expect(codes(await staff.gql(CUSTOMER, { id: customer.id }))).toEqual(['UNAUTHENTICATED']);
    expect((await bearer(secret, CUSTOMER, { id: customer.id }, other.app)).status).toBe(401);
    expect(codes(await server.client().login(user.username, TEST_PASSWORD))).toEqual(['UNAUTHENTICATED']);
    expect(await server.db.query(`SELECT 1 FROM audit_events WHERE action = 'PARTNER_DEACTIVATED' AND detail->>'partnerId' = $1`, [f.id])).toHaveLength(1);
  });
});

describe('partner users belong to a firm', () => {
  const ASSIGN = `mutation ($id: UUID!, $p: UUID!) { assignUserPartner(id: $id, partnerId: $p) { id partner { id } } }`;

  it("[P4] a PARTNER user assigned to another firm sees that firm's customers, and only them, at the next request", async () => {
    const [a, b] = [await firm(), await firm({ customerFields: ['firstName'] })];
    const user = await buildUser(server.db, { roles: ['PARTNER'], partner: { id: a.id, name: a.name } });
    const staff = server.client();
    expect((await staff.login(user.username, TEST_PASSWORD)).errors).toBeUndefined();
    const [ofA, ofB] = [
      await buildCustomer(server.db, { partner: { id: a.id, name: a.name } }),
      await buildCustomer(server.db, { partner: { id: b.id, name: b.name } }),
    ];
    expect((await staff.gql(CUSTOMER, { id: ofA.id })).data.customer.email).toBe(ofA.email);
    expect(codes(await staff.gql(CUSTOMER, { id: ofB.id }))).toEqual(['NOT_FOUND']);

    expect(codes(await (await server.as('privacy')).gql(ASSIGN, { id: user.id, p: b.id }))).toEqual(['FORBIDDEN']);
    const moved = await admin.gql(ASSIGN, { id: user.id, p: b.id });
    expect(moved.data.assignUserPartner.partner.id).toBe(b.id);
    expect(codes(await staff.gql(CUSTOMER, { id: ofA.id }))).toEqual(['NOT_FOUND']);
    const read = await staff.gql(CUSTOMER, { id: ofB.id });
    expect(read.data.customer).toMatchObject({ firstName: ofB.firstName, email: null });
    expect(read.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    const sales = await server.db.query(`SELECT id FROM users WHERE username = 'sales'`);
    expect((await admin.gql(ASSIGN, { id: sales[0].id, p: b.id })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partner' });
  });
});

describe('API tokens of partner systems', () => {
  it('[P4] a token is shown once and stored hashed', async () => {
    const f = await firm();
    const issued = await token(f.id);
    expect(issued.secret).toMatch(/^rkt_[A-Za-z0-9_-]{43}$/);
    expect(issued.secret.startsWith(issued.token.prefix)).toBe(true);
    const [row] = await server.db.query(`SELECT to_jsonb(t) AS t FROM api_tokens t WHERE id = $1`, [issued.token.id]);
    expect(row.t.secret_hash).toBe(createHash('sha256').update(issued.secret).digest('base64url'));
    expect(JSON.stringify(row.t)).not.toContain(issued.secret.slice(10));
    // Listed afterwards without any secret: the type has none.
    const listed = await admin.gql(`{ partners { id tokens { id prefix active lastUsedAt } } }`);
    expect(listed.data.partners.find((p: { id: string }) => p.id === f.id).tokens).toEqual([
      { id: issued.token.id, prefix: issued.token.prefix, active: true, lastUsedAt: null },
    ]);
    expect(codes(await admin.gql(`{ partners { tokens { secret } } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it("[P4] a token reads through the same permission table: only its firm's customers, and a field outside the firm's scope is denied", async () => {
    const f = await firm({ customerFields: ['firstName', 'email'] });
    const own = await buildCustomer(server.db, { partner: { id: f.id, name: f.name } });
    const others = await buildCustomer(server.db, { partner: true });
    const { secret, token: t } = await token(f.id);
    const read = await bearer(secret, CUSTOMER, { id: own.id });
    expect(read.body.data.customer).toMatchObject({ id: own.id, firstName: own.firstName, email: own.email, phone: null });
    expect(read.body.errors).toEqual([expect.objectContaining({ path: ['customer', 'phone'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    expect(codes((await bearer(secret, CUSTOMER, { id: others.id })).body)).toEqual(['NOT_FOUND']);
    // Audited as a token of the firm: its technical account belongs to the firm and says so by name.
    const [read_] = await server.db.query(
      `SELECT e.actor_username, u.partner_id, u.display_name FROM audit_events e JOIN users u ON u.id = e.actor_id
        WHERE e.action = 'CUSTOMER_READ' AND e.customer_id = $1`,
      [own.id],
    );
    expect(read_.actor_username).toMatch(/^api\.asiakaspalvelu-\d+-oy\.[0-9a-f]{6}$/);
    expect(read_).toMatchObject({ partner_id: f.id, display_name: `API token "CRM-integraatio" of ${f.name}` });
    expect((await server.db.query(`SELECT last_used_at FROM api_tokens WHERE id = $1`, [t.id]))[0].last_used_at).not.toBeNull();
    // A read-only token writes nothing.
    const write = await bearer(secret, `mutation ($id: UUID!) { updateCustomer(id: $id, version: 1, input: { email: "x@example.com" }) { id } }`, {
      id: own.id,
    });
    expect(codes(write.body)).toEqual(['FORBIDDEN']);
  });

  it("[P7] a customer delivered through a subcontractor's token records SUBCONTRACTOR and the firm", async () => {
    const f = await firm({ customerFields: ['firstName', 'lastName', 'email'] });
    const { secret } = await token(f.id, ['READ_CUSTOMERS', 'WRITE_CUSTOMERS']);
    const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!, $source: ProvenanceInput) { createCustomer(input: $input, source: $source) { id firstName } }`;
    const outside = await bearer(secret, CREATE_CUSTOMER, { input: { firstName: 'Alli', lastName: 'Alihankinta', phone: '+358401234567' } });
    expect(outside.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'phone' });
    const email = `alli.${Date.now()}@example.com`;
    const created = await bearer(secret, CREATE_CUSTOMER, { input: { firstName: 'Alli', lastName: 'Alihankinta', email }, source: { source: 'WEB_SHOP' } });
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createCustomer.id;
    expect((await server.db.query(`SELECT source, partner_id FROM customers WHERE id = $1`, [id]))[0]).toEqual({ source: 'SUBCONTRACTOR', partner_id: f.id });
    const provenance = await server.db.query(`SELECT DISTINCT source, detail FROM customer_provenance WHERE customer_id = $1`, [id]);
    expect(provenance).toEqual([{ source: 'SUBCONTRACTOR', detail: f.name }]);
    const [event] = await server.db.query(`SELECT actor_username, detail FROM audit_events WHERE action = 'CUSTOMER_CREATED' AND customer_id = $1`, [id]);
    expect(event.actor_username).toMatch(/^api\./);
    expect(event.detail).toMatchObject({ source: 'SUBCONTRACTOR', sourceDetail: f.name });
  });

  it("[P7] a customer's update prohibition holds against a subcontractor's system: its name is not changed, its e-mail is", async () => {
    const f = await firm({ customerFields: ['firstName', 'lastName', 'email'] });
    const { secret } = await token(f.id, ['READ_CUSTOMERS', 'WRITE_CUSTOMERS']);
    const email = `kielto.${Date.now()}@example.com`;
    const created = await bearer(secret, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id version } }`, {
      input: { firstName: 'Kielto', lastName: 'Alihankinta', email },
    });
    expect(created.body.errors).toBeUndefined();
    const { id } = created.body.data.createCustomer;
    const service = await server.as('service');
    const recorded = await service.gql(`mutation ($id: UUID!) { recordUpdateProhibition(customerId: $id, input: { via: LETTER }) { via } }`, { id });
    expect(recorded.errors).toBeUndefined();
    const version = (await server.db.query(`SELECT version FROM customers WHERE id = $1`, [id]))[0].version;
    const UPDATE_CUSTOMER = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { lastName email } }`;
    const renamed = await bearer(secret, UPDATE_CUSTOMER, { id, v: version, input: { lastName: 'Muutettu' } });
    expect(renamed.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'lastName', reason: 'UPDATE_PROHIBITED' });
    expect((await server.db.query(`SELECT last_name FROM customers WHERE id = $1`, [id]))[0].last_name).toBe('Alihankinta');
    const newEmail = `uusi.${email}`;
    const reached = await bearer(secret, UPDATE_CUSTOMER, { id, v: version, input: { email: newEmail } });
    expect(reached.body.errors).toBeUndefined();
    expect(reached.body.data.updateCustomer).toEqual({ lastName: 'Alihankinta', email: newEmail });
    // Staff too cannot enter a name from a store's list, but can from the customer's own notice.
    const STAFF_UPDATE = `mutation ($id: UUID!, $v: Int!, $input: UpdateCustomerInput!, $source: ProvenanceInput) { updateCustomer(id: $id, version: $v, input: $input, source: $source) { lastName } }`;
    const current = (await server.db.query(`SELECT version FROM customers WHERE id = $1`, [id]))[0].version;
    const fromList = await service.gql(STAFF_UPDATE, {
      id,
      v: current,
      input: { lastName: 'Listalta' },
      source: { source: 'STORE_PURCHASE', detail: 'Myymälä' },
    });
    expect(fromList.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UPDATE_PROHIBITED' });
    const own = await service.gql(STAFF_UPDATE, { id, v: current, input: { lastName: 'Ilmoittama' }, source: { source: 'CUSTOMER_NOTICE' } });
    expect(own.errors).toBeUndefined();
    expect(own.data.updateCustomer.lastName).toBe('Ilmoittama');
  });

  it('[P4] a revoked token is refused at the next request', async () => {
    const f = await firm();
    const { secret, token: t } = await token(f.id);
    expect((await bearer(secret, `{ partners { id } }`)).status).toBe(200);
    const revoked = await admin.gql(REVOKE, { id: t.id });
    expect(revoked.data.revokeApiToken).toMatchObject({ id: t.id, active: false });
    for (const app of [server.app, other.app]) {
      const refused = await bearer(secret, `{ partners { id } }`, {}, app);
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('[P4] an expired token is refused at the next request', async () => {
    const f = await firm();
    const { secret } = await token(f.id, ['READ_CUSTOMERS'], 1);
    expect((await bearer(secret, `{ partners { id } }`)).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + 2 * 3_600_000));
    expect((await bearer(secret, `{ partners { id } }`)).status).toBe(401);
  });

  it('[P4] a token is throttled across server processes: 429 with Retry-After until the window ends', async () => {
    const f = await firm();
    const { secret } = await token(f.id);
    const apps = [server.app, other.app];
    for (let i = 0; i < RATE_LIMIT; i++) expect((await bearer(secret, `{ partners { id } }`, {}, apps[i % 2])).status, `request ${i + 1}`).toBe(200);
    for (const app of apps) {
      const refused = await bearer(secret, `{ partners { id } }`, {}, app);
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another token of the firm has its own count.
    expect((await bearer((await token(f.id)).secret, `{ partners { id } }`)).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + server.config.apiTokenRateLimit.windowMs + 1000));
    expect((await bearer(secret, `{ partners { id } }`, {}, other.app)).status).toBe(200);
  });

  it('[P4] a bearer request never falls back to a session cookie, and an unknown token is refused', async () => {
    const cookie = admin.cookies().map((c) => c.split(';')[0]);
    const forged = await request(server.app)
      .post('/graphql')
      .set('Cookie', cookie)
      .set('Authorization', 'Bearer rkt_not-a-real-token')
      .send({ query: '{ partners { id } }' });
    expect(forged.status).toBe(401);
    const malformed = await request(server.app).post('/graphql').set('Authorization', 'Bearer').send({ query: '{ partners { id } }' });
    expect(malformed.status).toBe(401);
    // A token's technical account cannot sign in.
    const [account] = await server.db.query(`SELECT u.username FROM api_tokens t JOIN users u ON u.id = t.user_id LIMIT 1`);
    expect(codes(await server.client().login(account.username, TEST_PASSWORD))).toEqual(['UNAUTHENTICATED']);
  });

  it('[P4] a token is not issued to a deactivated firm, nor beyond a year', async () => {
    const off = await buildPartner(server.db, { active: false });
    const issue = (partnerId: string, days: number) =>
      admin.gql(ISSUE, {
        input: { partnerId, name: 'x', scopes: ['READ_CUSTOMERS'], expiresAt: new Date(clock.now().getTime() + days * 86_400_000).toISOString() },
      });
    expect((await issue(off.id, 30)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerId' });
    const f = await firm();
    expect((await issue(f.id, 400)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
    expect((await issue(f.id, -1)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
  });
});
