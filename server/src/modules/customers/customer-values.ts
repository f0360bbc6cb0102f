import { isEmail, isISO31661Alpha2 } from 'class-validator';
import type { Db } from '../../db/sql';
import { appError, badInput, isAppError, isUuid } from '../../errors';
import { findOrCreateOrganisation } from '../organisations/organisations.repository';
import { partnerById } from '../partners/partners.repository';
import { isValidBusinessId, normalisePhone, optionalText, requireText } from './customer-validation';
import { normalisePostalCode } from './postal-codes';
import type { CustomerColumns } from './customers.repository';
import { Language, type CustomerChanges, type OrganisationEntry } from './customer.model';

/** A field of a customer write: the permission table's field names. */
export type CustomerField = keyof CustomerChanges;
export type CustomerInput = { [K in CustomerField]?: unknown };

/** The column each input field writes. */
export const COLUMN: Record<CustomerField, keyof CustomerColumns> = {
  firstName: 'first_name',
  lastName: 'last_name',
  organisation: 'organisation_id',
  email: 'email',
  phone: 'phone',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
  language: 'language',
  partner: 'partner_id',
};

/** The fields an input carries (given, even as null), in a fixed order. */
export function providedFields(input: CustomerInput): CustomerField[] {
  return (Object.keys(COLUMN) as CustomerField[]).filter((f) => input[f] !== undefined);
}

/**
 * Validates and normalises the given fields into column values; bad input throws BAD_USER_INPUT
 * naming the field. Rectification checks a proposed value through here too, so the register
 * accepts nothing by one path that it refuses by another.
 */
export async function normaliseCustomerValues(db: Db, input: CustomerInput, fields: readonly string[], country: string): Promise<CustomerColumns> {
  const values: CustomerColumns = {};
  // Every field's problem is told at once (issue 16: a form shows them all), the first also as `field`.
  const problems: { field: string; message: string }[] = [];
  for (const field of fields as CustomerField[]) {
    const raw = input[field];
    try {
      switch (field) {
        case 'firstName':
        case 'lastName':
          values[COLUMN[field] as 'first_name' | 'last_name'] = requireText(raw as string | null, field, 100);
          break;
        case 'email': {
          // Checked here too, not only on the GraphQL input: rectification applies values through this path.
          const email = optionalText(raw as string | null, field)?.toLowerCase() ?? null;
          if (email && !isEmail(email)) throw badInput(field, 'email is not a valid email address');
          values.email = email;
          break;
        }
        case 'phone': {
          const text = optionalText(raw as string | null, field);
          values.phone = text ? normalisePhone(text) : null;
          break;
        }
        case 'postalCode': {
          const text = optionalText(raw as string | null, field, 10);
          values.postal_code = text ? normalisePostalCode(text, country) : null;
          break;
        }
        case 'street':
        case 'city':
          values[field] = optionalText(raw as string | null, field);
          break;
        case 'country': {
          const code = requireText(raw as string | null, field, 2).toUpperCase();
          if (!isISO31661Alpha2(code)) throw badInput(field, 'country must be an ISO 3166-1 alpha-2 code, e.g. FI');
          values.country = code;
          break;
        }
        case 'language':
          if (raw === null) throw badInput(field, 'language must not be empty.');
          if (!(Object.values(Language) as unknown[]).includes(raw)) throw badInput(field, `language must be one of ${Object.values(Language).join(', ')}`);
          values.language = raw as string;
          break;
        case 'organisation':
          values.organisation_id = raw ? await organisationId(db, raw as OrganisationEntry) : null;
          break;
        case 'partner':
          values.partner_id = raw ? await partnerId(db, raw) : null;
          break;
      }
    } catch (error) {
      if (!isAppError(error, 'BAD_USER_INPUT')) throw error;
      problems.push({ field: typeof error.extensions.field === 'string' ? error.extensions.field : field, message: error.message });
    }
  }
  if (problems.length > 0) throw appError('BAD_USER_INPUT', problems[0].message, { field: problems[0].field, fields: problems });
  return values;
}

/**
 * A change of country without a new postal code: the stored postal code must be one of the new
 * country too (it is then stored in that country's form), or the update gives a new one; a
 * Finnish customer with the postal code "MT" cannot be made so. Answers the fields this adds to
 * the change (postalCode, when its stored form changes).
 */
export function keepPostalCodeValid(
  values: CustomerColumns,
  fields: readonly CustomerField[],
  current: { country: string; postalCode: string | null },
): CustomerField[] {
  if (!values.country || values.country === current.country || fields.includes('postalCode') || !current.postalCode) return [];
  let code: string;
  try {
    code = normalisePostalCode(current.postalCode, values.country);
  } catch {
    throw badInput('postalCode', `The postal code ${current.postalCode} is not one of ${values.country}: give the new country's postal code with the country.`);
  }
  if (code === current.postalCode) return [];
  values.postal_code = code;
  return ['postalCode'];
}

async function organisationId(db: Db, input: OrganisationEntry): Promise<string> {
  const name = requireText(input.name, 'organisation.name');
  const businessId = optionalText(input.businessId, 'organisation.businessId', 9);
  if (businessId && !isValidBusinessId(businessId)) {
    throw badInput('organisation.businessId', `'${businessId}' is not a valid business ID (check digit).`);
  }
  return findOrCreateOrganisation(db, name, businessId);
}

async function partnerId(db: Db, id: unknown): Promise<string> {
  const partner = isUuid(id) ? await partnerById(db, id) : undefined;
  if (!partner) throw badInput('partner', 'No such partner firm.');
  return partner.id;
}
