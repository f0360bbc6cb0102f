import type { EntityManager } from 'typeorm';
import type { PrivacyDocuments } from './documents';
import type { PlannedItem } from './erasure-plan';
import {
  anonymiseCustomer,
  anonymiseInvoices,
  anonymiseOrders,
  anonymiseRequests,
  eraseAuditValues,
  eraseInvoices,
  eraseOrders,
  eraseProhibitionLedger,
  eraseProvenance,
  eraseProvenanceRows,
  eraseTargetListEntries,
  eraseTargetListExports,
  insertItem,
  minimiseCustomer,
  ordersHaveInvoices,
  requestIdsOfCustomer,
  type ErasureItemRow,
} from './erasure.repository';
import { ErasureAction, ErasureItemState, PrivacyRequestStatus } from './request.model';
import type { CustomerRequestRow } from './requests.repository';
import type { RetainedVouchers } from './retained-vouchers';
import { eraseWebActivity } from '../web-events/web-activity-package';
import { eraseAddressUpdateData } from '../address-updates/address-update-erasure';
import { eraseCustomerImportRows } from '../customer-import/customer-import-erasure';
import { eraseCustomerNotes } from '../customer-notes/customer-notes-package';

/**
 * P10, P17: what one line of an erasure plan does to the rows it names, for the erasure carried
 * out (erasure.ts) and for a hold that lapses later (erasure-holds.ts) alike.
 */

/** What carrying out a line needs besides the SQL. */
export interface CarryOutDeps {
  documents: PrivacyDocuments;
  vouchers: RetainedVouchers;
}

export async function insertItems(tx: EntityManager, requestId: string, items: PlannedItem[], from: number): Promise<ErasureItemRow[]> {
  const inserted: ErasureItemRow[] = [];
  for (const [i, item] of items.entries()) inserted.push(await insertItem(tx, requestId, from + i, item));
  return inserted;
}

/** Does what an ERASE or ANONYMISE item says, to the rows it names. */
export async function carryOut(
  deps: CarryOutDeps,
  tx: EntityManager,
  request: CustomerRequestRow,
  item: Pick<ErasureItemRow, 'table_name' | 'action' | 'row_ids'>,
): Promise<void> {
  const rowIds = item.row_ids;
  const customerId = request.customer_id;
  switch (item.table_name) {
    case 'customers':
      // Held: only what invoicing does not need goes now. Otherwise the vouchers keep their buyer first (P10).
      if (item.action === ErasureAction.ERASE) return minimiseCustomer(tx, customerId);
      await deps.vouchers.retain(tx, request);
      return anonymiseCustomer(tx, customerId);
    case 'customer_provenance':
      return item.row_ids.length > 0 ? eraseProvenanceRows(tx, customerId, item.row_ids) : eraseProvenance(tx, customerId);
    case 'prohibition_events':
      return eraseProhibitionLedger(tx, customerId);
    case 'target_list_exports':
      return eraseTargetListExports(tx, customerId);
    case 'target_list_members':
    case 'target_list_exclusions':
    case 'campaign_exclusions':
      return eraseTargetListEntries(tx, customerId, item.table_name);
    case 'audit_events':
      return eraseAuditValues(tx, customerId);
    case 'disclosures':
      return; // field names, recipients and dates only: without the identity they name nobody
    case 'privacy_documents':
      return deps.documents.erase(tx, await requestIdsOfCustomer(tx, customerId), 'ACCESS_PACKAGES');
    case 'invoices':
      return item.action === ErasureAction.ANONYMISE ? anonymiseInvoices(tx, rowIds) : eraseInvoices(tx, rowIds);
    case 'orders':
      if (item.action === ErasureAction.ANONYMISE) return anonymiseOrders(tx, rowIds);
      // Vouchers go with their invoices: an order whose invoice is still kept is never half-erased.
      if (await ordersHaveInvoices(tx, rowIds)) throw new Error('an order is erased only after its invoices');
      return eraseOrders(tx, rowIds);
    case 'privacy_requests':
      return anonymiseRequests(tx, rowIds);
    case 'web_events':
    case 'web_consents':
    case 'web_form_submissions':
      return eraseWebActivity(tx, customerId, item.table_name);
    case 'address_update_rows':
    case 'update_prohibition_events':
      return eraseAddressUpdateData(tx, customerId, item.table_name);
    case 'customer_import_rows':
      return eraseCustomerImportRows(tx, customerId);
    case 'customer_notes':
      return eraseCustomerNotes(tx, customerId);
    default:
      throw new Error(`erasure does not know the table ${item.table_name}`);
  }
}

/** Done when nothing but the request's own evidence is held. */
export function statusOf(items: ErasureItemRow[]): PrivacyRequestStatus {
  const held = items.filter((i) => i.state === ErasureItemState.HELD && i.table_name !== 'privacy_requests');
  return held.length > 0 ? PrivacyRequestStatus.PARTIALLY_COMPLETED : PrivacyRequestStatus.COMPLETED;
}
