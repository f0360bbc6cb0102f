import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { hasCode } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { formatMoney, formatTime, formatVatRate } from '../../app/format';
import { useI18n, useT } from '../../app/i18n';
import type { OrderQuery, OrderStatus } from '../../gql/graphql';
import { customerName } from '../customers/CustomerStateMarker';
import { CreateInvoiceMutation } from '../invoices/operations';
import { InvoiceTable } from '../invoices/InvoiceTable';
import { OrderQuery as OrderDocument, UpdateOrderMutation } from './operations';
import { OrderStatusBadge } from './OrderStatusBadge';
import { RestrictedNotice } from './RestrictedNotice';

type Order = OrderQuery['order'];

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const ability = useAppAbility();
  const { data, loading, error, refetch } = useQuery(OrderDocument, {
    variables: { id, withFirstName: ability.can('read', 'Customer', 'firstName'), withLastName: ability.can('read', 'Customer', 'lastName') },
  });
  const order = data?.order;
  return (
    <section>
      {loading && !order && <Loading />}
      {!order && error && <ErrorNotice error={error} />}
      {order && <OrderView order={order} refetch={refetch} />}
    </section>
  );
}

function OrderView({ order, refetch }: { order: Order; refetch(): Promise<unknown> }) {
  const { t, language } = useI18n();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const customer = order.customer;
  // P17: an anonymised customer's name in the reader's language (customers/CustomerStateMarker).
  const name = customer ? customerName(t, customer) || customer.customerNumber : '';
  const money = (cents: number | null | undefined) => formatMoney(cents ?? 0, language);
  // P16, GDPR 18: a restricted customer's order and invoices are read, not changed (the server refuses it too).
  const restricted = customer?.restricted === true;

  return (
    <article aria-labelledby="order-title">
      {customer?.id && (
        <p>
          <Link to={`/customers/${customer.id}?tab=orders`}>← {t.orders.backToCustomer}</Link>
        </p>
      )}
      <h1 id="order-title">{t.orders.title1(order.orderNumber ?? '')}</h1>
      {created && (
        <p className="notice notice-success" role="status" data-testid="order-created">
          {t.orders.created}
        </p>
      )}
      {order.archived && (
        <div className="notice notice-info" role="note" data-testid="archived-notice">
          <p>
            <strong>{t.orders.archivedReadOnly}</strong>
          </p>
          <p>{t.orders.archivedExplain}</p>
        </div>
      )}
      {restricted && <RestrictedNotice />}
      <dl className="details">
        <div className="detail">
          <dt>{t.orders.customer}</dt>
          <dd>{customer?.id && <Link to={`/customers/${customer.id}`}>{name}</Link>}</dd>
        </div>
        <div className="detail">
          <dt>{t.orders.orderedAt}</dt>
          <dd>{order.orderedAt ? formatTime(order.orderedAt, language) : t.customers.none}</dd>
        </div>
        <div className="detail">
          <dt>{t.orders.channel}</dt>
          <dd>{[order.channel ? t.orders.channels[order.channel] : null, order.channelDetail].filter(Boolean).join(' · ')}</dd>
        </div>
        <div className="detail">
          <dt>{t.orders.status}</dt>
          <dd data-testid="order-status">
            <OrderStatusBadge status={order.status} archived={order.archived} />
          </dd>
        </div>
        {order.closedAt && (
          <div className="detail">
            <dt>{t.orders.closedAt}</dt>
            <dd>{formatTime(order.closedAt, language)}</dd>
          </div>
        )}
      </dl>

      <h2>{t.orders.lines}</h2>
      <table className="data-table" data-testid="order-lines">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t.orders.sku}</th>
            <th scope="col">{t.orders.name}</th>
            <th scope="col" className="num">
              {t.orders.quantity}
            </th>
            <th scope="col" className="num">
              {t.orders.unitPrice}
            </th>
            <th scope="col" className="num">
              {t.orders.vatRate}
            </th>
            <th scope="col" className="num">
              {t.orders.net}
            </th>
            <th scope="col" className="num">
              {t.orders.vat}
            </th>
            <th scope="col" className="num">
              {t.orders.gross}
            </th>
          </tr>
        </thead>
        <tbody>
          {(order.lines ?? []).map((line) => (
            <tr key={line.position}>
              <td>{line.position}</td>
              <td className="mono">{line.sku}</td>
              <td>{line.name}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{money(line.unitPriceCents)}</td>
              <td className="num">{formatVatRate(line.vatRateBasisPoints ?? 0, language)}</td>
              <td className="num">{money(line.netCents)}</td>
              <td className="num">{money(line.vatCents)}</td>
              <td className="num">{money(line.grossCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={6}>
              {t.orders.total}
            </th>
            <td className="num" data-testid="order-net">
              {money(order.netCents)}
            </td>
            <td className="num" data-testid="order-vat">
              {money(order.vatCents)}
            </td>
            <td className="num total-cell" data-testid="order-gross">
              {money(order.grossCents)}
            </td>
          </tr>
        </tfoot>
      </table>

      {!order.archived && !restricted && <OrderStatusActions order={order} refetch={refetch} />}

      <OrderInvoices order={order} readOnly={order.archived === true || restricted} />
    </article>
  );
}

/** P1: an open order is delivered or cancelled, once; a closed one stays as it is. */
function OrderStatusActions({ order, refetch }: { order: Order; refetch(): Promise<unknown> }) {
  const t = useT();
  const ability = useAppAbility();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [changed, setChanged] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateOrderMutation);
  // Focus moves into the confirmation when the user asks to cancel.
  const confirmCancelRef = useFocusWhen<HTMLButtonElement>(confirmCancel);
  if (order.status !== 'OPEN' || !ability.can('update', 'Order', 'status')) {
    return changed ? (
      <p className="notice notice-success" role="status" data-testid="order-status-changed">
        {t.orders.statusChanged}
      </p>
    ) : null;
  }

  const setStatus = async (status: OrderStatus) => {
    setConflict(false);
    try {
      await update({ variables: { id: order.id ?? '', version: order.version ?? 0, input: { status } } });
      setChanged(true);
    } catch (e) {
      if (hasCode(e, 'CONFLICT')) {
        reset();
        setConflict(true);
        await refetch();
      }
    }
    setConfirmCancel(false);
  };

  return (
    <div className="order-actions">
      {conflict && (
        <p className="notice notice-warning" role="alert">
          {t.orders.conflict}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {confirmCancel ? (
        <fieldset className="confirm notice notice-warning" aria-label={t.orders.cancelOrder}>
          <p>{t.orders.confirmCancel}</p>
          <div className="actions">
            <button type="button" className="danger" ref={confirmCancelRef} disabled={loading} onClick={() => void setStatus('CANCELLED')}>
              {t.orders.confirmCancelYes}
            </button>
            <button type="button" onClick={() => setConfirmCancel(false)}>
              {t.orders.keep}
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="actions">
          <button type="button" className="primary" disabled={loading} onClick={() => void setStatus('DELIVERED')}>
            {t.orders.deliver}
          </button>
          <button type="button" className="danger" disabled={loading} onClick={() => setConfirmCancel(true)}>
            {t.orders.cancelOrder}
          </button>
        </div>
      )}
    </div>
  );
}

/** An archived order's invoices, and a restricted customer's, are read-only (P1, P16). */
function OrderInvoices({ order, readOnly }: { order: Order; readOnly: boolean }) {
  const t = useT();
  const ability = useAppAbility();
  const [create, { loading, error, reset }] = useMutation(CreateInvoiceMutation, { refetchQueries: ['Order', 'CustomerInvoices'] });
  const [created, setCreated] = useState(false);
  const [invoicedMeanwhile, setInvoicedMeanwhile] = useState(false);
  const invoices = order.invoices ?? [];
  // One live invoice per order: a new one only after the earlier ones were credited (the server's rule).
  const invoiceable = ability.can('create', 'Invoice') && !readOnly && order.status !== 'CANCELLED' && invoices.every((i) => i.status === 'CREDITED');

  const createInvoice = async () => {
    setInvoicedMeanwhile(false);
    try {
      await create({ variables: { input: { orderId: order.id ?? '' } } });
      setCreated(true);
    } catch (e) {
      // Someone else invoiced the order meanwhile: say so, and show their invoice (refetched).
      if (hasCode(e, 'CONFLICT')) {
        reset();
        setInvoicedMeanwhile(true);
      }
    }
  };

  return (
    <section aria-labelledby="order-invoices-title" className="order-invoices">
      <div className="page-title">
        <h2 id="order-invoices-title">{t.orders.invoices}</h2>
        {invoiceable && (
          <button type="button" className="primary" disabled={loading} onClick={() => void createInvoice()}>
            {t.orders.createInvoice}
          </button>
        )}
      </div>
      {created && (
        <p className="notice notice-success" role="status">
          {t.orders.invoiceCreated}
        </p>
      )}
      {invoicedMeanwhile && (
        <p className="notice notice-warning" role="alert" data-testid="invoice-exists">
          {t.orders.invoiceExists}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {invoices.length === 0 ? <p className="empty">{t.invoices.emptyOrder}</p> : <InvoiceTable invoices={invoices} readOnly={readOnly} />}
    </section>
  );
}
