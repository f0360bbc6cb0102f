import { describe, expect, it } from 'vitest';
import { Deadlines } from './deadlines';

const helsinki = new Deadlines('Europe/Helsinki');

describe('request deadlines (GDPR 12(3))', () => {
  it('[P14] is due one calendar month after receipt, to the end of that day in Finland', () => {
    const due = helsinki.firstDueAt(new Date('2026-03-10T08:00:00Z'));
    expect(due.toISOString()).toBe('2026-04-10T20:59:59.999Z'); // 23:59:59.999 EEST
  });

  it('[P14] a month from 31 January ends on the last day of February', () => {
    expect(helsinki.dateOf(helsinki.firstDueAt(new Date('2026-01-31T10:00:00Z')))).toBe('2026-02-28');
    expect(helsinki.dateOf(helsinki.firstDueAt(new Date('2028-01-31T10:00:00Z')))).toBe('2028-02-29');
  });

  it('[P14] receipt late in the evening counts on the Finnish calendar day', () => {
    // 31 Jan 23:30 in Helsinki is still 31 Jan there, though 21:30 UTC.
    expect(helsinki.dateOf(helsinki.firstDueAt(new Date('2026-01-31T21:30:00Z')))).toBe('2026-02-28');
    // 1 Feb 00:30 in Helsinki is 31 Jan 22:30 UTC: due 1 March.
    expect(helsinki.dateOf(helsinki.firstDueAt(new Date('2026-01-31T22:30:00Z')))).toBe('2026-03-01');
  });

  it('counts days left on the calendar, negative when overdue', () => {
    const due = helsinki.firstDueAt(new Date('2026-03-10T08:00:00Z'));
    expect(helsinki.daysLeft(due, new Date('2026-04-09T21:30:00Z'))).toBe(0); // already 10 April in Helsinki
    expect(helsinki.daysLeft(due, new Date('2026-04-01T09:00:00Z'))).toBe(9);
    expect(helsinki.daysLeft(due, new Date('2026-04-12T09:00:00Z'))).toBe(-2);
  });

  it('an extension reaches at most three months from receipt', () => {
    expect(helsinki.dateOf(helsinki.latestExtension(new Date('2026-11-30T10:00:00Z')))).toBe('2027-02-28');
  });
});

describe('accounting retention (kirjanpitolaki 2:10)', () => {
  it('[P10] keeps a voucher six years from the end of the year in which the financial year ended', () => {
    expect(helsinki.voucherRetainedUntil(new Date('2020-06-15T12:00:00Z'))).toBe('2026-12-31');
  });

  it("[P10] the year ends on the Finnish clock: New Year's night belongs to the new year", () => {
    // 31 Dec 2020 23:30 in Helsinki (21:30 UTC): financial year 2020.
    expect(helsinki.voucherRetainedUntil(new Date('2020-12-31T21:30:00Z'))).toBe('2026-12-31');
    // 1 Jan 2021 00:30 in Helsinki (22:30 UTC on 31 Dec): financial year 2021.
    expect(helsinki.voucherRetainedUntil(new Date('2020-12-31T22:30:00Z'))).toBe('2027-12-31');
  });

  it('[P10] a financial year that is not the calendar year ends in the following year', () => {
    const julyToJune = new Deadlines('Europe/Helsinki', 7);
    // Financial year 1 Jul 2020 - 30 Jun 2021 ends in 2021: vouchers to the end of 2027.
    expect(julyToJune.voucherRetainedUntil(new Date('2020-09-01T12:00:00Z'))).toBe('2027-12-31');
    expect(julyToJune.voucherRetainedUntil(new Date('2021-06-30T12:00:00Z'))).toBe('2027-12-31');
    // 1 July 2021 starts the next financial year, ending 30 June 2022.
    expect(julyToJune.voucherRetainedUntil(new Date('2021-07-01T12:00:00Z'))).toBe('2028-12-31');
  });

  it('[P10] keeps the books ten years from the end of the financial year', () => {
    expect(helsinki.bookRetainedUntil(new Date('2020-06-15T12:00:00Z'))).toBe('2030-12-31');
    expect(new Deadlines('Europe/Helsinki', 7).bookRetainedUntil(new Date('2020-09-01T12:00:00Z'))).toBe('2031-06-30');
  });

  it('[P10] a retention date lapses when its day is over in Finland', () => {
    expect(helsinki.lapsed('2026-12-31', new Date('2026-12-31T21:59:00Z'))).toBe(false); // 23:59 on 31 Dec
    expect(helsinki.lapsed('2026-12-31', new Date('2026-12-31T22:01:00Z'))).toBe(true); // 00:01 on 1 Jan
  });
});
