import { describe, expect, it } from 'vitest';
import { DocumentDates } from './documents';
import { RequestLanguage } from './request.model';

/** B5 formats tens of thousands of dates through a cache: it must give exactly what the formatter gives. */
describe('dates in documents', () => {
  it('[P14] gives each instant the calendar day of the company zone, across midnights and clock changes', () => {
    for (const timeZone of ['Europe/Helsinki', 'Asia/Kathmandu', 'America/St_Johns', 'UTC']) {
      const dates = new DocumentDates(timeZone);
      for (const lang of [RequestLanguage.FI, RequestLanguage.EN]) {
        const plain = new Intl.DateTimeFormat(lang === RequestLanguage.FI ? 'fi-FI' : 'en-GB', { timeZone });
        // Every 7 minutes over two days around each of 2024's clock changes in Europe, and one midnight each month.
        const starts = [Date.UTC(2024, 2, 30), Date.UTC(2024, 9, 26), ...Array.from({ length: 12 }, (_, m) => Date.UTC(2025, m, 1) - 3 * 3600_000)];
        for (const start of starts) {
          for (let ms = start; ms < start + 2 * 86400_000; ms += 7 * 60_000) {
            expect(dates.format(lang, new Date(ms)), `${timeZone} ${new Date(ms).toISOString()}`).toBe(plain.format(new Date(ms)));
          }
        }
        expect(dates.format(lang, '2024-02-29')).toBe(
          new Intl.DateTimeFormat(lang === RequestLanguage.FI ? 'fi-FI' : 'en-GB', { timeZone: 'UTC' }).format(new Date('2024-02-29T00:00:00Z')),
        );
        // Before the cache's range, the formatter itself.
        expect(dates.format(lang, new Date(Date.UTC(1960, 5, 1, 23, 59)))).toBe(plain.format(new Date(Date.UTC(1960, 5, 1, 23, 59))));
      }
    }
  });
});
