import { csvHeaderName, readCsvRecords } from '../../csv';
import { decodeLines, fileProblem } from '../prohibitions/opt-out-list-csv';
import type { CsvEncoding } from '../prohibitions/prohibition.model';
import { IMPORT_FIELDS, type CustomerImportMapping, type CustomerImportValues, type ImportField } from './customer-import.model';

/**
 * Reading a store's or a reseller's customer list (P7) as a stream, row by row, with bounded memory:
 * decoded as the other imports' files are (UTF-8 checked, or Windows-1252), the delimiter the header
 * uses, and each column mapped to a customer field: as the importer mapped it, else recognised from
 * its Finnish or English header.
 */

/** Header names recognised for each field (as `csvHeaderName` writes them). */
export const HEADERS: Record<ImportField, readonly string[]> = {
  customerNumber: ['customer_number', 'customernumber', 'customer_no', 'customer_id', 'asiakasnumero', 'asiakasnro', 'asiakas_nro'],
  firstName: ['first_name', 'firstname', 'given_name', 'given_names', 'forename', 'etunimi', 'etunimet'],
  lastName: ['last_name', 'lastname', 'surname', 'family_name', 'sukunimi'],
  email: ['email', 'e_mail', 'email_address', 'mail', 'sähköposti', 'sahkoposti', 'sähköpostiosoite', 'sposti'],
  phone: ['phone', 'telephone', 'phone_number', 'mobile', 'puhelin', 'puhelinnumero', 'matkapuhelin', 'gsm'],
  street: ['street', 'street_address', 'address', 'katuosoite', 'osoite', 'lähiosoite', 'lahiosoite'],
  postalCode: ['postal_code', 'postalcode', 'postcode', 'post_code', 'zip', 'zip_code', 'postinumero', 'postinro'],
  city: ['city', 'town', 'post_office', 'postitoimipaikka', 'kaupunki', 'paikkakunta', 'kunta'],
  country: ['country', 'country_code', 'maa', 'maakoodi'],
  language: ['language', 'lang', 'kieli', 'asiointikieli'],
  organisation: ['organisation', 'organization', 'company', 'company_name', 'organisaatio', 'yritys', 'yhtiö', 'yhtio'],
  businessId: ['business_id', 'businessid', 'vat_id', 'y_tunnus', 'ytunnus', 'y-tunnus'],
};

const DELIMITERS = [';', ',', '\t', '|'] as const;

/** The field each header cell names by itself (null for a header the register does not know). */
export function detectMapping(headers: readonly string[]): CustomerImportMapping {
  const names = headers.map(csvHeaderName);
  return Object.fromEntries(
    IMPORT_FIELDS.map((field) => {
      const at = names.findIndex((n) => HEADERS[field].includes(n));
      return [field, at >= 0 ? headers[at].trim() : null];
    }),
  ) as CustomerImportMapping;
}

/** The delimiter that splits the header into the most known column names. */
function delimiterOf(header: string): string {
  let best: string = ';';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const cells = header.split(delimiter);
    const score = Object.values(detectMapping(cells)).filter((h) => h !== null).length * 1000 + cells.length;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Where each field's column is in the header: the importer's mapping where it names the field (a
 * header name, or null for "not in the file"), else the recognised header. A mapped header the file
 * does not have is refused whole, naming the field.
 */
export function columnsOf(
  header: readonly string[],
  given: Partial<Record<ImportField, string | null>>,
): { at: Record<ImportField, number>; mapping: CustomerImportMapping } {
  const detected = detectMapping(header);
  const names = header.map(csvHeaderName);
  const mapping = {} as CustomerImportMapping;
  const at = {} as Record<ImportField, number>;
  for (const field of IMPORT_FIELDS) {
    const wanted = given[field] === undefined ? detected[field] : given[field];
    if (wanted === null || wanted === undefined || wanted.trim() === '') {
      mapping[field] = null;
      at[field] = -1;
      continue;
    }
    const index = names.indexOf(csvHeaderName(wanted));
    if (index < 0) throw fileProblem('MISSING_COLUMNS', `The file has no column "${wanted}" (mapped to ${field}).`, 1);
    mapping[field] = header[index].trim();
    at[field] = index;
  }
  if (at.firstName < 0 || at.lastName < 0) {
    throw fileProblem('MISSING_COLUMNS', 'Map the first name and the last name to columns of the file.', 1);
  }
  return { at, mapping };
}

/** One data row of the file, read. */
export interface CustomerFileRow {
  line: number;
  values: CustomerImportValues;
  /** Cells beyond the header's columns. */
  tooManyFields: boolean;
}

/** The file's header (for the mapping chosen) and then its rows, in order. A file that cannot be read throws (400). */
export async function* readCustomerRows(
  source: AsyncIterable<Uint8Array>,
  encoding: CsvEncoding,
  given: Partial<Record<ImportField, string | null>>,
  onHeader: (mapping: CustomerImportMapping) => void,
): AsyncGenerator<CustomerFileRow> {
  const malformed = (line: number, message: string) => fileProblem('MALFORMED_CSV', `The CSV could not be read after line ${line - 1}: ${message}`, line);
  let at: Record<ImportField, number> | null = null;
  let width = 0;
  for await (const { line, record } of readCsvRecords(decodeLines(source, encoding), delimiterOf, malformed)) {
    if (!at) {
      const columns = columnsOf(record, given);
      at = columns.at;
      width = record.length;
      onHeader(columns.mapping);
      continue;
    }
    const values = Object.fromEntries(
      IMPORT_FIELDS.map((f) => [f, at?.[f] !== undefined && at[f] >= 0 ? record[at[f]]?.trim() || null : null]),
    ) as CustomerImportValues;
    yield { line, values, tooManyFields: record.slice(width).some((c) => c.trim() !== '') };
  }
  if (!at) throw fileProblem('EMPTY', 'The file is empty.');
}
