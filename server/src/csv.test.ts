import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_DELIMITERS, neutraliseCell, peopleCsv, restoreCell, type CsvLanguage } from './csv';

const read = (file: Buffer, language: CsvLanguage): string[][] =>
  parse(file.toString('utf8'), { bom: true, delimiter: CSV_DELIMITERS[language] }) as string[][];

describe('formula injection (OWASP)', () => {
  it('[P3] a cell starting with =, +, -, @, a tab or a carriage return is prefixed with a quote, and nothing else is', () => {
    for (const value of ['=HYPERLINK("http://evil.example","Klikkaa")', '+358401234567', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseCell(value), JSON.stringify(value)).toBe(`'${value}`);
    }
    for (const value of ['Mäkelä', 'a=b', ' =1', '', '00100', "O'Brien"]) expect(neutraliseCell(value)).toBe(value);
  });

  it('restoring a neutralised cell gives back exactly the value, whatever it was (quotes before a formula too)', () => {
    expect(restoreCell(neutraliseCell("'=1+1"))).toBe("'=1+1");
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const cell = neutraliseCell(value);
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect(restoreCell(cell)).toBe(value);
      }),
    );
  });
});

describe('files for people', () => {
  const header = ['Etunimi', 'Puhelin'];
  const rows = [
    ['=HYPERLINK("http://evil.example";"x")', '+358401234567'],
    ['Äijälä; "Ö"', null],
  ];

  it('[P3] in Finnish: a UTF-8 byte-order mark, ";" between cells, CRLF lines; no cell a spreadsheet would run', () => {
    const file = peopleCsv('fi', header, rows);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8');
    expect(text.slice(1).startsWith('Etunimi;Puhelin\r\n')).toBe(true);
    const parsed = read(file, 'fi');
    expect(parsed).toEqual([header, [`'${rows[0][0]}`, "'+358401234567"], ['Äijälä; "Ö"', '']]);
    for (const cell of parsed.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('in English: "," between cells; every file read back and restored is the data a person expects', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 5 }), fc.constantFrom<CsvLanguage>('fi', 'en'), (data, language) => {
        const parsed = read(peopleCsv(language, ['A', 'B'], data), language);
        expect(parsed.slice(1).map((row) => row.map(restoreCell))).toEqual(data);
      }),
    );
    expect(peopleCsv('en', header, rows).toString('utf8').slice(1).split('\r\n')[0]).toBe('Etunimi,Puhelin');
  });
});
