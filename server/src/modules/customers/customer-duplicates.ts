import type { Actor } from '../../auth/actor';
import { readableFields, visibleWhere } from '../../auth/authorize';
import { Where, type Db } from '../../db/sql';
import { findCustomers } from './customers.repository';
import type { Customer } from './customer.model';

/**
 * Other customers the actor may see who share the email or the phone. Only fields the actor
 * may read are compared, so this cannot be used to probe a hidden phone number.
 */
export async function findPossibleDuplicates(
  db: Db,
  actor: Actor,
  values: { email?: string | null; phone?: string | null },
  excludeId: string | null,
): Promise<Customer[]> {
  const readable = readableFields(actor, 'Customer', ['email', 'phone']);
  const where = new Where();
  where.and(visibleWhere(actor, 'Customer', where, 'c'));
  const matches: string[] = [];
  if (values.email && readable.includes('email')) matches.push(`c.email = ${where.bind(values.email)}`);
  if (values.phone && readable.includes('phone')) matches.push(`c.phone = ${where.bind(values.phone)}`);
  if (matches.length === 0) return [];
  where.and(`(${matches.join(' OR ')})`);
  if (excludeId) where.and(`c.id <> ${where.bind(excludeId)}`);
  return findCustomers(db, where, 'c.customer_number', 20);
}
