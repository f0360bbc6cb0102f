import type { CustomerFilter, CustomerOrder, DataSource, Language } from '../../gql/graphql';

/** The list's search, filters and sort order as they stand in the address (`?q=…&city=…&sort=NAME`). */
export interface ListCriteria {
  q: string;
  city: string;
  postal: string;
  lang: string;
  source: string;
  sort: CustomerOrder;
}

export const SORTS: readonly CustomerOrder[] = ['CUSTOMER_NUMBER', 'NAME', 'NEWEST'];
export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];
export const DATA_SOURCES: readonly DataSource[] = [
  'STAFF_ENTRY',
  'STORE_PURCHASE',
  'WEB_SHOP',
  'RESELLER',
  'REGISTRATION',
  'WEB_FORM',
  'CUSTOMER_NOTICE',
  'ADDRESS_UPDATE_SERVICE',
  'SUBCONTRACTOR',
];

const KEYS = ['q', 'city', 'postal', 'lang', 'source'] as const;

export function criteriaOf(params: URLSearchParams): ListCriteria {
  const sort = params.get('sort') as CustomerOrder | null;
  return {
    q: params.get('q') ?? '',
    city: params.get('city') ?? '',
    postal: params.get('postal') ?? '',
    lang: params.get('lang') ?? '',
    source: params.get('source') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'CUSTOMER_NUMBER',
  };
}

/** The address parameters of criteria: empty values and the default sort are left out. */
export function paramsOf(criteria: ListCriteria): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of KEYS) {
    const value = criteria[key].trim();
    if (value) params[key] = value;
  }
  if (criteria.sort !== 'CUSTOMER_NUMBER') params.sort = criteria.sort;
  return params;
}

export function filterOf(criteria: ListCriteria): CustomerFilter | null {
  const filter: CustomerFilter = {};
  if (criteria.city.trim()) filter.city = criteria.city.trim();
  if (criteria.postal.trim()) filter.postalCodePrefix = criteria.postal.trim();
  if (LANGUAGES.includes(criteria.lang as Language)) filter.language = criteria.lang as Language;
  if (DATA_SOURCES.includes(criteria.source as DataSource)) filter.source = criteria.source as DataSource;
  return Object.keys(filter).length > 0 ? filter : null;
}

export function isFiltered(criteria: ListCriteria): boolean {
  return KEYS.some((key) => criteria[key].trim() !== '');
}
