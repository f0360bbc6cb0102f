import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { badInput } from '../../errors';

/** Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit (weights 7,9,10,5,8,4,2; mod 11). */
export function isValidBusinessId(value: string): boolean {
  const match = /^(\d{7})-(\d)$/.exec(value);
  if (!match) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = [...match[1]].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check === Number(match[2]);
}

/** Phones are stored in E.164; a number without a country code is read as Finnish. */
export function normalisePhone(value: string, field = 'phone'): string {
  const phone = parsePhoneNumberFromString(value.trim(), 'FI');
  if (!phone?.isValid()) throw badInput(field, `'${value}' is not a valid phone number.`);
  return phone.number;
}

export function requireText(value: string | null | undefined, field: string, max = 200): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(field, `${field} must not be empty.`);
  if (text.length > max) throw badInput(field, `${field} is at most ${max} characters.`);
  return text;
}

/** Optional text: empty becomes null. */
export function optionalText(value: string | null | undefined, field: string, max = 200): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (!text) return null;
  if (text.length > max) throw badInput(field, `${field} is at most ${max} characters.`);
  return text;
}
