import { MAX_PAGE_SIZE, toPage, type Page } from './connection';

/** A page of one customer's children (orders, invoices), as `customer.orders(first, after)` asks for it. */
export interface ChildPageKey {
  customerId: string;
  first: number;
  after: string | null;
}

const limitOf = (first: number) => Math.min(Math.max(first, 1), MAX_PAGE_SIZE);

/**
 * Serves one DataLoader batch of child pages: one query per distinct (first, after) for all the
 * customers asking for it, then the children are dealt out to their customers. `fetch` returns up
 * to `limit + 1` children per customer, so each page knows whether there is a next one.
 */
export async function childPages<T>(
  keys: readonly ChildPageKey[],
  fetch: (customerIds: string[], limit: number, after: string | null) => Promise<T[]>,
  customerOf: (child: T) => string,
  cursorOf: (child: T) => string,
): Promise<Array<Page<T>>> {
  const groups = new Map<string, ChildPageKey[]>();
  for (const key of keys) {
    const group = `${key.first}|${key.after ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const byCustomer = new Map<string, T[]>();
  for (const group of groups.values()) {
    const children = await fetch(group.map((k) => k.customerId), limitOf(group[0].first), group[0].after);
    for (const child of children) {
      const customerId = customerOf(child);
      byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), child]);
    }
  }
  return keys.map((key) => toPage(byCustomer.get(key.customerId) ?? [], limitOf(key.first), cursorOf));
}
