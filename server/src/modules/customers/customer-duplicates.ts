import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { FieldMask } from '../../auth/field-mask';
import { CUSTOMER_SELECT, customerFromRow } from './customer.sql';
import type { Customer } from './customer.type';
import { Where } from './customer-search';
import { visibleWhere } from '../../auth/authorize';

/**
 * Other customers the actor may see who share the email or the phone. Only fields the actor
 * may read are compared, so this cannot be used to probe a hidden phone number.
 */
export async function findPossibleDuplicates(
  manager: EntityManager,
  actor: Actor,
  values: { email?: string | null; phone?: string | null },
  excludeId: string | null,
): Promise<Customer[]> {
  const mask = new FieldMask(actor.ability);
  const where = new Where();
  where.and(visibleWhere(actor, 'Customer', where, 'c'));
  const matches: string[] = [];
  if (values.email && mask.decide('Customer', 'email') !== 'deny') matches.push(`c.email = ${where.bind(values.email)}`);
  if (values.phone && mask.decide('Customer', 'phone') !== 'deny') matches.push(`c.phone = ${where.bind(values.phone)}`);
  if (matches.length === 0) return [];
  where.and(`(${matches.join(' OR ')})`);
  if (excludeId) where.and(`c.id <> ${where.bind(excludeId)}`);
  const rows = await manager.query(`${CUSTOMER_SELECT} WHERE ${where} ORDER BY c.customer_number LIMIT 20`, where.params);
  return rows.map(customerFromRow);
}
