/**
 * P9: countries of the EU and the EEA, where personal data moves as freely as within Finland.
 * Anywhere else needs a recorded necessity and a safeguard (GDPR chapter V).
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  // EU
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  // EEA outside the EU
  'IS', 'LI', 'NO',
]);

export const inEea = (country: string) => EEA_COUNTRIES.has(country.toUpperCase());
