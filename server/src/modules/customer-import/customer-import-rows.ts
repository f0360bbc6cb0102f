import type { Actor } from '../../auth/actor';
import { allows, visibleWhere } from '../../auth/authorize';
import { Where, type Db } from '../../db/sql';
import { isAppError } from '../../errors';
import { findPossibleDuplicates } from '../customers/customer-duplicates';
import { isValidBusinessId } from '../customers/customer-validation';
import { normaliseCustomerValues, type CustomerInput } from '../customers/customer-values';
import { findCustomers, type CustomerColumns } from '../customers/customers.repository';
import { Language, UPDATE_PROHIBITION_FIELDS, type Customer, type CustomerChanges, type NewCustomer } from '../customers/customer.model';
import { updateProhibited } from '../address-updates/update-prohibitions.service';
import type { CustomerFileRow } from './customer-import-csv';
import { CustomerImportOutcome as Outcome, CustomerImportReason as Reason, type CustomerImportValues } from './customer-import.model';
import type { StagedRow } from './customer-import.repository';

/**
 * What a row of a customer list means (P7, P6): validated as the customer form validates (the same
 * normalisation, every problem at once), matched by customer number or e-mail among the customers
 * the importer may see, and otherwise checked for possible duplicates by the register's own rule
 * (another customer with the e-mail or phone). An empty cell never clears a stored value.
 */

/** The contact fields a row can write, as the permission table names them. */
const WRITABLE = ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'country', 'language', 'organisation'] as const;
type Writable = (typeof WRITABLE)[number];

const LANGUAGES: Record<string, Language> = {
  fi: Language.fi,
  fin: Language.fi,
  suomi: Language.fi,
  finnish: Language.fi,
  sv: Language.sv,
  swe: Language.sv,
  ruotsi: Language.sv,
  svenska: Language.sv,
  swedish: Language.sv,
  en: Language.en,
  eng: Language.en,
  englanti: Language.en,
  english: Language.en,
};

/** A row read into a customer write, or why it cannot be one. */
export type RowInput =
  | { ok: true; input: NewCustomer & CustomerInput; fields: Writable[]; columns: CustomerColumns }
  | { ok: false; reason: Reason; field: string | null; detail: string | null };

/** The row's values as a customer write: validated and normalised (the organisation is checked, not looked up). */
export async function rowInput(db: Db, values: CustomerImportValues): Promise<RowInput> {
  const refuse = (reason: Reason, field: string | null, detail: string | null = null): RowInput => ({ ok: false, reason, field, detail });
  if (values.customerNumber !== null && !/^\d{1,15}$/.test(values.customerNumber)) {
    return refuse(Reason.INVALID_CUSTOMER_NUMBER, 'customerNumber', 'A customer number is digits only.');
  }
  const input: CustomerInput & Record<string, unknown> = {};
  for (const field of ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'country'] as const) {
    if (values[field] !== null) input[field] = values[field];
  }
  if (values.language !== null) {
    const language = LANGUAGES[values.language.toLowerCase()];
    if (!language)
      return refuse(Reason.INVALID_VALUE, 'language', `language must be one of ${Object.values(Language).join(', ')} (or suomi, svenska, english).`);
    input.language = language;
  }
  if (values.businessId !== null && values.organisation === null) {
    return refuse(Reason.INVALID_VALUE, 'businessId', 'A business ID needs the organisation’s name.');
  }
  if (values.businessId !== null && !isValidBusinessId(values.businessId)) {
    return refuse(Reason.INVALID_VALUE, 'businessId', `'${values.businessId}' is not a valid business ID (check digit).`);
  }
  if (values.organisation !== null && values.organisation.length > 200)
    return refuse(Reason.INVALID_VALUE, 'organisation', 'organisation is at most 200 characters.');
  const fields = WRITABLE.filter((f) => f !== 'organisation' && input[f] !== undefined);
  let columns: CustomerColumns;
  try {
    columns = await normaliseCustomerValues(db, input, fields, (values.country ?? 'FI').toUpperCase());
  } catch (error) {
    if (!isAppError(error, 'BAD_USER_INPUT')) throw error;
    const problems = (error.extensions.fields as Array<{ field: string; message: string }> | undefined) ?? [
      { field: String(error.extensions.field), message: error.message },
    ];
    return refuse(Reason.INVALID_VALUE, problems[0].field, problems.map((p) => p.message).join(' '));
  }
  if (values.organisation !== null) {
    input.organisation = { name: values.organisation, businessId: values.businessId };
    fields.push('organisation');
  }
  return { ok: true, input: input as NewCustomer & CustomerInput, fields, columns };
}

/** What the row would change on the customer: only fields whose normalised value differs. */
export function changesFor(customer: Customer, row: Extract<RowInput, { ok: true }>): CustomerChanges {
  const c = row.columns;
  const changes: CustomerChanges = {};
  const differs = (was: string | null | undefined, now: string | null | undefined) => now !== undefined && now !== null && now !== (was ?? null);
  if (differs(customer.firstName, c.first_name)) changes.firstName = c.first_name;
  if (differs(customer.lastName, c.last_name)) changes.lastName = c.last_name;
  if (differs(customer.email, c.email)) changes.email = c.email;
  if (differs(customer.phone, c.phone)) changes.phone = c.phone;
  if (differs(customer.street, c.street)) changes.street = c.street;
  if (differs(customer.postalCode, c.postal_code)) changes.postalCode = c.postal_code;
  if (differs(customer.city, c.city)) changes.city = c.city;
  if (differs(customer.country, c.country)) changes.country = c.country;
  if (differs(customer.language, c.language)) changes.language = c.language as Language;
  const org = row.input.organisation;
  if (
    org &&
    (org.name.toLowerCase() !== customer.organisation?.name.toLowerCase() || (org.businessId && org.businessId !== customer.organisation?.businessId))
  ) {
    changes.organisation = org;
  }
  return changes;
}

/** The permission table's columns of a customer, for a per-record check. */
export const gateRecord = (c: Customer) => ({ id: c.id, partnerId: c.partnerId, restricted: c.restricted, anonymised: c.anonymised });

/** Customers (visible to the actor, not merged away) with these numbers or e-mails. */
async function candidatesOf(db: Db, actor: Actor, numbers: string[], emails: string[]): Promise<Customer[]> {
  if (numbers.length === 0 && emails.length === 0) return [];
  const where = new Where();
  where.and(visibleWhere(actor, 'Customer', where, 'c'));
  where.and('c.merged_into IS NULL');
  where.and(`(c.customer_number = ANY(${where.bind(numbers)}::bigint[]) OR c.email = ANY(${where.bind(emails)}::text[]))`);
  return findCustomers(db, where);
}

/**
 * P6: rows of one file about one person. A new row with the e-mail or phone of an earlier new row is
 * a possible duplicate of that row (held, never made twice unasked). Compared as normalised (phones
 * in E.164, e-mails lower-cased), so `040 123 4567` and `+358401234567` are the same number; kept
 * across the batches of one file.
 */
export class SamePersonInFile {
  private readonly firstLineOf = new Map<string, number>();

  /** The earliest earlier new row sharing this row's e-mail or phone, if any; remembers this row's. */
  earlierRow(line: number, columns: CustomerColumns): number | null {
    const keys = [columns.email ? `email:${columns.email}` : null, columns.phone ? `phone:${columns.phone}` : null].filter((k) => k !== null);
    const earlier = keys.map((k) => this.firstLineOf.get(k)).filter((l): l is number => l !== undefined);
    for (const key of keys) if (!this.firstLineOf.has(key)) this.firstLineOf.set(key, line);
    return earlier.length > 0 ? Math.min(...earlier) : null;
  }
}

/** Each row of a batch with its dry-run outcome. Changes nothing. */
export async function classifyRows(db: Db, actor: Actor, rows: readonly CustomerFileRow[], samePerson: SamePersonInFile): Promise<StagedRow[]> {
  const inputs = await Promise.all(rows.map((r) => (r.tooManyFields ? null : rowInput(db, r.values))));
  const numbers = rows.map((r, i) => (inputs[i]?.ok ? r.values.customerNumber : null)).filter((n): n is string => n !== null);
  const emails = inputs.flatMap((input) => (input?.ok && input.columns.email ? [input.columns.email] : []));
  const found = await candidatesOf(
    db,
    actor,
    numbers.map((n) => String(Number(n))),
    emails,
  );
  // P7: the customers among them who forbade updates of their name and address, asked once for the batch.
  const prohibited = await updateProhibited(
    db,
    found.map((c) => c.id),
  );
  const staged: StagedRow[] = [];
  for (const [i, row] of rows.entries()) {
    const base = {
      line: row.line,
      values: row.values,
      customerId: null,
      customerVersion: null,
      duplicateIds: [] as string[],
      duplicateOfLine: null,
      field: null,
      detail: null,
    };
    const input = inputs[i];
    if (!input) {
      staged.push({ ...base, outcome: Outcome.REFUSED, reason: Reason.TOO_MANY_FIELDS });
      continue;
    }
    if (!input.ok) {
      staged.push({ ...base, outcome: Outcome.REFUSED, reason: input.reason, field: input.field, detail: input.detail });
      continue;
    }
    const outcome = await outcomeOf(db, actor, row, input, found, prohibited);
    const earlier = outcome.outcome === Outcome.NEW ? samePerson.earlierRow(row.line, input.columns) : null;
    staged.push(
      earlier === null
        ? { ...base, ...outcome }
        : { ...base, outcome: Outcome.POSSIBLE_DUPLICATE, reason: Reason.SAME_PERSON_IN_FILE, duplicateOfLine: earlier, detail: `line ${earlier}` },
    );
  }
  return staged;
}

async function outcomeOf(
  db: Db,
  actor: Actor,
  row: CustomerFileRow,
  input: Extract<RowInput, { ok: true }>,
  found: readonly Customer[],
  prohibited: ReadonlySet<string>,
): Promise<Omit<StagedRow, 'line' | 'values' | 'duplicateOfLine'>> {
  const none = { customerId: null, customerVersion: null, duplicateIds: [] as string[], field: null, detail: null };
  const refuse = (reason: Reason, field: string | null = null, detail: string | null = null) => ({ ...none, outcome: Outcome.REFUSED, reason, field, detail });
  let customer: Customer | undefined;
  let reason: Reason;
  if (row.values.customerNumber !== null) {
    customer = found.find((c) => c.customerNumber === String(Number(row.values.customerNumber)));
    if (!customer) return refuse(Reason.UNKNOWN_CUSTOMER_NUMBER, 'customerNumber', `No customer number ${row.values.customerNumber}.`);
    reason = Reason.MATCHED_BY_CUSTOMER_NUMBER;
  } else {
    const byEmail = input.columns.email ? found.filter((c) => c.email === input.columns.email) : [];
    if (byEmail.length > 1) {
      return {
        ...none,
        outcome: Outcome.POSSIBLE_DUPLICATE,
        reason: Reason.SEVERAL_MATCHES,
        duplicateIds: byEmail.map((c) => c.id),
        detail: numbersOf(byEmail),
      };
    }
    customer = byEmail[0];
    reason = Reason.MATCHED_BY_EMAIL;
  }
  if (!customer) {
    const missing = (['firstName', 'lastName'] as const).find((f) => !input.columns[f === 'firstName' ? 'first_name' : 'last_name']);
    if (missing) return refuse(Reason.MISSING_NAME, missing, `${missing} must not be empty.`);
    const denied = input.fields.find((f) => !allows(actor, 'create', 'Customer', null, f));
    if (!allows(actor, 'create', 'Customer') || denied) return refuse(Reason.NOT_PERMITTED, denied ?? null);
    // P6: the register's own rule of a possible duplicate, over the fields the importer may read.
    const duplicates = await findPossibleDuplicates(db, actor, { email: input.columns.email, phone: input.columns.phone }, null);
    const open = duplicates.filter((d) => !d.anonymised);
    if (open.length > 0) {
      return { ...none, outcome: Outcome.POSSIBLE_DUPLICATE, reason: Reason.SHARES_CONTACT, duplicateIds: open.map((d) => d.id), detail: numbersOf(open) };
    }
    return { ...none, outcome: Outcome.NEW, reason: null };
  }
  const matched = { customerId: customer.id, customerVersion: customer.version, duplicateIds: [] as string[], field: null };
  if (customer.anonymised) return { ...refuse(Reason.ANONYMISED), ...matched, detail: null };
  if (customer.restricted) return { ...refuse(Reason.RESTRICTED), ...matched, detail: null };
  const changes = Object.keys(changesFor(customer, input));
  if (changes.length === 0) return { ...matched, outcome: Outcome.UNCHANGED, reason, detail: null };
  const denied = changes.find((f) => !allows(actor, 'update', 'Customer', gateRecord(customer), f));
  if (denied) return { ...refuse(Reason.NOT_PERMITTED, denied), ...matched, field: denied };
  const blocked = prohibitedChanges(prohibited, customer.id, changes);
  if (blocked.length > 0) return { ...refuse(Reason.UPDATE_PROHIBITED, blocked[0], blocked.join(', ')), ...matched, field: blocked[0] };
  return { ...matched, outcome: Outcome.UPDATE, reason, detail: changes.join(', ') };
}

/** The changes of a row that the customer's update prohibition forbids: none when they gave none. */
export function prohibitedChanges(prohibited: ReadonlySet<string>, customerId: string, changes: readonly string[]): string[] {
  return prohibited.has(customerId) ? changes.filter((f) => UPDATE_PROHIBITION_FIELDS.includes(f)) : [];
}

const numbersOf = (customers: readonly Customer[]) => customers.map((c) => c.customerNumber).join(', ');
