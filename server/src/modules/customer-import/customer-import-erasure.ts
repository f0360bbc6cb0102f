import { execute, one, type Db } from '../../db/sql';

/**
 * P10, P17: what erasure does with a person's customer-list data: the rows of store and reseller lists
 * that matched or made them (the values the list sent) go outright. An import's report then simply no
 * longer lists that person.
 */
export const CUSTOMER_IMPORT_TABLES = [{ table: 'customer_import_rows', fields: ['firstName', 'lastName', 'email', 'phone', 'address'] }] as const;
export type CustomerImportTable = (typeof CUSTOMER_IMPORT_TABLES)[number]['table'];

export async function customerImportCounts(db: Db, customerId: string): Promise<Record<CustomerImportTable, number>> {
  const row = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM customer_import_rows WHERE customer_id = $1`, [customerId]);
  return { customer_import_rows: row.n };
}

export async function eraseCustomerImportRows(db: Db, customerId: string): Promise<void> {
  await execute(db, `DELETE FROM customer_import_rows WHERE customer_id = $1`, [customerId]);
}
