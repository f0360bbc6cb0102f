import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { many, one } from './sql';
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
});
