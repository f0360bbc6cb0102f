import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { startTestServer, type TestServer } from '../test/harness';
import { monthsBefore } from './log-retention';

let server: TestServer;
const clock = new ManualClock(new Date());
const marker = `log-retention-${Date.now()}`;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
});

afterAll(async () => {
  await server?.close();
});

/** An event of the given kind, dated `monthsAgo` months before the clock; the application may add to the ledger. */
async function eventAt(action: string, monthsAgo: number): Promise<string> {
  const [row] = await server.db.query(`INSERT INTO audit_events (at, action, purpose) VALUES ($1, $2, $3) RETURNING id`, [
    monthsBefore(clock.now(), monthsAgo),
    action,
    marker,
  ]);
  return String(row.id);
}

const alive = async (ids: string[]) =>
  (await server.db.query(`SELECT id FROM audit_events WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).map((r: { id: string }) => String(r.id));

const purgeEvents = async () =>
  server.db.query(`SELECT detail FROM audit_events WHERE action = 'AUDIT_LOG_PURGED' ORDER BY id`) as Promise<Array<{ detail: Record<string, unknown> }>>;

describe('retention of the audit trail and the consultation log (storage limitation)', () => {
  it('[P10] the audit trail is purged after its retention period and the purge is audited', async () => {
    const oldChange = await eventAt('CUSTOMER_UPDATED', 30);
    const recentChange = await eventAt('CUSTOMER_UPDATED', 20);
    const oldRead = await eventAt('CUSTOMER_READ', 30);
    const recentRead = await eventAt('CUSTOMER_READ', 6);
    const before = (await purgeEvents()).length;

    const purged = await server.services.logRetention.purge();
    // Defaults: 24 months each. The old rows of each log go, the newer stay.
    expect(await alive([oldChange, recentChange, oldRead, recentRead])).toEqual([recentChange, recentRead]);
    const audited = (await purgeEvents()).slice(before).map((e) => e.detail);
    expect(audited).toHaveLength(2);
    const cutoff = monthsBefore(clock.now(), 24).toISOString();
    expect(audited).toEqual(
      expect.arrayContaining([
        { log: 'consultation', deleted: purged.find((p) => p.log === 'consultation')?.deleted, before: cutoff },
        { log: 'audit', deleted: purged.find((p) => p.log === 'audit')?.deleted, before: cutoff },
      ]),
    );
    expect(purged.every((p) => p.deleted >= 1)).toBe(true);

    // Run again at once: nothing left to purge, and no empty purge is recorded.
    const again = await server.services.logRetention.purge();
    expect(again.map((p) => p.deleted)).toEqual([0, 0]);
    expect(await purgeEvents()).toHaveLength(before + 2);
  });

  it('[P10] each log keeps to its own configured period, read from the register configuration', async () => {
    const change = await eventAt('LOGIN', 13);
    const read = await eventAt('CUSTOMER_READ', 13);
    await server.db.query(`UPDATE register_config SET audit_log_months = 12, consultation_log_months = 18`);
    try {
      await server.services.logRetention.purge();
      expect(await alive([change, read])).toEqual([read]);
      clock.set(monthsBefore(clock.now(), -6)); // six months on, the read is 19 months old
      await server.services.logRetention.purge();
      expect(await alive([read])).toEqual([]);
    } finally {
      await server.db.query(`UPDATE register_config SET audit_log_months = 24, consultation_log_months = 24`);
      clock.set(new Date());
    }
  });

  it('[P12] the application can not delete from the audit trail, nor purge its last month', async () => {
    const recent = await eventAt('CUSTOMER_UPDATED', 0);
    await expect(server.db.query(`DELETE FROM audit_events WHERE id = $1`, [recent])).rejects.toThrow();
    await expect(server.db.query(`SELECT purge_audit_log('audit', now() + interval '1 day')`)).rejects.toThrow(/last month/);
    await expect(server.db.query(`SELECT purge_audit_log('everything', now() - interval '1 year')`)).rejects.toThrow();
    expect(await alive([recent])).toEqual([recent]);
  });
});

describe('monthsBefore', () => {
  it('counts calendar months and keeps the day within the month', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-12-02T00:00:00Z'), 24).toISOString()).toBe('2024-12-02T00:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), -6).toISOString()).toBe('2026-07-15T00:00:00.000Z');
  });
});
