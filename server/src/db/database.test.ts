import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryFailedError } from 'typeorm';
import { limitSql, many, one, Params, prepared, Where } from './sql';
import { findCustomersConsulted } from '../modules/customers/customers.repository';
import { asDatabaseOwner } from '../test/database';
import { startTestServer, type TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ TIME_ZONE: 'Pacific/Kiritimati' });
});
afterAll(() => server?.close());

describe('the database session', () => {
  it('runs on the configured TIME_ZONE on every pooled connection, so SQL dates are the company calendar', async () => {
    // Several at once, so more than one pooled connection answers where the pool has more than one.
    const zones = await Promise.all(Array.from({ length: 4 }, () => one<{ zone: string }>(server.db, `SELECT current_setting('TimeZone') AS zone`)));
    expect(zones.map((z) => z.zone)).toEqual(Array(4).fill('Pacific/Kiritimati'));
    const { today } = await one<{ today: string }>(server.db, `SELECT current_date::text AS today`);
    const kiritimati = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    expect(today).toBe(kiritimati);
  });

  it('has no ORM entities that could drift from the migrations: the catalogue is the only schema', async () => {
    expect(server.db.entityMetadatas).toHaveLength(0);
    const tables = await many<{ table_name: string }>(
      server.db,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['customers', 'orders', 'invoices', 'users', 'sessions', 'audit_events']));
  });

  it('keeps a prepared statement on a server connection (parsed once, not at every request) and answers as the plain text does', async () => {
    const statement = prepared(`SELECT count(*)::int AS n FROM customers WHERE customer_number > $1`);
    const plain = await one<{ n: number }>(server.db, `SELECT count(*)::int AS n FROM customers WHERE customer_number > $1`, [0]);
    // In one transaction: the same connection runs it twice and can be asked what it keeps.
    const kept = await server.db.transaction(async (tx) => {
      const first = await one<{ n: number }>(tx, statement, [0]);
      const second = await one<{ n: number }>(tx, statement, [0]);
      const names = await many<{ name: string }>(tx, `SELECT name FROM pg_prepared_statements`);
      return { answers: [first.n, second.n], names: names.map((r) => r.name) };
    });
    expect(kept.answers).toEqual([plain.n, plain.n]);
    expect(plain.n).toBeGreaterThan(0);
    if (typeof statement === 'string') throw new Error('expected a named statement');
    // The embedded database is one session under every pooled connection: there it runs as plain text.
    if (server.config.databaseUrl) expect(kept.names).toContain(statement.name);
    else expect(kept.names).not.toContain(statement.name);
  });

  it('plans a list page once on a server connection: the page size is in the text, so PostgreSQL keeps one generic plan', async () => {
    // A register of some size, with its statistics (this file's database is its own): a generic plan for `LIMIT $n`
    // guesses a tenth of the table, which costs more than a page's custom plan, so PostgreSQL planned every execution.
    await asDatabaseOwner(server, async (owner) => {
      await owner(`INSERT INTO customers (first_name, last_name) SELECT 'Koe', 'Henkilö' || n FROM generate_series(1, 20000) n`);
      await owner(`ANALYZE customers`);
    });
    const plans = await server.db.transaction(async (tx) => {
      const reader = await one<{ id: string; username: string }>(tx, `SELECT id, username FROM users ORDER BY username LIMIT 1`);
      const pages: number[] = [];
      for (let i = 0; i < 8; i++) {
        // The first page of the list, as a list page reads it: the rows and, in the same statement, their consultation log.
        const where = new Where().and('c.merged_into IS NULL');
        const consultation = { actorId: reader.id, actorUsername: reader.username, purpose: null, fields: ['firstName', 'lastName'] };
        pages.push(
          (await findCustomersConsulted(tx, where, { keys: ['c.customer_number'], direction: 'ASC' }, 21, 20, consultation, { prepare: true })).customers
            .length,
        );
      }
      const kept = await many<{ generic_plans: string; custom_plans: string }>(
        tx,
        `SELECT generic_plans::text, custom_plans::text FROM pg_prepared_statements WHERE statement LIKE 'WITH page AS (%'`,
      );
      return { pages, kept };
    });
    // Every execution answered a full page and the one more that tells a next page exists.
    expect(plans.pages).toEqual(Array(8).fill(21));
    // The embedded database is one session under every pooled connection: there the text runs unprepared.
    if (!server.config.databaseUrl) expect(plans.kept).toEqual([]);
    else {
      expect(plans.kept).toHaveLength(1);
      // PostgreSQL tries five custom plans, then keeps the generic one; with `LIMIT $n` it planned every execution afresh.
      expect(Number(plans.kept[0]!.generic_plans)).toBeGreaterThan(0);
    }
  });

  it('prepares a statement afresh when a migration changed the type of a column it answers, while the server ran', async () => {
    // The migrations' owner changes the schema; the server's own role only reads.
    await asDatabaseOwner(server, async (owner) => {
      await owner(`CREATE TABLE prepared_probe (id int PRIMARY KEY, amount int NOT NULL)`);
      await owner(`INSERT INTO prepared_probe VALUES (1, 7)`);
      await owner(`GRANT SELECT ON prepared_probe TO PUBLIC`);
    });
    const statement = prepared(`SELECT id, amount FROM prepared_probe WHERE id = $1`);
    // Several at once, so more than one pooled connection prepares it where the pool has more than one.
    const before = await Promise.all(Array.from({ length: 4 }, () => one<{ amount: number }>(server.db, statement, [1])));
    expect(before.map((r) => r.amount)).toEqual([7, 7, 7, 7]);
    // The result type changes under the prepared statement (on a server, PostgreSQL refuses the old plan: 0A000).
    await asDatabaseOwner(server, (owner) => owner(`ALTER TABLE prepared_probe ALTER COLUMN amount TYPE text`));
    const after = await Promise.all(Array.from({ length: 4 }, () => one<{ amount: string }>(server.db, statement, [1])));
    expect(after.map((r) => r.amount)).toEqual(['7', '7', '7', '7']);
    await asDatabaseOwner(server, (owner) => owner(`DROP TABLE prepared_probe`));
  });

  it('reports a failing prepared statement as TypeORM reports a failing one, with the database code', async () => {
    const statement = prepared(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now())`);
    const failure = await one(server.db, statement, ['x', '00000000-0000-4000-8000-000000000000']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    // A session for a user who does not exist: the foreign key refuses it (23503), and nothing is written.
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23503');
    expect(await many(server.db, `SELECT 1 FROM sessions WHERE id = 'x'`)).toHaveLength(0);
  });
});

describe('row limits in statement texts', () => {
  it('writes the page sizes the app asks for into the text and binds any other, so the prepared texts stay few', () => {
    const params = new Params();
    expect([limitSql(params, 26), limitSql(params, 101), limitSql(params, 20)]).toEqual(['26', '101', '20']);
    expect(params.values).toEqual([]);
    // A size a caller picks (first: 137) is a parameter: cycling through sizes makes no new statement texts.
    expect(limitSql(params, 138)).toBe('$1');
    expect(params.values).toEqual([138]);
    expect(() => limitSql(params, -1)).toThrow(RangeError);
    expect(() => limitSql(params, 1.5)).toThrow(RangeError);
  });
});
