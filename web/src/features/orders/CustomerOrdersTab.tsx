import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatDay, formatMoney } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { MergedRecordNotice, type MergedInto } from '../customers/MergedRecordNotice';
import { CreateOrderForm } from './CreateOrderForm';
import { CustomerOrdersQuery } from './operations';
import { OrderStatusBadge } from './OrderStatusBadge';
import { RestrictedNotice } from './RestrictedNotice';

const PAGE_SIZE = 10;

/** P1: the customer's orders, newest first, and for sales a form for a new one. */
/** `mergedInto`, P6: a merged record's orders moved to the customer it was merged into, and new ones are taken there. */
export function CustomerOrdersTab({ customerId, mergedInto = null }: { customerId: string; mergedInto?: MergedInto | null }) {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  // Cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1];
  const { data, loading, error } = useQuery(CustomerOrdersQuery, {
    variables: { id: customerId, first: PAGE_SIZE, after },
  });
  const connection = data?.customer.orders;
  // P16, GDPR 18: a restricted customer gets no new orders (the server refuses them too).
  const restricted = data?.customer.restricted === true;

  return (
    <div className="tab-content">
      <div className="page-title">
        <h2>{t.orders.title}</h2>
        {ability.can('create', 'Order') && !creating && !restricted && !mergedInto && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t.orders.newOrder}
          </button>
        )}
      </div>
      {restricted && <RestrictedNotice />}
      {mergedInto && ability.can('create', 'Order') && <MergedRecordNotice mergedInto={mergedInto} />}
      {creating && !restricted && !mergedInto && (
        <CreateOrderForm
          customerId={customerId}
          onCancel={() => setCreating(false)}
          onCreated={(orderId) => void navigate(`/orders/${orderId}`, { state: { created: true } })}
        />
      )}
      {error && <ErrorNotice error={error} />}
      {loading && !connection && <Loading />}
      {connection &&
        (connection.edges.length === 0 ? (
          <p className="empty" data-testid="orders-empty">
            {t.orders.empty}
          </p>
        ) : (
          <table className="data-table" data-testid="order-table">
            <thead>
              <tr>
                <th scope="col">{t.orders.number}</th>
                <th scope="col">{t.orders.orderedAt}</th>
                <th scope="col">{t.orders.channel}</th>
                <th scope="col">{t.orders.status}</th>
                <th scope="col" className="num">
                  {t.orders.total}
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr
                  key={node.id}
                  className="clickable"
                  data-testid="order-row"
                  onClick={(e) => {
                    if (!(e.target instanceof HTMLAnchorElement)) void navigate(`/orders/${node.id}`);
                  }}
                >
                  <td>
                    <Link to={`/orders/${node.id}`}>{node.orderNumber}</Link>
                  </td>
                  <td>{node.orderedAt ? formatDay(node.orderedAt, language) : ''}</td>
                  <td>
                    {node.channel ? t.orders.channels[node.channel] : ''}
                    {node.channelDetail && <span className="muted"> · {node.channelDetail}</span>}
                  </td>
                  <td>
                    <OrderStatusBadge status={node.status} archived={node.archived} />
                  </td>
                  <td className="num">{formatMoney(node.grossCents ?? 0, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
