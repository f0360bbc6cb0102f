import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../app/components';
import { useT } from '../../app/i18n';
import { InvoiceTable } from './InvoiceTable';
import { CustomerInvoicesQuery } from './operations';

const PAGE_SIZE = 10;

/** P1: the customer's invoices, newest first; `readOnly` (P6: a merged record) offers no actions on them. */
export function CustomerInvoicesTab({ customerId, readOnly = false }: { customerId: string; readOnly?: boolean }) {
  const t = useT();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const { data, loading, error } = useQuery(CustomerInvoicesQuery, {
    variables: { id: customerId, first: PAGE_SIZE, after: cursors[cursors.length - 1] },
  });
  const connection = data?.customer.invoices;

  return (
    <div className="tab-content">
      <h2>{t.invoices.title}</h2>
      {error && <ErrorNotice error={error} />}
      {loading && !connection && <Loading />}
      {connection &&
        (connection.edges.length === 0 ? (
          <p className="empty" data-testid="invoices-empty">
            {t.invoices.empty}
          </p>
        ) : (
          // P16: a restricted customer's invoices are read, not changed.
          <InvoiceTable invoices={connection.edges.map((e) => e.node)} showOrder readOnly={readOnly || data?.customer.restricted === true} />
        ))}
      {connection && (cursors.length > 1 || connection.pageInfo.hasNextPage) && (
        <nav className="pager" aria-label={t.customers.page(cursors.length)}>
          {cursors.length > 1 && (
            <button type="button" onClick={() => setCursors((prev) => prev.slice(0, -1))}>
              ← {t.orders.previousPage}
            </button>
          )}
          {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
            <button type="button" onClick={() => setCursors((prev) => [...prev, connection.pageInfo.endCursor ?? null])}>
              {t.customers.nextPage} →
            </button>
          )}
        </nav>
      )}
    </div>
  );
}
