import { formatNumber } from '../../app/format';
import type { Language, Messages } from '../../app/i18n';

/** A count about people as the server tells it: exact from 5 up, else only "fewer than 5" (k-anonymity). */
export interface KCount {
  count?: number | null;
  fewerThan?: number | null;
}

/** Whether the count was too small to tell. */
export const isFewerThan = (value: KCount): boolean => value.count === null || value.count === undefined;

/** The count in words: the number, or "fewer than 5" / "alle 5". */
export function kCountText(t: Messages, value: KCount, language: Language): string {
  if (!isFewerThan(value)) return formatNumber(value.count as number, language);
  return t.campaigns.fewerThan(formatNumber(value.fewerThan ?? 5, language));
}
