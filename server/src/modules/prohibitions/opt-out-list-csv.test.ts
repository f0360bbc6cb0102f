import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors';
import { delimiterOf, readOptOutRows, type OptOutRow } from './opt-out-list-csv';
import type { CsvEncoding } from './prohibition.model';

/** The rows of a file given as chunks (strings are UTF-8), as the import reads them. */
async function rowsOf(chunks: Array<string | Uint8Array>, encoding: CsvEncoding = 'utf-8'): Promise<OptOutRow[]> {
  const source = (async function* () {
    for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  })();
  const rows: OptOutRow[] = [];
  for await (const row of readOptOutRows(source, encoding)) rows.push(row);
  return rows;
}

/** What the reading threw: its extensions (code, reason, line). */
async function refusalOf(chunks: Array<string | Uint8Array>, encoding: CsvEncoding = 'utf-8') {
  try {
    await rowsOf(chunks, encoding);
  } catch (error) {
    if (isAppError(error)) return error.extensions;
    throw error;
  }
  return null;
}

describe('reading an opt-out list file', () => {
  it('[P15] takes the delimiter from the header: a comma inside a semicolon file is data', async () => {
    const rows = await rowsOf(['nimi;katuosoite;postinumero;puhelin\n', 'Aino Mäkinen;Hämeenkatu 1, B 12;33100;\n']);
    expect(rows).toEqual([{ line: 2, entry: { name: 'Aino Mäkinen', street: 'Hämeenkatu 1, B 12', postalCode: '33100', phone: null } }]);
    expect(delimiterOf('name,street,postal_code,phone')).toBe(',');
    expect(delimiterOf('name\tstreet\tpostal_code\tphone')).toBe('\t');
    expect(delimiterOf('"nimi";"katuosoite, jos on";"postinumero"')).toBe(';');
    const commas = await rowsOf(['name,street,postal_code,phone\n"Korhonen, Aino","Kauppakatu 1, A 2",00100,\n']);
    expect(commas).toEqual([{ line: 2, entry: { name: 'Korhonen, Aino', street: 'Kauppakatu 1, A 2', postalCode: '00100', phone: null } }]);
  });

  it('[P15] a phone libphonenumber does not hold valid is a skipped line, never a stored number', async () => {
    const rows = await rowsOf(['puhelin;nimi\n', '040 123 4567;\n', '123;\n', '+358 9 1234 5678;\n', '+358 40 12;\n']);
    expect(rows).toEqual([
      { line: 2, entry: { name: null, street: null, postalCode: null, phone: '+358401234567' } },
      { line: 3, skip: 'INVALID_PHONE', field: 'phone' },
      { line: 4, entry: { name: null, street: null, postalCode: null, phone: '+358912345678' } },
      { line: 5, skip: 'INVALID_PHONE', field: 'phone' },
    ]);
  });

  it('[P15] says why each other line is skipped: postal code, incomplete address, extra values', async () => {
    const rows = await rowsOf([
      'name;street;postal_code;phone\n',
      'Aino Mäkinen;Kauppakatu 1;B12;\n',
      'Pekka Virtanen;;33100;\n',
      'Liisa Laine;Rantatie 5;33 100;\n',
      'Matti Meikäläinen;Koulukatu 2;00100;;ylimääräinen\n',
      ';;;\n',
    ]);
    expect(rows).toEqual([
      { line: 2, skip: 'INVALID_POSTAL_CODE', field: 'postalCode' },
      { line: 3, skip: 'INCOMPLETE', field: 'street' },
      { line: 4, entry: { name: 'Liisa Laine', street: 'Rantatie 5', postalCode: '33100', phone: null } },
      { line: 5, skip: 'TOO_MANY_FIELDS', field: null },
    ]);
  });

  it('numbers lines as an editor does: CRLF, blank lines, a BOM, quoted line breaks, chunks cut anywhere', async () => {
    const file = '\uFEFFphone;name\r\n0401234567;A\r\n\r\n0501234567;"two\r\nlines"\r\n123;C\r\n';
    const bytes = Buffer.from(file, 'utf8');
    const expected = [
      { line: 2, entry: { name: 'A', street: null, postalCode: null, phone: '+358401234567' } },
      { line: 4, entry: { name: 'two\r\nlines', street: null, postalCode: null, phone: '+358501234567' } },
      { line: 6, skip: 'INVALID_PHONE', field: 'phone' },
    ];
    expect(await rowsOf([file])).toEqual(expected);
    // Byte by byte: a character or a line split across chunks reads the same.
    expect(await rowsOf([...bytes].map((b) => Uint8Array.of(b)))).toEqual(expected);
  });

  it('[P15] refuses a file that is not UTF-8, naming the line, and reads Windows-1252 only when told', async () => {
    const latin = Buffer.concat([
      Buffer.from('nimi;katuosoite;postinumero\nAino Virtanen;Kauppakatu 1;00100\n'),
      Buffer.from('M\xe4kinen Aino;Kyl\xe4tie 2;33100\n', 'latin1'),
    ]);
    expect(await refusalOf([latin])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv', reason: 'INVALID_ENCODING', line: 3 });
    // The bad byte in a later chunk still names its line.
    expect(await refusalOf([latin.subarray(0, 40), latin.subarray(40)])).toMatchObject({ reason: 'INVALID_ENCODING', line: 3 });
    const rows = await rowsOf([latin], 'windows-1252');
    expect(rows[1]).toEqual({ line: 3, entry: { name: 'Mäkinen Aino', street: 'Kylätie 2', postalCode: '33100', phone: null } });
  });

  it('refuses a file without the columns, an empty one and broken quoting as a whole, with a reason', async () => {
    expect(await refusalOf(['foo,bar\n1,2\n'])).toMatchObject({ reason: 'MISSING_COLUMNS', field: 'csv' });
    expect(await refusalOf(['\n\n'])).toMatchObject({ reason: 'EMPTY' });
    expect(await refusalOf(['phone;name\n0401234567;"open\n0501234567;B\n'])).toMatchObject({ reason: 'MALFORMED_CSV' });
  });
});
