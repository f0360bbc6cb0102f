import { stringify } from 'csv-stringify/sync';

/**
 * CSV files people open in a spreadsheet: safe against formula injection, and in the dialect
 * their spreadsheet expects. Every CSV writer of the server goes through `peopleCsv`.
 */

/**
 * OWASP's rule for CSV injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is read by Excel and LibreOffice as a formula (`=HYPERLINK(...)`), so it is prefixed with
 * a single quote and stays text. Phones in E.164 start with `+` and are prefixed too. A value that
 * already starts with quotes before such a character gets one more, so `restoreCell` undoes this
 * exactly, whatever the value.
 */
const FORMULA = /^'*[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** The value `neutraliseCell` was given: for code that reads back a file this server wrote. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell) ? cell.slice(1) : cell;
}

export type CsvLanguage = 'fi' | 'en';

/**
 * The separator per language: Finnish Excel splits on `;` (the comma is its decimal separator),
 * English Excel on `,`. Every file starts with a UTF-8 byte-order mark, without which Excel reads
 * "Mäkelä" as "MÃ¤kelÃ¤" in any language; lines end in CRLF (RFC 4180).
 */
export const CSV_DELIMITERS: Readonly<Record<CsvLanguage, string>> = { fi: ';', en: ',' };

/** A header row and data rows as a file: every cell neutralised, in the language's dialect. */
export function peopleCsv(language: CsvLanguage, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): Buffer {
  const records = [header, ...rows].map((row) => row.map((cell) => neutraliseCell(cell ?? '')));
  return Buffer.from(stringify(records, { delimiter: CSV_DELIMITERS[language], bom: true, record_delimiter: 'windows' }), 'utf8');
}
