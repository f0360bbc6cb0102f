import { RECTIFIABLE_FIELDS as FIELDS, type RectifiableField } from '@rekisteri/schema';

/** P16: customer fields a requester may ask to have corrected, with their columns. */
export const RECTIFIABLE_COLUMNS: Readonly<Record<RectifiableField, string>> = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
  language: 'language',
};

export const RECTIFIABLE_FIELDS: readonly string[] = FIELDS;

/** The value of a field in a raw `customers` row, as text. */
export function currentValueOf(row: Record<string, unknown>, field: string): string | null {
  const value = row[RECTIFIABLE_COLUMNS[field as RectifiableField]];
  return value == null ? null : String(value).trim();
}
