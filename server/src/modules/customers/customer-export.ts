import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { readableFields, requireRight } from '../../auth/authorize';
import { readReplica, whereCopy } from '../../db/replicas';
import { peopleCsv, type CsvLanguage } from '../../csv';
import { appError, badInput, forbidden, isUuid } from '../../errors';
import { customerConditions, ORDERINGS } from './customer-search';
import { findCustomers, orderByOf } from './customers.repository';
import { CustomerOrder, type Customer, type CustomerFilter } from './customer.model';

/**
 * Issue 16: the customer list as a CSV file, of the list's current search and filter or of the rows
 * selected on it. The file carries exactly the fields the exporter may read (the gate's
 * `readableFields`), of the customers they may see (the list's own condition), and every export is
 * in the audit trail with its row count, its fields and the customers it carried (P12).
 */

/** At most this many rows in one file: a larger list is narrowed first. */
export const EXPORT_MAX_ROWS = 10_000;
/** At most this many selected rows (a selection is made of pages of at most 100). */
export const EXPORT_MAX_SELECTED = 1_000;

/** The columns a file may carry, in their order; each only for those who may read the field. */
export const EXPORT_FIELDS = [
  'customerNumber',
  'firstName',
  'lastName',
  'organisation',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
  'partner',
  'source',
  'createdAt',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

/** The header of each column, in the file's language. */
export const EXPORT_HEADERS: Readonly<Record<CsvLanguage, Record<ExportField, string>>> = {
  fi: {
    customerNumber: 'Asiakasnumero',
    firstName: 'Etunimi',
    lastName: 'Sukunimi',
    organisation: 'Organisaatio',
    email: 'Sähköposti',
    phone: 'Puhelin',
    street: 'Katuosoite',
    postalCode: 'Postinumero',
    city: 'Postitoimipaikka',
    country: 'Maa',
    language: 'Kieli',
    partner: 'Kumppaniyritys',
    source: 'Tietolähde',
    createdAt: 'Luotu',
  },
  en: {
    customerNumber: 'Customer number',
    firstName: 'First name',
    lastName: 'Last name',
    organisation: 'Organisation',
    email: 'Email',
    phone: 'Phone',
    street: 'Street address',
    postalCode: 'Postal code',
    city: 'City',
    country: 'Country',
    language: 'Language',
    partner: 'Partner firm',
    source: 'Data source',
    createdAt: 'Created',
  },
};

export interface CustomerExportRequest {
  search?: string | null;
  filter?: CustomerFilter | null;
  /** The rows selected on the list; when given, the file holds these (those the actor may see) and nothing else. */
  customerIds?: readonly string[] | null;
  orderBy?: CustomerOrder | null;
  language: CsvLanguage;
}

export interface CustomerExportFile {
  filename: string;
  /** The CSV, starting with a UTF-8 byte-order mark (for Excel). */
  content: string;
  rowCount: number;
  fields: ExportField[];
  /** Customers of the list left out: processing restricted (GDPR 18). */
  restrictedLeftOut: number;
  sha256: string;
}

function cell(customer: Customer, field: ExportField): string | null {
  switch (field) {
    case 'organisation':
      return customer.organisation?.name ?? null;
    case 'partner':
      return customer.partner?.name ?? null;
    case 'createdAt':
      return customer.createdAt.toISOString();
    default:
      return customer[field] ?? null;
  }
}

export class CustomerExports {
  constructor(
    private readonly db: DataSource,
    /** The company's calendar, for the file's name. */
    private readonly timeZone: string,
  ) {}

  async export(actor: Actor, request: CustomerExportRequest, purpose: string | null = null): Promise<CustomerExportFile> {
    requireRight(actor, 'export', 'Customer', 'You may not export customers.');
    const readable = new Set(readableFields(actor, 'Customer', EXPORT_FIELDS));
    const fields = EXPORT_FIELDS.filter((f) => readable.has(f));
    if (!fields.includes('customerNumber')) throw forbidden('You may not read customers.');
    const ids = request.customerIds ?? null;
    if (ids) {
      if (ids.length === 0) throw badInput('customerIds', 'Select at least one customer.');
      if (ids.length > EXPORT_MAX_SELECTED) throw badInput('customerIds', `Select at most ${EXPORT_MAX_SELECTED} customers.`);
      const bad = ids.findIndex((id) => !isUuid(id));
      if (bad >= 0) throw badInput(`customerIds.${bad}`, 'Not a customer id.');
    }

    // The list's own condition: the permission table's rows, the search and filters only on readable fields.
    const where = customerConditions(actor, request.search, request.filter);
    if (ids) where.and(`c.id = ANY(${where.bind([...new Set(ids)])}::uuid[])`);
    const ordering = ORDERINGS[request.orderBy ?? CustomerOrder.CUSTOMER_NUMBER];

    // The rows may come from a replica (db/replicas.ts), read before the audit's transaction on the primary opens.
    const found = await readReplica(this.db, (db) => findCustomers(db, whereCopy(where), orderByOf(ordering.sort), EXPORT_MAX_ROWS + 1));
    return this.db.transaction(async (tx) => {
      if (found.length > EXPORT_MAX_ROWS) {
        throw appError('BAD_USER_INPUT', `More than ${EXPORT_MAX_ROWS.toLocaleString('en')} customers match: narrow the search first.`, {
          field: 'filter',
          reason: 'TOO_MANY_ROWS',
          limit: EXPORT_MAX_ROWS,
        });
      }
      // GDPR 18: a restricted customer's data is kept, not processed; a file of it is processing.
      const rows = found.filter((c) => !c.restricted);
      const restrictedLeftOut = found.length - rows.length;
      const header = fields.map((f) => EXPORT_HEADERS[request.language][f]);
      const file = peopleCsv(
        request.language,
        header,
        rows.map((c) => fields.map((f) => cell(c, f))),
      );
      const sha256 = createHash('sha256').update(file).digest('hex');
      // P12: who took which fields of which customers out of the register, and when.
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMERS_EXPORTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: rows.length === 1 ? rows[0].id : null,
          customerIds: rows.map((c) => c.id),
          fields,
          purpose,
          // The search text is not kept: it may be a person's name.
          detail: {
            rowCount: rows.length,
            fields,
            scope: ids ? 'SELECTION' : 'FILTER',
            filter: Object.keys(request.filter ?? {}).filter((k) => (request.filter as Record<string, unknown>)[k] != null),
            searched: Boolean(request.search?.trim()),
            restrictedLeftOut,
            language: request.language,
            sha256,
          },
        },
      ]);
      const day = new Intl.DateTimeFormat('sv-SE', { timeZone: this.timeZone }).format(new Date());
      return {
        filename: `${request.language === 'fi' ? 'asiakkaat' : 'customers'}-${day}.csv`,
        content: file.toString('utf8'),
        rowCount: rows.length,
        fields,
        restrictedLeftOut,
        sha256,
      };
    });
  }
}
