import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P1: one live invoice per order, kept by the database, so that two sales invoicing the same order at
 * the same moment cannot both succeed. Live is every status but CREDITED: an OPEN or IN_COLLECTION
 * invoice is still owed, and a PAID one has settled the order (a second would bill it twice); a
 * credited invoice is cancelled by its credit note, and only then may the order be invoiced again.
 */
export class OneLiveInvoice1764320000000 implements MigrationInterface {
  name = 'OneLiveInvoice1764320000000';

  async up(q: QueryRunner): Promise<void> {
    // Invoices are accounting records: duplicates are never removed here. Credit the extra ones first.
    const duplicates: Array<{ order_number: string }> = await q.query(
      `SELECT o.order_number FROM invoices i JOIN orders o ON o.id = i.order_id
        WHERE i.status <> 'CREDITED' GROUP BY o.order_number HAVING count(*) > 1 ORDER BY o.order_number LIMIT 20`,
    );
    if (duplicates.length > 0) {
      throw new Error(
        `These orders have more than one invoice that is not credited: ${duplicates.map((d) => d.order_number).join(', ')}. ` +
          'Credit the extra invoices, then migrate again.',
      );
    }
    await q.query(`CREATE UNIQUE INDEX invoices_one_live_per_order ON invoices (order_id) WHERE status <> 'CREDITED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invoices_one_live_per_order`);
  }
}
