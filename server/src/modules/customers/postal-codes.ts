import { badInput } from '../../errors';

/**
 * A country's postal code format: what it accepts (after trimming, upper-casing and squeezing
 * spaces), how it is stored, and an example for the message.
 */
interface PostalFormat {
  pattern: RegExp;
  /** The stored form, from the match; the match itself when absent. */
  store?: (match: RegExpExecArray) => string;
  example: string;
}

const digits = (n: number, example: string): PostalFormat => ({ pattern: new RegExp(`^\\d{${n}}$`), example });
/** Digits in two groups, stored with one space between them (SE 123 45, CZ, SK, GR). */
const split = (first: number, second: number, example: string): PostalFormat => ({
  pattern: new RegExp(`^(\\d{${first}}) ?(\\d{${second}})$`),
  store: (m) => `${m[1]} ${m[2]}`,
  example,
});
/** Digits after an optional country prefix, stored with the prefix (LV-1050, LT-01100). */
const prefixed = (prefix: string, n: number, example: string): PostalFormat => ({
  pattern: new RegExp(`^(?:${prefix}[- ]?)?(\\d{${n}})$`),
  store: (m) => `${prefix}-${m[1]}`,
  example,
});

/**
 * Well-known formats (the Nordic and Baltic countries, the EU/EEA and the largest trading
 * partners). A country not listed gets a lenient rule: 1-10 letters, digits, spaces or hyphens.
 */
const FORMATS: Record<string, PostalFormat> = {
  FI: digits(5, '00100'),
  AX: { pattern: /^(?:AX-?)?(22\d{3})$/, store: (m) => m[1], example: '22100' },
  SE: split(3, 2, '111 22'),
  NO: digits(4, '0150'),
  DK: digits(4, '1050'),
  IS: digits(3, '101'),
  EE: digits(5, '10115'),
  LV: prefixed('LV', 4, 'LV-1050'),
  LT: prefixed('LT', 5, 'LT-01100'),
  DE: digits(5, '10115'),
  AT: digits(4, '1010'),
  CH: digits(4, '8001'),
  LI: { pattern: /^94\d{2}$/, example: '9490' },
  BE: digits(4, '1000'),
  LU: { pattern: /^(?:L-?)?(\d{4})$/, store: (m) => m[1], example: '1009' },
  NL: { pattern: /^(\d{4}) ?([A-Z]{2})$/, store: (m) => `${m[1]} ${m[2]}`, example: '1012 AB' },
  FR: digits(5, '75001'),
  MC: { pattern: /^980\d{2}$/, example: '98000' },
  IT: digits(5, '00184'),
  SM: { pattern: /^4789\d$/, example: '47890' },
  VA: { pattern: /^00120$/, example: '00120' },
  ES: digits(5, '28001'),
  PT: { pattern: /^(\d{4})-?(\d{3})$/, store: (m) => `${m[1]}-${m[2]}`, example: '1000-001' },
  PL: { pattern: /^(\d{2})-?(\d{3})$/, store: (m) => `${m[1]}-${m[2]}`, example: '00-950' },
  CZ: split(3, 2, '110 00'),
  SK: split(3, 2, '811 01'),
  HU: digits(4, '1051'),
  SI: digits(4, '1000'),
  HR: digits(5, '10000'),
  RO: digits(6, '010011'),
  BG: digits(4, '1000'),
  GR: split(3, 2, '105 57'),
  CY: digits(4, '1010'),
  MT: { pattern: /^([A-Z]{3}) ?(\d{4})$/, store: (m) => `${m[1]} ${m[2]}`, example: 'VLT 1117' },
  IE: { pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?([0-9AC-FHKNPRTV-Y]{4})$/, store: (m) => `${m[1]} ${m[2]}`, example: 'D02 X285' },
  GB: {
    pattern: /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/,
    store: (m) => `${m[1]} ${m[2]}`,
    example: 'SW1A 1AA',
  },
  US: { pattern: /^(\d{5})(?:-?(\d{4}))?$/, store: (m) => (m[2] ? `${m[1]}-${m[2]}` : m[1]), example: '10001' },
  CA: { pattern: /^([A-Z]\d[A-Z]) ?(\d[A-Z]\d)$/, store: (m) => `${m[1]} ${m[2]}`, example: 'K1A 0B1' },
  RU: digits(6, '101000'),
  UA: digits(5, '01001'),
  CN: digits(6, '100000'),
  JP: { pattern: /^(\d{3})-?(\d{4})$/, store: (m) => `${m[1]}-${m[2]}`, example: '100-0001' },
  IN: digits(6, '110001'),
  AU: digits(4, '2000'),
  NZ: digits(4, '6011'),
  BR: { pattern: /^(\d{5})-?(\d{3})$/, store: (m) => `${m[1]}-${m[2]}`, example: '01310-100' },
};

const LENIENT = /^[A-Z0-9](?:[A-Z0-9 -]{0,8}[A-Z0-9])?$/;

/** Whether the country has a known postal code format (others get the lenient rule). */
export const hasPostalFormat = (country: string) => Object.hasOwn(FORMATS, country);

/**
 * The postal code as stored for this country (P6: the address must be one mail can reach), or
 * BAD_USER_INPUT naming the field. Spaces are trimmed and squeezed and letters upper-cased first.
 */
export function normalisePostalCode(value: string, country: string, field = 'postalCode'): string {
  const code = value.trim().toUpperCase().replace(/\s+/g, ' ');
  const format = FORMATS[country];
  if (!format) {
    if (!LENIENT.test(code)) throw badInput(field, `'${value}' is not a valid postal code: 1-10 letters, digits, spaces or hyphens.`);
    return code;
  }
  const match = format.pattern.exec(code);
  if (!match) throw badInput(field, `'${value}' is not a postal code of ${country}: for example ${format.example}.`);
  return format.store ? format.store(match) : match[0];
}
