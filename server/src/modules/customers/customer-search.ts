import type { Actor } from '../../auth/actor';
import { readableFields, visibleWhere } from '../../auth/authorize';
import { badInput, forbidden, requireId } from '../../errors';
import { decodeCursor } from '../../db/paging';
import { Where } from '../../db/sql';
import { CustomerOrder, type Customer, type CustomerFilter } from './customer.model';

/** The fields a search or a filter may look in, each only for those who may read it. */
const SEARCHABLE_FIELDS = ['firstName', 'lastName', 'email', 'organisation', 'customerNumber', 'phone', 'city', 'postalCode', 'language', 'source'];

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The conditions of a customer list: the permission table's row rules, the search and the filters.
 * Searching or filtering by a field the user may not read would reveal it, so such fields are
 * left out of a search and refused as filters.
 */
export function customerConditions(actor: Actor, search: string | null | undefined, filter: CustomerFilter | null | undefined): Where {
  const where = new Where();
  where.and(visibleWhere(actor, 'Customer', where, 'c'));
  const readableSet = new Set(readableFields(actor, 'Customer', SEARCHABLE_FIELDS));
  const readable = (field: string) => readableSet.has(field);
  const text = search?.trim();
  if (text) {
    const like = where.bind(`%${escapeLike(text)}%`);
    const parts: string[] = [];
    if (readable('firstName') && readable('lastName')) parts.push(`(c.first_name || ' ' || c.last_name) ILIKE ${like}`);
    if (readable('email')) parts.push(`c.email ILIKE ${like}`);
    if (readable('organisation')) parts.push(`o.name ILIKE ${like}`);
    if (readable('customerNumber') && /^\d{1,18}$/.test(text)) parts.push(`c.customer_number = ${where.bind(text)}`);
    const digits = text.replace(/\D/g, '');
    const looksLikePhone = digits.length >= 4 && /^[\d\s+()-]+$/.test(text);
    if (readable('phone') && looksLikePhone) parts.push(`c.phone LIKE ${where.bind(`%${digits.replace(/^0+/, '')}%`)}`);
    where.and(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
  }
  const requireReadable = (field: string, name: string) => {
    if (!readable(field)) throw forbidden(`You may not filter by ${field}.`, `filter.${name}`);
  };
  if (filter?.city) {
    requireReadable('city', 'city');
    where.and(`lower(c.city) = lower(${where.bind(filter.city.trim())})`);
  }
  if (filter?.postalCodePrefix) {
    requireReadable('postalCode', 'postalCodePrefix');
    where.and(`c.postal_code LIKE ${where.bind(`${escapeLike(filter.postalCodePrefix.trim().toUpperCase())}%`)}`);
  }
  if (filter?.language) {
    requireReadable('language', 'language');
    where.and(`c.language = ${where.bind(filter.language)}`);
  }
  if (filter?.organisationId) {
    requireReadable('organisation', 'organisationId');
    where.and(`c.organisation_id = ${where.bind(requireId(filter.organisationId, 'filter.organisationId', 'organisation'))}`);
  }
  if (filter?.source) {
    requireReadable('source', 'source');
    where.and(`c.source = ${where.bind(filter.source)}`);
  }
  return where;
}

interface Ordering {
  orderBy: string;
  /** How many values a cursor holds. */
  keys: number;
  /** The keyset condition after a cursor. */
  after(where: Where, cursor: unknown[]): string;
  cursorOf(customer: Customer): unknown[];
}

/** Keyset orderings: stable under inserts, with a unique last key. Mapped from an enum, never from input text. */
export const ORDERINGS: Record<CustomerOrder, Ordering> = {
  [CustomerOrder.CUSTOMER_NUMBER]: {
    orderBy: 'c.customer_number',
    keys: 1,
    after: (w, [n]) => `c.customer_number > ${w.bind(n)}`,
    cursorOf: (c) => [c.customerNumber],
  },
  [CustomerOrder.NAME]: {
    orderBy: 'lower(c.last_name), lower(c.first_name), c.id',
    keys: 3,
    after: (w, [last, first, id]) => `(lower(c.last_name), lower(c.first_name), c.id) > (${w.bind(last)}, ${w.bind(first)}, ${w.bind(id)}::uuid)`,
    cursorOf: (c) => [c.lastName.toLowerCase(), c.firstName.toLowerCase(), c.id],
  },
  [CustomerOrder.NEWEST]: {
    orderBy: 'c.created_at DESC, c.id DESC',
    keys: 2,
    after: (w, [at, id]) => `(c.created_at, c.id) < (${w.bind(at)}::timestamptz, ${w.bind(id)}::uuid)`,
    cursorOf: (c) => [new Date(c.createdAt).toISOString(), c.id],
  },
};

export function parseCursor(after: string | null | undefined, ordering: CustomerOrder): unknown[] | null {
  const raw = decodeCursor(after);
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.length === ORDERINGS[ordering].keys && parsed.every((v) => typeof v === 'string')) return parsed;
  } catch {
    // fall through
  }
  throw badInput('after', 'The cursor is not valid for this sort order.');
}
