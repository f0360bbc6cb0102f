import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { decodeLines, fileProblem } from '../prohibitions/opt-out-list-csv';
import type { CsvEncoding } from '../prohibitions/prohibition.model';
import { AddressUpdateReason, type AddressUpdateLine } from './address-update.model';

/**
 * Reading an address-update service's file (P7) as a stream, row by row, with bounded memory: the
 * bytes are decoded as the opt-out lists' are (UTF-8 checked line by line, or Windows-1252 when the
 * request says so), the delimiter is the one the header uses, and the header names its columns in
 * English or in Finnish. Each row becomes a line of values, or a reason it cannot be read.
 */

type Column = keyof AddressUpdateLine;

/** Header names accepted for each column (lower-cased, spaces and hyphens as `_`). */
export const HEADERS: Record<Column, readonly string[]> = {
  customerNumber: ['customer_number', 'customernumber', 'customer_no', 'customer_id', 'asiakasnumero', 'asiakasnro', 'asiakas_nro'],
  firstName: ['first_name', 'firstname', 'given_name', 'given_names', 'etunimi', 'etunimet'],
  lastName: ['last_name', 'lastname', 'surname', 'family_name', 'sukunimi'],
  oldStreet: ['old_street', 'old_street_address', 'old_address', 'vanha_katuosoite', 'vanha_lähiosoite', 'vanha_osoite'],
  oldPostalCode: ['old_postal_code', 'old_postcode', 'old_zip', 'vanha_postinumero'],
  oldCity: ['old_city', 'old_post_office', 'vanha_postitoimipaikka', 'vanha_kaupunki'],
  newStreet: ['new_street', 'new_street_address', 'new_address', 'uusi_katuosoite', 'uusi_lähiosoite', 'uusi_osoite'],
  newPostalCode: ['new_postal_code', 'new_postcode', 'new_zip', 'uusi_postinumero'],
  newCity: ['new_city', 'new_post_office', 'uusi_postitoimipaikka', 'uusi_kaupunki'],
  movedOn: ['moved_on', 'move_date', 'date_of_move', 'moving_date', 'muuttopäivä', 'muuttopaiva', 'muuttopvm', 'muuttopäivämäärä'],
  updateProhibition: [
    'update_prohibition',
    'update_prohibited',
    'updates_prohibited',
    'päivityskielto',
    'paivityskielto',
    'asiakasrekisterin_päivityskielto',
    'asiakasrekisterin_paivityskielto',
  ],
};
const COLUMNS = Object.keys(HEADERS) as Column[];
const DELIMITERS = [';', ',', '\t', '|'] as const;

/** Column lengths, as a customer's fields allow. */
const MAX_LENGTH: Partial<Record<Column, number>> = { firstName: 100, lastName: 100, oldStreet: 200, newStreet: 200, oldCity: 100, newCity: 100 };
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One data row of the file, read. */
export type AddressUpdateFileRow =
  | { line: number; values: AddressUpdateLine; invalid?: undefined }
  | { line: number; values: AddressUpdateLine; invalid: { reason: AddressUpdateReason; field: Column | null } };

const headerName = (cell: string) =>
  cell
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function columnsOf(cells: readonly string[]): Record<Column, number> {
  const names = cells.map(headerName);
  return Object.fromEntries(COLUMNS.map((key) => [key, names.findIndex((n) => HEADERS[key].includes(n))])) as Record<Column, number>;
}

/** The delimiter that splits the header into the most known column names. */
export function delimiterOf(header: string): (typeof DELIMITERS)[number] {
  let best: (typeof DELIMITERS)[number] = ';';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const cells = header.split(delimiter);
    const score = Object.values(columnsOf(cells)).filter((i) => i >= 0).length * 1000 + cells.length;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** A Finnish postal code: five digits (spaces allowed in the file). */
export function postalCodeOf(raw: string): string | null {
  const code = raw.replace(/\s/g, '');
  return /^\d{5}$/.test(code) ? code : null;
}

/** YYYY-MM-DD or D.M.YYYY (as Finnish files write it), a real calendar date. */
export function dateOf(raw: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fi ? [fi[3], fi[2], fi[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date.toISOString().slice(0, 10);
}

const YES = new Set(['1', 'k', 'kyllä', 'kylla', 'x', 'y', 'yes', 'true']);
const NO = new Set(['', '0', 'e', 'ei', 'n', 'no', 'false']);

/** The update-prohibition flag: 1/0, K/E, kyllä/ei, Y/N, yes/no, true/false, X/empty. */
export function flagOf(raw: string): boolean | null {
  const value = raw.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return null;
}

/** One data row: its values (normalised), or why it cannot be an address update. */
export function readRow(cells: readonly string[], at: Record<Column, number>, width: number): Omit<AddressUpdateFileRow, 'line'> {
  const raw = (key: Column) => (at[key] >= 0 ? cells[at[key]]?.trim() || null : null);
  const values: AddressUpdateLine = {
    customerNumber: raw('customerNumber'),
    firstName: raw('firstName'),
    lastName: raw('lastName'),
    oldStreet: raw('oldStreet'),
    oldPostalCode: raw('oldPostalCode'),
    oldCity: raw('oldCity'),
    newStreet: raw('newStreet'),
    newPostalCode: raw('newPostalCode'),
    newCity: raw('newCity'),
    movedOn: raw('movedOn'),
    updateProhibition: false,
  };
  const invalid = (reason: AddressUpdateReason, field: Column | null) => ({ values, invalid: { reason, field } });
  if (cells.slice(width).some((c) => c.trim() !== '')) return invalid(AddressUpdateReason.TOO_MANY_FIELDS, null);
  for (const key of COLUMNS) {
    const value = raw(key);
    if (value && (CONTROL.test(value) || value.length > (MAX_LENGTH[key] ?? 100))) return invalid(AddressUpdateReason.INVALID_TEXT, key);
  }
  const flag = flagOf(raw('updateProhibition') ?? '');
  if (flag === null) return invalid(AddressUpdateReason.INVALID_FLAG, 'updateProhibition');
  values.updateProhibition = flag;
  if (values.customerNumber !== null) {
    if (!/^\d{1,15}$/.test(values.customerNumber)) return invalid(AddressUpdateReason.INVALID_CUSTOMER_NUMBER, 'customerNumber');
    values.customerNumber = String(Number(values.customerNumber));
  }
  if (!values.firstName) return invalid(AddressUpdateReason.MISSING_NAME, 'firstName');
  if (!values.lastName) return invalid(AddressUpdateReason.MISSING_NAME, 'lastName');
  for (const key of ['oldPostalCode', 'newPostalCode'] as const) {
    const given = values[key];
    if (given === null) continue;
    const code = postalCodeOf(given);
    if (!code) return invalid(AddressUpdateReason.INVALID_POSTAL_CODE, key);
    values[key] = code;
  }
  if (values.movedOn !== null) {
    const date = dateOf(values.movedOn);
    if (!date) return invalid(AddressUpdateReason.INVALID_DATE, 'movedOn');
    values.movedOn = date;
  }
  // A row that forbids updates needs no new address: it is the prohibition that is recorded.
  if (!values.updateProhibition) {
    const missing = (['newStreet', 'newPostalCode', 'newCity'] as const).find((key) => !values[key]);
    if (missing) return invalid(AddressUpdateReason.MISSING_NEW_ADDRESS, missing);
  }
  return { values };
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The file's rows, in order, each with the line it starts on. A file that cannot be read throws (400). */
export async function* readAddressUpdateRows(source: AsyncIterable<Uint8Array>, encoding: CsvEncoding): AsyncGenerator<AddressUpdateFileRow> {
  const text = decodeLines(source, encoding);
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

  let at: Record<Column, number> | null = null;
  let width = 0;
  let linesBefore = 0;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const line = linesBefore + lineBreaks(raw.slice(0, raw.search(/\S|$/))) + 1;
      linesBefore += lineBreaks(raw);
      if (!at) {
        at = columnsOf(record);
        width = record.length;
        const missing = (['firstName', 'lastName', 'newStreet', 'newPostalCode', 'newCity'] as const).filter((key) => at?.[key] === -1);
        const canMatch = at.customerNumber >= 0 || (at.oldStreet >= 0 && at.oldPostalCode >= 0);
        if (missing.length > 0 || !canMatch) {
          throw fileProblem(
            'MISSING_COLUMNS',
            `The header must name the first and last name, the new street, postal code and city, and the customer number or the old street and postal code${missing.length ? ` (missing: ${missing.join(', ')})` : ''}.`,
            line,
          );
        }
        continue;
      }
      if (record.every((cell) => cell === '')) continue;
      yield { line, ...readRow(record, at, width) } as AddressUpdateFileRow;
    }
  } catch (error) {
    const csvError = error as { code?: string; message: string };
    if (csvError.code?.startsWith('CSV_')) {
      throw fileProblem('MALFORMED_CSV', `The CSV could not be read after line ${linesBefore}: ${csvError.message}`, linesBefore + 1);
    }
    throw error;
  } finally {
    input.destroy();
  }
  if (!at) throw fileProblem('EMPTY', 'The file is empty.');
}
