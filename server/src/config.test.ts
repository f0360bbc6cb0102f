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

  it('uses secure cookies in production unless told otherwise', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).session.cookieSecure).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).session.cookieSecure).toBe(false);
  });
});
