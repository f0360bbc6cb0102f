/**
 * Lists server and web must agree on, kept once here.
 */

/**
 * P9: countries of the EU and the EEA, where personal data moves as freely as within Finland.
 * Anywhere else needs a recorded necessity and a safeguard (GDPR chapter V).
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  // EU
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  // EEA outside the EU
  'IS',
  'LI',
  'NO',
]);

export const inEea = (country: string) => EEA_COUNTRIES.has(country.trim().toUpperCase());

/** P16: customer fields a requester may ask to have corrected. */
export const RECTIFIABLE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'country', 'language'] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

export * from './purpose-policy';
export * from './processing-purposes';
