import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
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

/** One record of a CSV file read, with the line it starts on (the header is the first). */
export interface CsvRecord {
  line: number;
  record: string[];
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The records of a CSV file given as decoded text in chunks (each ending at a line break), read as a
 * stream: the delimiter is the one `delimiterOf` picks from the first non-blank line (the header),
 * blank lines are skipped, and every record carries the line it starts on. Only "\n" ends a record
 * ("\r" is trimmed), so line numbers are counted from each record's own text. A csv-parse error
 * throws `malformed(lineAfter, message)`.
 */
export async function* readCsvRecords(
  text: AsyncGenerator<string>,
  delimiterOf: (header: string) => string,
  malformed: (line: number, message: string) => Error,
): AsyncGenerator<CsvRecord> {
  let head = '';
  let rest: IteratorResult<string>;
  do {
    rest = await text.next();
    if (!rest.done) head += rest.value;
  } while (!rest.done && !/\S.*\n/.test(head));
  const headerLine = head.split('\n').find((l) => l.trim() !== '');
  if (headerLine === undefined) return;
  const body = async function* () {
    yield head;
    yield* text;
  };
  const parser = parse({
    delimiter: delimiterOf(headerLine),
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    raw: true,
  });
  const input = Readable.from(body());
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let linesBefore = 0;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const line = linesBefore + countBreaks(raw.slice(0, raw.search(/\S|$/))) + 1;
      linesBefore += countBreaks(raw);
      if (record.every((cell) => cell === '')) continue;
      yield { line, record };
    }
  } catch (error) {
    const csvError = error as { code?: string; message: string };
    if (csvError.code?.startsWith('CSV_')) throw malformed(linesBefore + 1, csvError.message);
    throw error;
  } finally {
    input.destroy();
  }
}

/** A header cell as a name to match: trimmed, unquoted, lower-cased, spaces and hyphens as `_`. */
export const csvHeaderName = (cell: string) =>
  cell
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
