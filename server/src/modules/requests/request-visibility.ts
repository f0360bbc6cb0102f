import { visibleWhere, visibleWithCustomerWhere } from '../../auth/authorize';
import type { Actor } from '../../auth/actor';
import { Where } from '../../db/sql';

/**
 * The requests (table alias `alias`) an actor may see, as a condition to build on: requests must be
 * readable at all, and a request that names a customer only while that customer is visible to the
 * reader. The queue, its count, its chart, a single request and its documents all start from here.
 */
export function visibleRequests(actor: Actor, alias = 'r'): Where {
  const where = new Where();
  const any = visibleWhere(actor, 'PrivacyRequest', where, alias);
  if (any === 'FALSE') return where.and('FALSE');
  const named = visibleWithCustomerWhere(actor, 'PrivacyRequest', where, alias, `${alias}.customer_id`);
  return where.and(`((${alias}.customer_id IS NULL AND ${any}) OR (${named}))`);
}
