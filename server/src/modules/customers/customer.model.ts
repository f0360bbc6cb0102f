import type { CappedCount } from '../../db/capped-count';
import type { Page } from '../../db/paging';
import type { Organisation } from '../organisations/organisation.model';
import type { Partner } from '../partners/partner.model';
import type { DataSource } from '../provenance/provenance.model';

/**
 * A customer as the services see it: plain enums and interfaces, no GraphQL (`customer.type.ts`
 * and `customer.inputs.ts` give them their GraphQL shape). Field names are the permission table's.
 */

/** The language the customer is served in. */
export enum Language {
  fi = 'fi',
  sv = 'sv',
  en = 'en',
}

/** Sort orders of the customer list. */
export enum CustomerOrder {
  CUSTOMER_NUMBER = 'CUSTOMER_NUMBER',
  CUSTOMER_NUMBER_DESC = 'CUSTOMER_NUMBER_DESC',
  NAME = 'NAME',
  NAME_DESC = 'NAME_DESC',
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
}

export interface Customer {
  id: string;
  /** Unique, human-readable customer number. */
  customerNumber: string;
  firstName: string;
  lastName: string;
  organisation: Organisation | null;
  email: string | null;
  /** E.164, e.g. +358401234567. */
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  language: Language;
  /** The partner firm serving the customer (P4). */
  partner: Partner | null;
  /** The partner rule of the permission table matches on it. */
  partnerId: string | null;
  /** Where the record began (P7). */
  source: DataSource;
  /** Optimistic locking: a write names the version it read. */
  version: number;
  /** Processing restricted (GDPR 18). */
  restricted: boolean;
  /** Erasure decided and waiting on a hold (P10). */
  pendingErasure: boolean;
  /** Identifiers replaced irreversibly (P17). */
  anonymised: boolean;
  /** P6: the customer this record was merged into (customer-merge), or null. */
  mergedIntoId?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A page of the customer list; the count runs only when asked for, over exactly the rows the reader may see. */
export interface CustomerPage extends Page<Customer> {
  /** Exact up to COUNT_CAP, then capped; asked once however many count fields a query names. */
  countVisible: () => Promise<CappedCount>;
  /** The customers of the page whose consultation log the read wrote, with the fields it names; none when it wrote none. */
  consulted?: { customerIds: string[]; fields: readonly string[] };
}

/** The organisation a write names: found by its business ID (or name), made when there is none. */
export interface OrganisationEntry {
  name: string;
  businessId?: string | null;
}

/** A new customer. */
export interface NewCustomer {
  firstName: string;
  lastName: string;
  organisation?: OrganisationEntry | null;
  email?: string | null;
  phone?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
  language?: Language | null;
}

/** The fields a change gives (even as null); a field the user may not set fails the whole write. */
export interface CustomerChanges {
  firstName?: string | null;
  lastName?: string | null;
  organisation?: OrganisationEntry | null;
  email?: string | null;
  phone?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
  language?: Language | null;
  /** The id of the partner firm serving the customer (P4). */
  partner?: string | null;
}

/** Filters of the customer list; a filter by a field the user may not read is refused. */
export interface CustomerFilter {
  city?: string | null;
  /** Postal codes starting with this. */
  postalCodePrefix?: string | null;
  language?: Language | null;
  organisationId?: string | null;
  source?: DataSource | null;
}

/**
 * P7: what a customer's update prohibition covers: their name and address, which an update service, a reseller's or a
 * store's list or a subcontractor's system would otherwise change. Their own notice and staff still change them.
 */
export const UPDATE_PROHIBITION_FIELDS: readonly string[] = ['firstName', 'lastName', 'street', 'postalCode', 'city', 'country'];
