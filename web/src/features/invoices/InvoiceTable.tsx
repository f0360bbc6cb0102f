import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { formatDay, formatLocalDate, formatMoney } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { InvoiceFieldsFragment } from '../../gql/graphql';
import { InvoiceActions } from './InvoiceActions';

type Row = InvoiceFieldsFragment & { order?: { id?: string | null; orderNumber?: string | null; archived?: boolean | null } | null };

/**
 * Invoices with their status; for sales, the status actions beside each, unless they are read-only
 * (an archived order's, P1; a restricted customer's, P16).
 */
export function InvoiceTable({ invoices, showOrder = false, readOnly = false }: { invoices: readonly Row[]; showOrder?: boolean; readOnly?: boolean }) {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const canAct = ability.can('update', 'Invoice', 'status') && !readOnly;
  return (
    <table className="data-table" data-testid="invoice-table">
      <thead>
        <tr>
          <th scope="col">{t.invoices.number}</th>
          {showOrder && <th scope="col">{t.invoices.order}</th>}
          <th scope="col">{t.invoices.issuedAt}</th>
          <th scope="col">{t.invoices.dueAt}</th>
          <th scope="col" className="num">
            {t.invoices.amount}
          </th>
          <th scope="col">{t.invoices.status}</th>
          {canAct && <th scope="col">{t.invoices.actions}</th>}
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.id} data-testid="invoice-row">
            <td>{invoice.invoiceNumber}</td>
            {showOrder && <td>{invoice.order?.id && <Link to={`/orders/${invoice.order.id}`}>{invoice.order.orderNumber}</Link>}</td>}
            <td>{invoice.issuedAt ? formatLocalDate(invoice.issuedAt, language) : ''}</td>
            <td>{invoice.dueAt ? formatLocalDate(invoice.dueAt, language) : ''}</td>
            <td className="num">{formatMoney(invoice.amountCents ?? 0, language)}</td>
            <td>
              <span className={`status status-${(invoice.status ?? '').toLowerCase()}`} data-testid="invoice-status">
                {invoice.status ? t.invoices.statuses[invoice.status] : ''}
              </span>
              {invoice.status === 'PAID' && invoice.paidAt && <span className="muted"> · {formatDay(invoice.paidAt, language)}</span>}
              {invoice.status === 'IN_COLLECTION' && invoice.collectionAgency && <span className="muted"> · {invoice.collectionAgency}</span>}
            </td>
            {canAct && <td>{!invoice.order?.archived && <InvoiceActions invoice={invoice} />}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
