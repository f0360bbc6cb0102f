import { CUSTOMER_ADMIN_FIELDS, CUSTOMER_CONTACT_FIELDS, CUSTOMER_STATE_FIELDS, subject, type AppAbility } from '@rekisteri/schema';
import type { Messages } from '../../app/i18n';
import type { CustomerFieldsFragment, CustomerQueryVariables, Language } from '../../gql/graphql';

/** Customer fields whose reading the query switches on and off with `@include(if: $with…)`. */
export const OPTIONAL_READ_FIELDS = [...CUSTOMER_CONTACT_FIELDS, ...CUSTOMER_ADMIN_FIELDS] as const;
export type OptionalReadField = (typeof OPTIONAL_READ_FIELDS)[number];

export type ReadFlags = Omit<CustomerQueryVariables, 'id'>;

function flagName(field: OptionalReadField): keyof ReadFlags {
  return `with${field[0].toUpperCase()}${field.slice(1)}` as keyof ReadFlags;
}

/**
 * Which fields to ask for: those the user may read at all. A rule with conditions (a partner's
 * own customers) counts here; the server returns only the customers the conditions allow.
 */
export function readFlags(ability: AppAbility): ReadFlags {
  return {
    ...Object.fromEntries(OPTIONAL_READ_FIELDS.map((field) => [flagName(field), ability.can('read', 'Customer', field)])),
    // P7: where the record and each value came from; not part of the editable contact data.
    withSource: ability.can('read', 'Customer', 'source'),
    withProvenance: ability.can('read', 'Customer', 'provenance'),
    // P5, P15, P17: the customer's "no", for everyone who must respect it.
    withProhibitions: ability.can('read', 'Customer', 'prohibitions'),
    // P10, P17 and restriction: where the record stands.
    withState: CUSTOMER_STATE_FIELDS.every((field) => ability.can('read', 'Customer', field)),
  } as ReadFlags;
}

/** The order fields are shown in on the detail page. */
export const DETAIL_FIELDS = [
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
  'updatedAt',
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

/** The form's values, all strings; the organisation is edited as its name and business ID. */
export interface Draft {
  firstName: string;
  lastName: string;
  organisationName: string;
  businessId: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  language: string;
  partner: string;
}
export type DraftKey = keyof Draft;

export const DRAFT_KEYS: readonly DraftKey[] = [
  'firstName',
  'lastName',
  'organisationName',
  'businessId',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
  'partner',
];

/** The permission-table field a form value belongs to. */
export function fieldOfDraftKey(key: DraftKey): OptionalReadField {
  return key === 'organisationName' || key === 'businessId' ? 'organisation' : key;
}

/** The form value an error's `extensions.field` points at. */
export function draftKeyOfErrorField(field: string): DraftKey | undefined {
  if (field === 'organisation' || field === 'organisation.name') return 'organisationName';
  if (field === 'organisation.businessId') return 'businessId';
  return (DRAFT_KEYS as readonly string[]).includes(field) ? (field as DraftKey) : undefined;
}

export function emptyDraft(): Draft {
  return {
    firstName: '',
    lastName: '',
    organisationName: '',
    businessId: '',
    email: '',
    phone: '',
    street: '',
    postalCode: '',
    city: '',
    country: 'FI',
    language: 'fi',
    partner: '',
  };
}

export function draftOf(customer: CustomerFieldsFragment): Draft {
  return {
    firstName: customer.firstName ?? '',
    lastName: customer.lastName ?? '',
    organisationName: customer.organisation?.name ?? '',
    businessId: customer.organisation?.businessId ?? '',
    email: customer.email ?? '',
    phone: customer.phone ?? '',
    street: customer.street ?? '',
    postalCode: customer.postalCode ?? '',
    city: customer.city ?? '',
    country: customer.country ?? '',
    language: customer.language ?? '',
    partner: customer.partner?.id ?? '',
  };
}

const text = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The input for the permission-table fields given: empty text clears a field, an organisation
 * without a name clears the link to it.
 */
export function inputOf(draft: Draft, fields: readonly OptionalReadField[]) {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    switch (field) {
      case 'organisation':
        input.organisation = text(draft.organisationName) ? { name: draft.organisationName.trim(), businessId: text(draft.businessId) } : null;
        break;
      case 'language':
        input.language = (text(draft.language) as Language | null) ?? null;
        break;
      case 'country':
        input.country = text(draft.country)?.toUpperCase() ?? null;
        break;
      default:
        input[field] = text(draft[field]);
    }
  }
  return input;
}

/**
 * The fields this user may change on this customer. The permission table's conditions name the
 * customer's `partnerId`, which is not a GraphQL field and whose `partner` a partner firm's staff
 * may not read; every customer the server returned to such a user is one of their firm's, so the
 * user's own firm stands in for it then.
 */
export function updatableFields(ability: AppAbility, customer: CustomerFieldsFragment, ownPartnerId: string | null | undefined): Set<OptionalReadField> {
  const partnerId = customer.partner !== undefined ? (customer.partner?.id ?? null) : (ownPartnerId ?? null);
  const record = subject('Customer', { ...customer, partnerId } as Record<string, unknown>);
  return new Set(OPTIONAL_READ_FIELDS.filter((field) => ability.can('update', record, field)));
}

/** A customer field by its GraphQL name, as the customer page names it. */
export function customerFieldLabel(t: Messages, field: string): string {
  return (t.customers.fields as Record<string, string>)[field] ?? field;
}
