import { describe, expect, it } from 'vitest';
import { cookieNoticeSection } from './cookie-notice';

describe('the notice’s cookie section (P13, P18)', () => {
  it('[P13] states what the cookies collect, the categories and the retention period in force, in Finnish and English', () => {
    const { fi, en } = cookieNoticeSection({ retention: { webEventDays: 180 }, sites: ['https://www.example.fi'] });
    expect(fi.title).toBe('Evästeet');
    expect(fi.collected).toEqual(expect.arrayContaining(['vierailijan IP-osoite', 'vierailun ajankohta', 'vierailijan selain']));
    expect(en.collected).toHaveLength(4);
    expect(fi.paragraphs.join(' ')).toContain('180 päivää');
    expect(en.paragraphs.join(' ')).toContain('180 days');
    expect(en.paragraphs.join(' ')).toContain('https://www.example.fi');
    expect(fi.categories.map((c) => c.category)).toEqual(['ANALYTICS', 'MARKETING']);
    expect(cookieNoticeSection({ retention: { webEventDays: 30 }, sites: [] }).en.paragraphs[0]).toContain('does not currently');
  });
});
