import type { CsvLanguage } from '../../csv';
import { ExportFormat } from './campaign.model';
import type { Recipient } from './target-list-exports.repository';

/** The columns of a target list's file: headers in Finnish and English, the Customer field each carries, its value. */
interface Column {
  header: Record<CsvLanguage, string>;
  field: string;
  value: (r: Recipient) => string | null;
}

const NAME_COLUMNS: Column[] = [
  { header: { fi: 'Asiakasnumero', en: 'Customer number' }, field: 'customerNumber', value: (r) => r.customerNumber },
  { header: { fi: 'Etunimi', en: 'First name' }, field: 'firstName', value: (r) => r.firstName },
  { header: { fi: 'Sukunimi', en: 'Last name' }, field: 'lastName', value: (r) => r.lastName },
];

const PHONE: Column = { header: { fi: 'Puhelin', en: 'Phone' }, field: 'phone', value: (r) => r.phone };

/** Only the contact point the channel needs (P3: nothing more leaves the register). */
const CONTACT_COLUMNS: Record<string, Column[]> = {
  EMAIL: [{ header: { fi: 'Sähköposti', en: 'Email' }, field: 'email', value: (r) => r.email }],
  PHONE: [PHONE],
  SMS: [PHONE],
  POST: [
    { header: { fi: 'Katuosoite', en: 'Street address' }, field: 'street', value: (r) => r.street },
    { header: { fi: 'Postinumero', en: 'Postal code' }, field: 'postalCode', value: (r) => r.postalCode },
    { header: { fi: 'Postitoimipaikka', en: 'City' }, field: 'city', value: (r) => r.city },
    { header: { fi: 'Maa', en: 'Country' }, field: 'country', value: (r) => r.country },
  ],
};

const csvColumns = (channel: string): Column[] => [...NAME_COLUMNS, ...CONTACT_COLUMNS[channel]];

/** A mailing label carries the name and the address. */
const LABEL_FIELDS = ['firstName', 'lastName', 'street', 'postalCode', 'city', 'country'];

/** The Customer fields a file of this channel and format carries: the exporter must be able to read every one. */
export function fileFields(channel: string, format: ExportFormat): string[] {
  return format === ExportFormat.LABELS_PDF ? LABEL_FIELDS : csvColumns(channel).map((c) => c.field);
}

/** The CSV's header row and rows, in the language asked for. */
export function csvTable(channel: string, language: CsvLanguage, kept: Recipient[]): { header: string[]; rows: Array<Array<string | null>> } {
  const columns = csvColumns(channel);
  return { header: columns.map((c) => c.header[language]), rows: kept.map((r) => columns.map((c) => c.value(r))) };
}
