import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthsBefore } from '../../audit/log-retention';
import { actorOf, type Actor } from '../../auth/actor';
import { ManualClock } from '../../clock';
import { codes, startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const clock = new ManualClock(new Date());
let officer: Actor;
let sales: Actor;

async function actorNamed(username: string, roles: Array<'PRIVACY_OFFICER' | 'SALES'>): Promise<Actor> {
  const [u] = await server.db.query(`SELECT id, display_name FROM users WHERE username = $1`, [username]);
  return actorOf(
    {
      id: u.id,
      username,
      displayName: u.display_name,
      roles,
      partnerId: null,
      mustChangePassword: false,
      confidentialityAcceptedVersion: server.config.confidentialityVersion,
    },
    'test',
  );
}

/** A customer last active `monthsAgo` months before the clock (created and changed then, nothing since). */
async function customerActive(monthsAgo: number, name: string): Promise<string> {
  const at = monthsBefore(clock.now(), monthsAgo);
  const [row] = await server.db.query(`INSERT INTO customers (first_name, last_name, created_at, updated_at) VALUES ('Ilmari', $1, $2, $2) RETURNING id`, [
    name,
    at,
  ]);
  return row.id;
}

const proposalsOf = async (customerId: string) =>
  server.db.query(`SELECT status FROM retention_proposals WHERE customer_id = $1 ORDER BY proposed_at`, [customerId]) as Promise<Array<{ status: string }>>;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
  officer = await actorNamed('privacy', ['PRIVACY_OFFICER']);
  sales = await actorNamed('sales', ['SALES']);
});

afterAll(async () => {
  await server?.close();
});

describe('the retention schedule (P10, storage limitation)', () => {
  it('[P10] proposes a customer inactive for the configured period for erasure, once however often the job runs', async () => {
    const dormant = await customerActive(40, 'Uinuva');
    const active = await customerActive(30, 'Aktiivinen');
    const ordered = await customerActive(40, 'Tilaaja');
    await server.db.query(
      `INSERT INTO orders (customer_id, channel, ordered_at, status, closed_at, gross_cents) VALUES ($1, 'WEB_SHOP', $2, 'DELIVERED', $2, 100)`,
      [ordered, monthsBefore(clock.now(), 2)],
    );

    expect(await server.services.retentionSchedule.proposeInactive()).toBeGreaterThanOrEqual(1);
    expect(await server.services.retentionSchedule.proposeInactive()).toBe(0);
    expect(await proposalsOf(dormant)).toEqual([{ status: 'PROPOSED' }]);
    expect(await proposalsOf(active)).toEqual([]);
    expect(await proposalsOf(ordered)).toEqual([]); // a recent order is activity

    const queue = await server.services.retentionSchedule.proposals(officer);
    expect(queue.items.map((p) => p.customerId)).toContain(dormant);
  });

  it('[P10] a recent contact with the customer is activity; a staff note alone is not', async () => {
    const contacted = await customerActive(40, 'Soitettu');
    const noted = await customerActive(40, 'Muistiinpano');
    const [author] = await server.db.query(`SELECT id FROM users WHERE username = 'service'`);
    const recent = monthsBefore(clock.now(), 1);
    await server.db.query(
      `INSERT INTO customer_notes (customer_id, kind, channel, text, author_id, author_name, created_at, updated_at)
       VALUES ($1, 'CONTACT', 'PHONE', 'Soitti tilauksesta', $3, 'service', $4, $4), ($2, 'NOTE', NULL, 'Sisäinen huomio', $3, 'service', $4, $4)`,
      [contacted, noted, author.id, recent],
    );
    await server.services.retentionSchedule.proposeInactive();
    expect(await proposalsOf(contacted)).toEqual([]);
    expect(await proposalsOf(noted)).toEqual([{ status: 'PROPOSED' }]);
  });

  it('[P10] a change of the retention period changes who is proposed', async () => {
    const customer = await customerActive(20, 'Kaksikymmentä');
    await server.services.retentionSchedule.proposeInactive();
    expect(await proposalsOf(customer)).toEqual([]);
    await server.db.query(`UPDATE register_config SET inactive_customer_months = 18`);
    try {
      await server.services.retentionSchedule.proposeInactive();
      expect(await proposalsOf(customer)).toEqual([{ status: 'PROPOSED' }]);
    } finally {
      await server.db.query(`UPDATE register_config SET inactive_customer_months = 36`);
    }
  });

  it('[P10] a customer kept with a reason is not proposed again until a further period passes', async () => {
    const customer = await customerActive(50, 'Pidettävä');
    await server.services.retentionSchedule.proposeInactive();
    const [proposal] = (await server.services.retentionSchedule.proposals(officer)).items.filter((p) => p.customerId === customer);
    await expect(server.services.retentionSchedule.keep(officer, proposal.id, proposal.version, '   ')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const kept = await server.services.retentionSchedule.keep(officer, proposal.id, proposal.version, 'Takuuasia kesken');
    expect(kept).toMatchObject({ status: 'KEPT', reason: 'Takuuasia kesken' });
    // A stale version is a conflict, not a second decision.
    await expect(server.services.retentionSchedule.keep(officer, proposal.id, proposal.version, 'Uudestaan')).rejects.toMatchObject({ code: 'CONFLICT' });
    const [audit] = await server.db.query(`SELECT actor_username, detail FROM audit_events WHERE action = 'RETENTION_PROPOSAL_KEPT' AND customer_id = $1`, [
      customer,
    ]);
    expect(audit).toMatchObject({ actor_username: 'privacy', detail: { reason: 'Takuuasia kesken' } });

    await server.services.retentionSchedule.proposeInactive();
    expect(await proposalsOf(customer)).toEqual([{ status: 'KEPT' }]);
    const start = clock.now();
    clock.set(monthsBefore(start, -37)); // a further full period after the decision
    try {
      await server.services.retentionSchedule.proposeInactive();
      expect(await proposalsOf(customer)).toEqual([{ status: 'KEPT' }, { status: 'PROPOSED' }]);
    } finally {
      clock.set(start);
    }
  });

  it('[P10] only those who may erase customers see or decide the proposals', async () => {
    await expect(server.services.retentionSchedule.proposals(sales)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(server.services.retentionSchedule.keep(sales, '00000000-0000-4000-8000-000000000000', 1, 'x')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('[P10] the queue over GraphQL: a privacy officer reads and keeps, sales is refused', async () => {
    const customer = await customerActive(45, 'Rajapinta');
    await server.services.retentionSchedule.proposeInactive();
    const privacy = await server.as('privacy');
    const QUERY = `{ retentionProposals { total items { id customerId version status } } }`;
    const read = await privacy.gql(QUERY);
    expect(read.errors).toBeUndefined();
    const proposal = read.data.retentionProposals.items.find((p: { customerId: string }) => p.customerId === customer);
    expect(proposal).toMatchObject({ status: 'PROPOSED' });
    const KEEP = `mutation ($id: UUID!, $version: Int!, $reason: String!) { keepRetentionProposal(id: $id, version: $version, reason: $reason) { status reason } }`;
    const kept = await privacy.gql(KEEP, { id: proposal.id, version: proposal.version, reason: 'Asiakas soitti' });
    expect(kept.data?.keepRetentionProposal).toEqual({ status: 'KEPT', reason: 'Asiakas soitti' });
    const salesClient = await server.as('sales');
    expect(codes(await salesClient.gql(QUERY))).toEqual(['FORBIDDEN']);
  });
  it("[P10] accepting a proposal starts the controller's own erasure, and an open invoice still holds what it needs", async () => {
    const customer = await customerActive(44, 'Hyväksyttävä');
    await server.services.retentionSchedule.proposeInactive();
    const [proposal] = (await server.services.retentionSchedule.proposals(officer)).items.filter((p) => p.customerId === customer);
    // An invoice still open when the officer accepts: the erasure must keep what invoicing needs.
    const [order] = await server.db.query(
      `INSERT INTO orders (customer_id, channel, ordered_at, status, closed_at, gross_cents) VALUES ($1, 'WEB_SHOP', now(), 'DELIVERED', now(), 1000) RETURNING id`,
      [customer],
    );
    await server.db.query(
      `INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents, status) VALUES ($1, $2, current_date, current_date + 14, 1000, 'OPEN')`,
      [order.id, customer],
    );
    await expect(server.services.retentionSchedule.accept(sales, proposal.id, proposal.version)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const privacy = await server.as('privacy');
    const ACCEPT = `mutation ($id: UUID!, $version: Int!) { acceptRetentionProposal(id: $id, version: $version) { status requestId } }`;
    const accepted = await privacy.gql(ACCEPT, { id: proposal.id, version: proposal.version });
    expect(accepted.errors).toBeUndefined();
    const { status, requestId } = accepted.data.acceptRetentionProposal;
    expect(status).toBe('ACCEPTED');
    expect(codes(await privacy.gql(ACCEPT, { id: proposal.id, version: proposal.version }))).toEqual(['CONFLICT']);
    const [request] = await server.db.query(`SELECT type, customer_id, initiated_by_controller FROM privacy_requests WHERE id = $1`, [requestId]);
    expect(request).toEqual({ type: 'ERASURE', customer_id: customer, initiated_by_controller: true });
    // Nobody asked, so no identity to verify: the plan is made at once, and the open invoice holds the identity.
    const plan = await server.services.erasures.plan(officer, requestId);
    expect(plan.items).toContainEqual(expect.objectContaining({ table: 'customers', action: 'HOLD', reason: 'OPEN_INVOICE' }));
    const [audit] = await server.db.query(`SELECT actor_username FROM audit_events WHERE action = 'RETENTION_PROPOSAL_ACCEPTED' AND customer_id = $1`, [
      customer,
    ]);
    expect(audit).toEqual({ actor_username: 'privacy' });
    // An accepted customer is not proposed again.
    await server.services.retentionSchedule.proposeInactive();
    expect(await proposalsOf(customer)).toEqual([{ status: 'ACCEPTED' }]);
  });
});
