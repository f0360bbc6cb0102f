import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { appError } from '../../errors';
import { SkipReason, type CsvEncoding, type OptOutEntry } from './prohibition.model';

/**
 * Reading an opt-out register's CSV as a stream, row by row, with bounded memory: the bytes are
 * decoded line by line (UTF-8 checked, or Windows-1252 when the request says so), the delimiter is
 * the one the header uses, and each row becomes an entry or a skipped line with its reason.
 */

/** Header names accepted for each column, in English and Finnish. */
const HEADERS: Record<keyof OptOutEntry, readonly string[]> = {
  name: ['name', 'nimi', 'full_name', 'koko_nimi'],
  street: ['street', 'street_address', 'address', 'katuosoite', 'osoite', 'lähiosoite'],
  postalCode: ['postal_code', 'postalcode', 'postcode', 'post_code', 'zip', 'zip_code', 'postinumero'],
  phone: ['phone', 'telephone', 'phone_number', 'mobile', 'puhelin', 'puhelinnumero', 'matkapuhelin'],
};
const COLUMNS = Object.keys(HEADERS) as Array<keyof OptOutEntry>;
const DELIMITERS = [';', ',', '\t', '|'] as const;

/** A row longer than this is not a register's row: it would make one line hold the memory. */
export const MAX_LINE_BYTES = 64 * 1024;

/** One data row of the file, read. */
export type OptOutRow = { line: number; entry: OptOutEntry } | { line: number; skip: SkipReason; field: keyof OptOutEntry | null };

/** A reason the whole file is refused (the list in force stays as it was). */
export type FileProblem = 'INVALID_ENCODING' | 'LINE_TOO_LONG' | 'MALFORMED_CSV' | 'MISSING_COLUMNS' | 'EMPTY' | 'TOO_MANY_ROWS' | 'NO_VALID_ROWS';

export const fileProblem = (reason: FileProblem, message: string, line?: number) =>
  appError('BAD_USER_INPUT', message, { field: 'csv', reason, ...(line ? { line } : {}) });

/**
 * The text of the file in chunks that end at a line break (the last one may not). A file that is
 * not valid UTF-8 is refused with the number of its first bad line: guessing would store "M�kinen".
 */
export async function* decodeLines(source: AsyncIterable<Uint8Array>, encoding: CsvEncoding): AsyncGenerator<string> {
  if (encoding === 'windows-1252') {
    // One byte is one character: any chunk boundary is a character boundary.
    const decoder = new TextDecoder('windows-1252');
    for await (const chunk of source) yield decoder.decode(chunk, { stream: true });
    return;
  }
  let carry: Buffer = Buffer.alloc(0);
  let linesBefore = 0;
  let first = true;
  const checked = (bytes: Buffer): string => {
    if (!isUtf8(bytes)) {
      const lines = splitLines(bytes);
      const bad = lines.findIndex((line) => !isUtf8(line));
      const line = linesBefore + bad + 1;
      throw fileProblem('INVALID_ENCODING', `Line ${line} is not valid UTF-8. If the file is in Windows-1252, import it as such.`, line);
    }
    linesBefore += countLineBreaks(bytes);
    let text = bytes.toString('utf8');
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    return text;
  };
  for await (const chunk of source) {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const end = bytes.lastIndexOf(0x0a) + 1;
    carry = Buffer.from(bytes.subarray(end));
    if (carry.length > MAX_LINE_BYTES) {
      throw fileProblem('LINE_TOO_LONG', `Line ${linesBefore + countLineBreaks(bytes.subarray(0, end)) + 1} is longer than ${MAX_LINE_BYTES} bytes.`);
    }
    if (end > 0) yield checked(bytes.subarray(0, end));
  }
  if (carry.length) yield checked(carry);
}

function countLineBreaks(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

const headerName = (cell: string) =>
  cell
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Where each column is, for a header split by this delimiter (-1: absent). */
function columnsOf(cells: readonly string[]): Record<keyof OptOutEntry, number> {
  const names = cells.map(headerName);
  return Object.fromEntries(COLUMNS.map((key) => [key, names.findIndex((n) => HEADERS[key].includes(n))])) as Record<keyof OptOutEntry, number>;
}

/**
 * The delimiter is the one that splits the header into the most known column names; a comma
 * inside a semicolon-separated file ("Hämeenkatu 1, B 12") is then data, not a split.
 */
export function delimiterOf(header: string): (typeof DELIMITERS)[number] {
  let best: (typeof DELIMITERS)[number] = ';';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const found = Object.values(columnsOf(header.split(delimiter))).filter((i) => i >= 0).length;
    const score = found * 1000 + header.split(delimiter).length;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Phones in E.164, read as Finnish without a country code; only a number libphonenumber holds valid. */
export function normalisedPhone(raw: string): string | null {
  const phone = parsePhoneNumberFromString(raw, 'FI');
  return phone?.isValid() ? phone.number : null;
}

/** A Finnish postal code: five digits (spaces allowed in the file). */
export function normalisedPostalCode(raw: string): string | null {
  const code = raw.replace(/\s/g, '');
  return /^\d{5}$/.test(code) ? code : null;
}

/** One data row as an entry, or why it is skipped. A value given and invalid skips the whole line. */
export function readRow(
  cells: readonly string[],
  at: Record<keyof OptOutEntry, number>,
  width: number,
): { entry: OptOutEntry } | { skip: SkipReason; field: keyof OptOutEntry | null } {
  if (cells.slice(width).some((c) => c.trim() !== '')) return { skip: SkipReason.TOO_MANY_FIELDS, field: null };
  const value = (key: keyof OptOutEntry) => (at[key] >= 0 ? cells[at[key]]?.trim() || null : null);
  const raw = { name: value('name'), street: value('street'), postalCode: value('postalCode'), phone: value('phone') };
  const phone = raw.phone ? normalisedPhone(raw.phone) : null;
  if (raw.phone && !phone) return { skip: SkipReason.INVALID_PHONE, field: 'phone' };
  const postalCode = raw.postalCode ? normalisedPostalCode(raw.postalCode) : null;
  if (raw.postalCode && !postalCode) return { skip: SkipReason.INVALID_POSTAL_CODE, field: 'postalCode' };
  if (!phone) {
    const missing = (['name', 'street', 'postalCode'] as const).find((key) => !raw[key]);
    if (missing) return { skip: SkipReason.INCOMPLETE, field: missing };
  }
  return { entry: { name: raw.name, street: raw.street, postalCode, phone } };
}

/** The file's rows, in order, each with the line it starts on. */
export async function* readOptOutRows(source: AsyncIterable<Uint8Array>, encoding: CsvEncoding): AsyncGenerator<OptOutRow> {
  const text = decodeLines(source, encoding);
  // The header first: it decides the delimiter, and where each column is.
  let head = '';
  let rest: IteratorResult<string>;
  do {
    rest = await text.next();
    if (!rest.done) head += rest.value;
  } while (!rest.done && !/\S.*\n/.test(head));
  const headerLine = head.split('\n').find((l) => l.trim() !== '');
  if (headerLine === undefined) throw fileProblem('EMPTY', 'The file is empty.');
  const delimiter = delimiterOf(headerLine);
  const body = async function* () {
    yield head;
    yield* text;
  };
  const parser = parse({
    delimiter,
    // Only "\n" ends a record ("\r" is trimmed): csv-parse then hands each record's text whole, and
    // the line numbers are counted from that text (its own count doubles "\r\n" in quoted values).
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

  let at: Record<keyof OptOutEntry, number> | null = null;
  let width = 0;
  let linesBefore = 0;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      // The record's text starts with the blank lines skipped before it.
      const line = linesBefore + lineBreaks(raw.slice(0, raw.search(/\S|$/))) + 1;
      linesBefore += lineBreaks(raw);
      if (!at) {
        at = columnsOf(record);
        width = record.length;
        if (at.phone < 0 && (at.name < 0 || at.street < 0 || at.postalCode < 0)) {
          throw fileProblem('MISSING_COLUMNS', 'The header must name a phone column, or name, street and postal_code columns.', line);
        }
        continue;
      }
      if (record.every((cell) => cell === '')) continue; // ";;;": a row with nothing in it
      yield { line, ...readRow(record, at, width) };
    }
  } catch (error) {
    const csvError = error as { code?: string; lines?: number; message: string };
    if (csvError.code?.startsWith('CSV_')) {
      throw fileProblem('MALFORMED_CSV', `The CSV could not be read after line ${linesBefore}: ${csvError.message}`, linesBefore + 1);
    }
    throw error;
  } finally {
    input.destroy();
  }
}
