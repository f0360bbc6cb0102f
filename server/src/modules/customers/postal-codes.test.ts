import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors';
import { normalisePostalCode } from './postal-codes';

const refusal = (value: string, country: string) => {
  try {
    normalisePostalCode(value, country);
    return null;
  } catch (error) {
    return isAppError(error, 'BAD_USER_INPUT') ? error.extensions.field : error;
  }
};

describe('postal codes by country', () => {
  it('[P6] a Finnish postal code has five digits: "MT" and "00 100" are refused', () => {
    expect(normalisePostalCode(' 00100 ', 'FI')).toBe('00100');
    for (const bad of ['MT', '00 100', '0010', '001000', 'FI-00100']) expect(refusal(bad, 'FI'), bad).toBe('postalCode');
  });

  it('[P6] a Norwegian, Danish, Estonian and German postal code each have their own length', () => {
    expect(normalisePostalCode('0150', 'NO')).toBe('0150');
    expect(refusal('00150', 'NO')).toBe('postalCode');
    expect(normalisePostalCode('1050', 'DK')).toBe('1050');
    expect(refusal('105', 'DK')).toBe('postalCode');
    expect(normalisePostalCode('10115', 'EE')).toBe('10115');
    expect(normalisePostalCode('10115', 'DE')).toBe('10115');
    expect(refusal('1011', 'DE')).toBe('postalCode');
  });

  it('[P6] a Swedish postal code is three and two digits, stored with one space', () => {
    expect(normalisePostalCode('11122', 'SE')).toBe('111 22');
    expect(normalisePostalCode('111  22', 'SE')).toBe('111 22');
    expect(normalisePostalCode('111 22', 'SE')).toBe('111 22');
    for (const bad of ['1112', '11 122', 'SE-11122']) expect(refusal(bad, 'SE'), bad).toBe('postalCode');
  });

  it('[P6] formats with letters or prefixes are stored in their usual form', () => {
    expect(normalisePostalCode('sw1a1aa', 'GB')).toBe('SW1A 1AA');
    expect(normalisePostalCode('1012ab', 'NL')).toBe('1012 AB');
    expect(normalisePostalCode('1050', 'LV')).toBe('LV-1050');
    expect(normalisePostalCode('LT 01100', 'LT')).toBe('LT-01100');
    expect(normalisePostalCode('vlt1117', 'MT')).toBe('VLT 1117');
    expect(refusal('MT', 'MT')).toBe('postalCode');
    expect(normalisePostalCode('00950', 'PL')).toBe('00-950');
  });

  it('[P6] a country without a known format takes 1-10 letters, digits, spaces or hyphens', () => {
    expect(normalisePostalCode('mt', 'KE')).toBe('MT');
    expect(normalisePostalCode('a-1 b', 'KE')).toBe('A-1 B');
    for (const bad of ['', '-', '12345678901', 'A_1', 'Ä1']) expect(refusal(bad, 'KE'), bad).toBe('postalCode');
  });
});
