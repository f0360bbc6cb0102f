import { RECTIFIABLE_FIELDS as FIELDS, type RectifiableField } from '@rekisteri/schema';
import { COLUMN } from '../customers/customer-values';

/** P16: customer fields a requester may ask to have corrected (the schema package's list, shared with the web). */
export const RECTIFIABLE_FIELDS: readonly string[] = FIELDS;

/** The value of a rectifiable field in a `customers` row (by column, as the customers' writes name them), as text. */
export function currentValueOf(row: Readonly<Record<string, string | null>>, field: string): string | null {
  const value = row[COLUMN[field as RectifiableField]];
  return value == null ? null : String(value).trim();
}
