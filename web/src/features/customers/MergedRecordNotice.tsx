import { Link, useLocation } from 'react-router';
import { useT } from '../../app/i18n';

/** The customer a merged record was merged into, as `Customer.mergedInto` reads it. */
export interface MergedInto {
  id: string;
  customerNumber: string;
}

/**
 * P6: in place of a write form on a merged record's page (a prohibition, a note, an order, a disclosure): why there
 * is none, and a link to the customer the record was merged into, where it is made. The server refuses such a
 * write too (CONFLICT, ALREADY_MERGED: server/src/modules/customers/merged-record.ts). The link opens the same tab there.
 */
export function MergedRecordNotice({ mergedInto }: { mergedInto: MergedInto }) {
  const t = useT();
  // The same tab of the kept customer's page (`?tab=notes`): where the note or the "no" is written.
  const { search } = useLocation();
  return (
    <p className="notice notice-info" data-testid="merged-no-writes">
      {t.customers.mergedNoWrites(mergedInto.customerNumber)} <Link to={`/customers/${mergedInto.id}${search}`}>{t.customers.mergedIntoLink}</Link>
    </p>
  );
}
