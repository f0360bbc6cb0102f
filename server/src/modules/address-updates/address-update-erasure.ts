import { execute, one, type Db } from '../../db/sql';

/**
 * P10, P17: what erasure does with a person's address-update data: the rows of update files that matched them (the
 * names and addresses the service sent) and the history of their update prohibition both go outright. An import's
 * report then simply no longer lists that person.
 */
export const ADDRESS_UPDATE_TABLES = [
  { table: 'address_update_rows', fields: ['firstName', 'lastName', 'oldAddress', 'newAddress', 'movedOn'] },
  { table: 'update_prohibition_events', fields: ['updateProhibition'] },
] as const;
export type AddressUpdateTable = (typeof ADDRESS_UPDATE_TABLES)[number]['table'];

export const isAddressUpdateTable = (table: string): table is AddressUpdateTable => ADDRESS_UPDATE_TABLES.some((t) => t.table === table);

export async function addressUpdateCounts(db: Db, customerId: string): Promise<Record<AddressUpdateTable, number>> {
  const row = await one<{ rows: number; events: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM address_update_rows WHERE customer_id = $1) AS rows,
            (SELECT count(*)::int FROM update_prohibition_events WHERE customer_id = $1) AS events`,
    [customerId],
  );
  return { address_update_rows: row.rows, update_prohibition_events: row.events };
}

export async function eraseAddressUpdateData(db: Db, customerId: string, table: AddressUpdateTable): Promise<void> {
  if (table === 'address_update_rows') await execute(db, `DELETE FROM address_update_rows WHERE customer_id = $1`, [customerId]);
  else await execute(db, `DELETE FROM update_prohibition_events WHERE customer_id = $1`, [customerId]);
}
