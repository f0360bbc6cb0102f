import type { Language } from './i18n';

const LOCALE: Record<Language, string> = { fi: 'fi-FI', en: 'en-GB' };

export function formatTime(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(LOCALE[language], { dateStyle: 'short', timeStyle: 'medium' });
}
