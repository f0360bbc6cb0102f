import type { Language } from './i18n';

const LOCALE: Record<Language, string> = { fi: 'fi-FI', en: 'en-GB' };

export function formatTime(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(LOCALE[language], { dateStyle: 'short', timeStyle: 'medium' });
}

/** The day of a moment, in the user's time zone: fi 3.5.2024, en 03/05/2024. */
export function formatDay(iso: string, language: Language): string {
  return new Date(iso).toLocaleDateString(LOCALE[language]);
}

/** A calendar date (`YYYY-MM-DD`, no time zone) as written in the user's language. */
export function formatLocalDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(LOCALE[language]);
}

/** A month `YYYY-MM`: fi 5/2024, en May 2024. */
export function formatMonth(month: string, language: Language): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Date(y, m - 1, 1).toLocaleDateString(LOCALE[language], { month: 'short', year: 'numeric' });
}

const money = new Map<Language, Intl.NumberFormat>();

/** Integer cents as euros: fi "12,34 €", en "€12.34". */
export function formatMoney(cents: number, language: Language): string {
  let format = money.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'EUR' });
    money.set(language, format);
  }
  return format.format(cents / 100);
}

/** A VAT rate in basis points: 2550 is fi "25,5 %", en "25.5%". */
export function formatVatRate(basisPoints: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10_000);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language]).format(value);
}

/**
 * Euros typed by a person ("12", "12,5", "1 234,50", "12.50") as integer cents, or null when it
 * is not an amount with at most two decimals.
 */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/[\s\u00a0€]/g, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
