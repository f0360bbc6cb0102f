import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('configuration', () => {
  it('has working defaults: embedded database under ./data, port 4000, demo data on', () => {
    const config = parseConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.demoData).toBe(true);
    expect(config.session.idleMs).toBe(30 * 60_000);
    expect(config.session.absoluteMs).toBe(12 * 3_600_000);
  });

  it('stops with a message naming the variable when a value is bad', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA/);
    expect(() => parseConfig({ DATABASE_POOL_SIZE: '4' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('keeps statements prepared on a server unless told not to (a pooler that does not carry them), read as any other flag', () => {
    const url = 'postgres://app@db.example:5432/rekisteri';
    expect(parseConfig({ DATABASE_URL: url }).preparedStatements).toBe(true);
    expect(parseConfig({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'no' }).preparedStatements).toBe(false);
    expect(parseConfig({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: '0' }).preparedStatements).toBe(false);
    expect(() => parseConfig({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'sometimes' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it('sends letters through SMTP_URL from MAIL_FROM, and holds them for printing without a mail server', () => {
    expect(parseConfig({}).mail).toBeNull();
    expect(parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Tietosuoja <tietosuoja@example.fi>' }).mail).toEqual({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'Tietosuoja <tietosuoja@example.fi>',
    });
    expect(() => parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM/);
    expect(() => parseConfig({ SMTP_URL: 'http://mail.example.fi', MAIL_FROM: 'a@example.fi' })).toThrow(/SMTP_URL/);
    expect(() => parseConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
  });

  it('reads replicas only with DATABASE_URL, by host, port and database, with the lag bound', () => {
    const server = { DATABASE_URL: 'postgres://owner@db-primary:5432/rekisteri' };
    expect(parseConfig(server).replicaUrls).toEqual([]);
    const config = parseConfig({
      ...server,
      DATABASE_REPLICA_URLS: 'postgres://db-r1:5432/rekisteri, postgresql://db-r2/rekisteri',
      DATABASE_REPLICA_MAX_LAG_MS: '2000',
    });
    expect(config.replicaUrls).toEqual(['postgres://db-r1:5432/rekisteri', 'postgresql://db-r2/rekisteri']);
    expect(config.replicaMaxLagMs).toBe(2000);
    expect(parseConfig(server).replicaMaxLagMs).toBe(5000);
    expect(() => parseConfig({ DATABASE_REPLICA_URLS: 'postgres://db-r1/rekisteri' })).toThrow(/DATABASE_REPLICA_URLS: needs DATABASE_URL/);
    expect(() => parseConfig({ ...server, DATABASE_REPLICA_URLS: 'mysql://db-r1/x' })).toThrow(/DATABASE_REPLICA_URLS.*not a postgres/);
    expect(() => parseConfig({ ...server, DATABASE_REPLICA_URLS: 'db-r1:5432' })).toThrow(/DATABASE_REPLICA_URLS/);
    // A login of its own is refused, its password never echoed.
    const refusal = (() => {
      try {
        parseConfig({ ...server, DATABASE_REPLICA_URLS: 'postgres://root:s3cret@db-r1/rekisteri' });
      } catch (error) {
        return String(error);
      }
    })();
    expect(refusal).toMatch(/DATABASE_REPLICA_URLS.*names a login/);
    expect(refusal).not.toContain('s3cret');
    expect(() => parseConfig({ ...server, DATABASE_REPLICA_MAX_LAG_MS: '-1' })).toThrow(/DATABASE_REPLICA_MAX_LAG_MS/);
  });

  it('uses secure cookies in production unless told otherwise', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).session.cookieSecure).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).session.cookieSecure).toBe(false);
  });
});
