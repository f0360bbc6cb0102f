import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { buildCustomer, buildUser } from '../test/factories';
import { asDatabaseOwner } from '../test/database';
import { startTestServer, type TestClient, type TestServer } from '../test/harness';
import { openDatabase } from './database';
import { APP_ROLE, LEDGERS, appDatabaseUrl, asSessionSuperuser, assertAppRole } from './roles';
import { execute, many, one } from './sql';

/**
 * The append-only ledgers hold against the application itself: everything here runs on `server.db`,
 * the application's own connection, as the server's code does (embedded and on a server alike).
 */
let server: TestServer;
let privacy: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  privacy = await server.as('privacy');
});
afterAll(() => server?.close());

const refused = (sql: string, params: unknown[] = []) => expect(server.db.query(sql, params)).rejects;
const count = async (sql: string, params: unknown[] = []) => (await one<{ n: number }>(server.db, `SELECT count(*)::int AS n FROM ${sql}`, params)).n;

/** A customer with an audit row that recorded values and a prohibition, as any customer may have. */
async function customerWithLedgers() {
  const c = await buildCustomer(server.db);
  await execute(
    server.db,
    `INSERT INTO audit_events (action, actor_username, customer_id, fields, changes, purpose) VALUES ('CUSTOMER_UPDATED', 'service', $1, '{email}', $2, 'SERVICE')`,
    [c.id, JSON.stringify({ email: { before: 'vanha@example.fi', after: c.email } })],
  );
  await execute(server.db, `INSERT INTO prohibition_events (customer_id, kind, action, via) VALUES ($1, 'DIRECT_MARKETING', 'SET', 'EMAIL')`, [c.id]);
  return c;
}

/** A verified erasure request for the customer with its plan made: what the privacy officer does before executing. */
async function plannedErasure(customerId: string): Promise<string> {
  const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: { type: 'ERASURE', customerId, requesterName: 'Poisto Pyytäjä', receivedVia: 'WEB_FORM', language: 'FI', signed: false },
  });
  const id = created.data.createPrivacyRequest.id as string;
  await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: STRONG_ELECTRONIC_IDENTIFICATION }) { status } }`, { id });
  const plan = await privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table state } } }`, { id });
  expect(plan.data.planErasure.items).toEqual(
    expect.arrayContaining([
      { table: 'audit_events', state: 'PLANNED' },
      { table: 'prohibition_events', state: 'PLANNED' },
    ]),
  );
  return id;
}

/** What an erasure's transaction does first (erasure.repository.ts beginErasing). */
const markErasing = (tx: EntityManager, customerId: string) => execute(tx, `SELECT pg_advisory_xact_lock(1764380001, hashtext($1))`, [customerId]);
const redact = (tx: EntityManager, customerId: string, ledger: string) =>
  one<{ n: number }>(tx, `SELECT redact_customer_ledger($1, $2) AS n`, [customerId, ledger]).then((r) => r.n);

describe("the application's database role", () => {
  it('[P12] is a role of its own: no superuser, no row-security bypass, owner of nothing, unable to create in the schema', async () => {
    const role = await one<{ user: string; session: string; rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
      server.db,
      `SELECT current_user AS user, session_user AS session, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ user: APP_ROLE, session: APP_ROLE, rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    expect(await count(`pg_class WHERE relnamespace = 'public'::regnamespace AND pg_has_role(current_user, relowner, 'USAGE')`)).toBe(0);
    await refused(`CREATE TABLE public.shadow_audit (x int)`).toThrow(/permission denied for schema public/);
    await refused(`SET session_replication_role = replica`).toThrow(/permission denied/);
    // Nor may it rewrite what the migrations did.
    await refused(`DELETE FROM migrations`).toThrow(/permission denied/);
  });

  it('[P12] may not disable, drop or replace the triggers of a ledger, nor alter or drop the ledger', async () => {
    for (const ledger of LEDGERS) {
      await refused(`ALTER TABLE ${ledger} DISABLE TRIGGER ALL`).toThrow(/must be owner/);
      await refused(`ALTER TABLE ${ledger} ADD COLUMN note2 text`).toThrow(/must be owner/);
      await refused(`DROP TABLE ${ledger}`).toThrow(/must be owner/);
    }
    await refused(`DROP TRIGGER audit_events_no_update_delete ON audit_events`).toThrow(/must be owner/);
    await refused(`CREATE OR REPLACE FUNCTION append_only_but_erasure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`).toThrow(
      /must be owner|permission denied/,
    );
  });
});

describe('the ledgers, to the application', () => {
  it('[P12] the audit trail: the application reads and adds to it; UPDATE, DELETE and TRUNCATE are refused', async () => {
    const c = await customerWithLedgers();
    const before = await count(`audit_events`);
    await refused(`UPDATE audit_events SET changes = NULL WHERE customer_id = $1`, [c.id]).toThrow(/permission denied for table audit_events/);
    await refused(`DELETE FROM audit_events WHERE customer_id = $1`, [c.id]).toThrow(/permission denied for table audit_events/);
    await refused(`TRUNCATE audit_events`).toThrow(/permission denied for table audit_events/);
    expect(await count(`audit_events`)).toBe(before);
  });

  it('[P8] the disclosure ledger: the application reads and adds to it; UPDATE, DELETE and TRUNCATE are refused', async () => {
    const c = await buildCustomer(server.db);
    const user = await buildUser(server.db);
    const [r] = await many<{ id: string }>(
      server.db,
      `INSERT INTO recipients (name, kind, country, bases) VALUES ($1, 'PROCESSOR', 'FI', '{INVOICING}') RETURNING id`,
      [`Laskutus ${c.id}`],
    );
    await execute(server.db, `INSERT INTO disclosures (customer_id, recipient_id, basis, fields, disclosed_by) VALUES ($1, $2, 'INVOICING', '{email}', $3)`, [
      c.id,
      r.id,
      user.id,
    ]);
    await refused(`UPDATE disclosures SET fields = '{city}' WHERE customer_id = $1`, [c.id]).toThrow(/permission denied for table disclosures/);
    await refused(`DELETE FROM disclosures WHERE customer_id = $1`, [c.id]).toThrow(/permission denied for table disclosures/);
    await refused(`TRUNCATE disclosures`).toThrow(/permission denied for table disclosures/);
    expect(await count(`disclosures WHERE customer_id = $1`, [c.id])).toBe(1);
  });

  it('[P15] [P17] the prohibition ledger: the application reads and adds to it; UPDATE, DELETE and TRUNCATE are refused', async () => {
    const c = await customerWithLedgers();
    await refused(`UPDATE prohibition_events SET action = 'LIFT' WHERE customer_id = $1`, [c.id]).toThrow(/permission denied for table prohibition_events/);
    await refused(`DELETE FROM prohibition_events WHERE customer_id = $1`, [c.id]).toThrow(/permission denied for table prohibition_events/);
    await refused(`TRUNCATE prohibition_events`).toThrow(/permission denied for table prohibition_events/);
    expect(await count(`current_prohibitions WHERE customer_id = $1`, [c.id])).toBe(1);
  });

  it('[P12] [P10] naming a customer in rekisteri.erasing (or rekisteri.redacting) lets no session change their ledger rows', async () => {
    const c = await customerWithLedgers();
    await plannedErasure(c.id);
    for (const setting of ['rekisteri.erasing', 'rekisteri.redacting']) {
      await expect(
        server.db.transaction(async (tx) => {
          await markErasing(tx, c.id);
          await execute(tx, `SELECT set_config($1, $2, true)`, [setting, c.id]);
          await execute(tx, `UPDATE audit_events SET changes = NULL WHERE customer_id = $1`, [c.id]);
        }),
      ).rejects.toThrow(/permission denied for table audit_events/);
      await expect(
        server.db.transaction(async (tx) => {
          await execute(tx, `SELECT set_config($1, $2, true)`, [setting, c.id]);
          await execute(tx, `DELETE FROM prohibition_events WHERE customer_id = $1`, [c.id]);
        }),
      ).rejects.toThrow(/permission denied for table prohibition_events/);
    }
    expect(await count(`audit_events WHERE customer_id = $1 AND changes->'email' ? 'before'`, [c.id])).toBe(1);
    expect(await count(`prohibition_events WHERE customer_id = $1`, [c.id])).toBe(1);
  });
});

describe('the ledgers, to their owner', () => {
  it('[P12] [P10] the triggers hold even for the owner: rekisteri.erasing opens nothing, and only the redaction function may change a row', async () => {
    const c = await customerWithLedgers();
    await plannedErasure(c.id);
    await asDatabaseOwner(server, async (owner) => {
      // One implicit transaction each (no parameters: the simple protocol), so the setting is local to it.
      for (const change of [
        `UPDATE audit_events SET changes = NULL WHERE customer_id = '${c.id}'`,
        `DELETE FROM prohibition_events WHERE customer_id = '${c.id}'`,
      ]) {
        await expect(owner(`SELECT set_config('rekisteri.erasing', '${c.id}', true); ${change}`)).rejects.toThrow(/append-only/);
      }
      await expect(owner(`DELETE FROM audit_events WHERE customer_id = '${c.id}'`)).rejects.toThrow(/append-only/);
    });
    expect(await count(`audit_events WHERE customer_id = $1 AND changes->'email' ? 'before'`, [c.id])).toBe(1);
    expect(await count(`prohibition_events WHERE customer_id = $1`, [c.id])).toBe(1);
  });
});

describe('redaction after an erasure (redact_customer_ledger)', () => {
  it('[P10] is a SECURITY DEFINER function with a fixed search path that only the application may call', async () => {
    const fn = await one<{ definer: boolean; config: string[]; app: boolean; everyone: boolean }>(
      server.db,
      `SELECT p.prosecdef AS definer, p.proconfig AS config,
              has_function_privilege($1, p.oid, 'EXECUTE') AS app, has_function_privilege('public', p.oid, 'EXECUTE') AS everyone
         FROM pg_proc p WHERE p.oid = 'redact_customer_ledger(uuid, text)'::regprocedure`,
      [APP_ROLE],
    );
    expect(fn).toEqual({ definer: true, config: ['search_path=pg_catalog, pg_temp', 'rekisteri.redacting='], app: true, everyone: false });
  });

  it('[P10] refuses a customer whose erasure is not being carried out in this transaction', async () => {
    const unplanned = await customerWithLedgers();
    // No erasure request at all, though the transaction claims to erase.
    await expect(
      server.db.transaction(async (tx) => {
        await markErasing(tx, unplanned.id);
        await redact(tx, unplanned.id, 'audit_events');
      }),
    ).rejects.toThrow(/no erasure plan of customer .* has audit_events still to do/);
    // A verified, planned erasure, but this transaction is not carrying it out (an earlier one was).
    const planned = await customerWithLedgers();
    await plannedErasure(planned.id);
    await server.db.transaction((tx) => markErasing(tx, planned.id));
    await expect(server.db.transaction((tx) => redact(tx, planned.id, 'audit_events'))).rejects.toThrow(/no erasure of customer .* is being carried out/);
    await expect(server.db.transaction((tx) => redact(tx, planned.id, 'prohibition_events'))).rejects.toThrow(/is being carried out/);
    // Carrying it out: still only the two ledgers the plan names, never the disclosure ledger.
    await expect(
      server.db.transaction(async (tx) => {
        await markErasing(tx, planned.id);
        await redact(tx, planned.id, 'disclosures');
      }),
    ).rejects.toThrow(/redacts the audit trail or the prohibition ledger/);
    for (const c of [unplanned, planned]) {
      expect(await count(`audit_events WHERE customer_id = $1 AND changes->'email' ? 'before'`, [c.id])).toBe(1);
      expect(await count(`prohibition_events WHERE customer_id = $1`, [c.id])).toBe(1);
    }
  });

  it("[P10] blanks only the recorded values of that customer's audit rows and takes only their prohibition rows", async () => {
    const erased = await customerWithLedgers();
    const other = await customerWithLedgers();
    await plannedErasure(erased.id);
    const rows = (id: string) =>
      many<Record<string, unknown>>(server.db, `SELECT * FROM audit_events WHERE customer_id = $1 AND action = 'CUSTOMER_UPDATED' ORDER BY id`, [id]);
    const [before] = await rows(erased.id);
    const othersBefore = await rows(other.id);
    const { audit, prohibitions, flag } = await server.db.transaction(async (tx) => {
      await markErasing(tx, erased.id);
      const audit = await redact(tx, erased.id, 'audit_events');
      const prohibitions = await redact(tx, erased.id, 'prohibition_events');
      // The permission the function gave itself ended with it.
      const { flag } = await one<{ flag: string | null }>(tx, `SELECT current_setting('rekisteri.redacting', true) AS flag`);
      return { audit, prohibitions, flag };
    });
    expect({ audit, prohibitions }).toEqual({ audit: 1, prohibitions: 1 });
    expect(flag || null).toBeNull();
    const [after] = await rows(erased.id);
    expect(after).toEqual({ ...before, changes: { email: '[erased]' } });
    expect(await count(`prohibition_events WHERE customer_id = $1`, [erased.id])).toBe(0);
    // Nobody else's rows.
    expect(await rows(other.id)).toEqual(othersBefore);
    expect(await count(`prohibition_events WHERE customer_id = $1`, [other.id])).toBe(1);
  });
});

describe('the connection the server works on', () => {
  it("is the owner's server and database as rekisteri_app, unless DATABASE_APP_URL names another login", () => {
    expect(appDatabaseUrl('postgres://owner:secret@db.example:5432/rekisteri?sslmode=require', undefined)).toBe(
      'postgres://rekisteri_app@db.example:5432/rekisteri?sslmode=require',
    );
    expect(appDatabaseUrl('postgres://owner@db/rekisteri', 'postgres://app:pw@db/rekisteri')).toBe('postgres://app:pw@db/rekisteri');
  });

  it('[P12] the server refuses to start on a connection that could rewrite a ledger', async () => {
    if (server.config.databaseUrl) {
      // DATABASE_APP_URL naming the owner.
      await expect(openDatabase({ ...server.config, databaseAppUrl: server.config.databaseUrl })).rejects.toThrow(/could rewrite the append-only ledgers/);
    } else {
      // Embedded: the session as the superuser it logged in as.
      await expect(asSessionSuperuser(server.db, 'postgres', () => assertAppRole(server.db))).rejects.toThrow(/could rewrite the append-only ledgers/);
    }
    await expect(assertAppRole(server.db)).resolves.toBeUndefined();
  });
});
