import type { AppAbility } from '@rekisteri/schema';
import type { Messages } from '../../app/i18n';
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

export const SORTS: readonly CustomerOrder[] = ['CUSTOMER_NUMBER', 'CUSTOMER_NUMBER_DESC', 'NAME', 'NAME_DESC', 'NEWEST', 'OLDEST'];
export const DEFAULT_SORT: CustomerOrder = 'CUSTOMER_NUMBER';
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

/** The sortable columns: a click gives the first order, a second click the other way round. */
export const SORT_COLUMNS = {
  customerNumber: ['CUSTOMER_NUMBER', 'CUSTOMER_NUMBER_DESC'],
  name: ['NAME', 'NAME_DESC'],
  createdAt: ['OLDEST', 'NEWEST'],
} as const satisfies Record<string, readonly [CustomerOrder, CustomerOrder]>;
export type SortColumn = keyof typeof SORT_COLUMNS;

/** Where a column stands in the current order: for `aria-sort`, and what a click on it asks for (the newest first for dates). */
export function columnSort(column: SortColumn, sort: CustomerOrder): { ariaSort: 'ascending' | 'descending' | 'none'; next: CustomerOrder } {
  const [ascending, descending] = SORT_COLUMNS[column];
  if (sort === ascending) return { ariaSort: 'ascending', next: descending };
  if (sort === descending) return { ariaSort: 'descending', next: ascending };
  return { ariaSort: 'none', next: column === 'createdAt' ? descending : ascending };
}

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;

/** Where the list is: the page's cursor (after the previous page's last row, or before the next page's first), its number and size. */
export interface ListPage {
  size: PageSize;
  page: number;
  after: string | null;
  before: string | null;
}

const KEYS = ['q', 'city', 'postal', 'lang', 'source'] as const;

export function criteriaOf(params: URLSearchParams): ListCriteria {
  const sort = params.get('sort') as CustomerOrder | null;
  return {
    q: params.get('q') ?? '',
    city: params.get('city') ?? '',
    postal: params.get('postal') ?? '',
    lang: params.get('lang') ?? '',
    source: params.get('source') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_SORT,
  };
}

export function pageOf(params: URLSearchParams): ListPage {
  const size = Number(params.get('size'));
  const page = Number(params.get('page') ?? '1');
  const after = params.get('after');
  const before = after ? null : params.get('before');
  return {
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : DEFAULT_PAGE_SIZE,
    page: Number.isInteger(page) && page > 1 && (after || before) ? page : 1,
    after: after || null,
    before: before || null,
  };
}

/** The address parameters of criteria: empty values and the default sort are left out. */
export function paramsOf(criteria: ListCriteria, size: PageSize = DEFAULT_PAGE_SIZE): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of KEYS) {
    const value = criteria[key].trim();
    if (value) params[key] = value;
  }
  if (criteria.sort !== DEFAULT_SORT) params.sort = criteria.sort;
  if (size !== DEFAULT_PAGE_SIZE) params.size = String(size);
  return params;
}

/** The address of a page of the same criteria: the first page has no cursor. */
export function pageParams(criteria: ListCriteria, page: ListPage): Record<string, string> {
  const params = paramsOf(criteria, page.size);
  if (page.page > 1 && page.after) return { ...params, after: page.after, page: String(page.page) };
  if (page.page > 1 && page.before) return { ...params, before: page.before, page: String(page.page) };
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

/**
 * What a search looks in for this user, as the server does it: only fields they may read. Marketing
 * may not read a phone, so it is neither searched nor offered in the hint.
 */
export function searchableFields(ability: AppAbility): string[] {
  const may = (field: string) => ability.can('read', 'Customer', field);
  return [
    ...(may('firstName') && may('lastName') ? ['name'] : []),
    ...(may('email') ? ['email'] : []),
    ...(may('organisation') ? ['organisation'] : []),
    'customerNumber',
    ...(may('phone') ? ['phone'] : []),
  ];
}

/** The search field's label, naming what it looks in ("Hae nimellä, sähköpostilla tai asiakasnumerolla"). */
export function searchHint(t: Messages, ability: AppAbility): string {
  return t.customerList.searchBy(searchableFields(ability).map((f) => t.customerList.searchFields[f] ?? f));
}
