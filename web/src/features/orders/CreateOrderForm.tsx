import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorNotice, FieldError, FormErrors, TextField } from '../../app/components';
import { appErrors, describeError, fieldProblems } from '../../app/errors';
import { formatMoney, formatVatRate } from '../../app/format';
import { useI18n, useT } from '../../app/i18n';
import type { OrderChannel, OrderLineInput } from '../../gql/graphql';
import { priceLine } from '@rekisteri/schema';
import { emptyLine, lineFieldOfError, lineInput, orderTotals, parseQuantity, parseUnitPrice, type LineDraft, type LineField } from './lines';
import { CreateOrderMutation, VatRatesQuery } from './operations';

const CHANNELS: readonly OrderChannel[] = ['STORE', 'WEB_SHOP', 'RESELLER'];

interface Props {
  customerId: string;
  onCreated(orderId: string): void;
  onCancel(): void;
}

/** P1: a sale records an order at the VAT rates in force (the server's VAT_RATES), loaded first. */
export function CreateOrderForm(props: Props) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(VatRatesQuery);
  if (data) return <OrderForm {...props} vatRates={data.vatRates} />;
  return (
    <section className="edit-form order-form" aria-labelledby="new-order-title" data-testid="order-form-loading">
      <h2 id="new-order-title">{t.orders.newOrder}</h2>
      {loading && (
        <p className="loading" role="status">
          {t.orders.vatRatesLoading}
        </p>
      )}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      <div className="actions">
        <button type="button" onClick={props.onCancel}>
          {t.orders.cancel}
        </button>
      </div>
    </section>
  );
}

/** The server prices the order; the form shows the same sum as it is typed. */
function OrderForm({ customerId, onCreated, onCancel, vatRates }: Props & { vatRates: readonly number[] }) {
  const { t, language } = useI18n();
  const [channel, setChannel] = useState<OrderChannel>('STORE');
  const [channelDetail, setChannelDetail] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine(vatRates)]);
  const [checked, setChecked] = useState(false);
  const [create, { loading, error }] = useMutation(CreateOrderMutation);

  const setLine = (key: number, patch: Partial<LineDraft>) => setLines((prev) => prev.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const inputs = lines.map(lineInput);
  const complete = inputs.filter((l): l is OrderLineInput => l !== null);
  const totals = orderTotals(complete);

  // Problems found before sending: a quantity or price that is not a number, or beyond what an order line may carry.
  const localErrors = (line: LineDraft): Partial<Record<LineField, string>> => ({
    ...(parseQuantity(line.quantity) === null ? { quantity: t.orders.invalidQuantity } : {}),
    ...(parseUnitPrice(line.unitPrice) === null ? { unitPrice: t.orders.invalidPrice } : {}),
  });

  // The server's answer: beside the line field it names, or at the top.
  const serverLineErrors = new Map<number, Partial<Record<LineField, string>>>();
  const general: string[] = [];
  let channelDetailError: string | undefined;
  for (const e of appErrors(error).flatMap(fieldProblems)) {
    const message = describeError(t, e);
    const target = e.field ? lineFieldOfError(e.field) : null;
    if (target) serverLineErrors.set(target.index, { ...serverLineErrors.get(target.index), [target.field]: message });
    else if (e.field === 'channelDetail') channelDetailError = message;
    else general.push(message);
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (complete.length !== lines.length) return;
    try {
      const { data } = await create({
        variables: {
          input: {
            customerId,
            channel,
            channelDetail: channel === 'WEB_SHOP' ? null : channelDetail.trim() || null,
            lines: complete,
          },
        },
        refetchQueries: ['CustomerOrders'],
      });
      if (data?.createOrder.id) onCreated(data.createOrder.id);
    } catch {
      // shown through `error`
    }
  };

  return (
    <form className="edit-form order-form" onSubmit={submit} aria-labelledby="new-order-title" data-testid="order-form">
      <h2 id="new-order-title">{t.orders.newOrder}</h2>
      <FormErrors messages={[...new Set(general)]} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="order-channel">{t.orders.channel}</label>
          <select id="order-channel" value={channel} onChange={(e) => setChannel(e.target.value as OrderChannel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t.orders.channels[c]}
              </option>
            ))}
          </select>
        </div>
        {channel !== 'WEB_SHOP' && (
          <TextField
            id="order-channelDetail"
            label={t.orders.channelDetail}
            value={channelDetail}
            onChange={setChannelDetail}
            error={channelDetailError}
            maxLength={200}
            autoComplete="off"
          />
        )}
      </div>

      <h3>{t.orders.lines}</h3>
      {lines.map((line, index) => {
        const errors = { ...(checked ? localErrors(line) : {}), ...serverLineErrors.get(index) };
        const input = inputs[index];
        const id = (field: string) => `order-line-${index}-${field}`;
        const invalid = (field: LineField) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id(field)}-error` } : {});
        return (
          <fieldset key={line.key} className="order-line" data-testid="order-line">
            <legend>{t.orders.line(index + 1)}</legend>
            <div className="field">
              <label htmlFor={id('sku')}>{t.orders.sku}</label>
              <input
                id={id('sku')}
                value={line.sku}
                onChange={(e) => setLine(line.key, { sku: e.target.value })}
                required
                maxLength={64}
                autoComplete="off"
                {...invalid('sku')}
              />
              {errors.sku && <FieldError id={`${id('sku')}-error`} message={errors.sku} />}
            </div>
            <div className="field field-wide">
              <label htmlFor={id('name')}>{t.orders.name}</label>
              <input
                id={id('name')}
                value={line.name}
                onChange={(e) => setLine(line.key, { name: e.target.value })}
                required
                maxLength={200}
                autoComplete="off"
                {...invalid('name')}
              />
              {errors.name && <FieldError id={`${id('name')}-error`} message={errors.name} />}
            </div>
            <div className="field field-narrow">
              <label htmlFor={id('quantity')}>{t.orders.quantity}</label>
              <input
                id={id('quantity')}
                value={line.quantity}
                onChange={(e) => setLine(line.key, { quantity: e.target.value })}
                inputMode="numeric"
                required
                autoComplete="off"
                {...invalid('quantity')}
              />
              {errors.quantity && <FieldError id={`${id('quantity')}-error`} message={errors.quantity} />}
            </div>
            <div className="field field-narrow">
              <label htmlFor={id('unitPrice')}>{t.orders.unitPrice}</label>
              <input
                id={id('unitPrice')}
                value={line.unitPrice}
                onChange={(e) => setLine(line.key, { unitPrice: e.target.value })}
                inputMode="decimal"
                required
                autoComplete="off"
                {...invalid('unitPrice')}
              />
              {errors.unitPrice && <FieldError id={`${id('unitPrice')}-error`} message={errors.unitPrice} />}
            </div>
            <div className="field field-narrow">
              <label htmlFor={id('vat')}>{t.orders.vatRate}</label>
              <select
                id={id('vat')}
                value={line.vatRateBasisPoints}
                onChange={(e) => setLine(line.key, { vatRateBasisPoints: Number(e.target.value) })}
                {...invalid('vatRateBasisPoints')}
              >
                {vatRates.map((rate) => (
                  <option key={rate} value={rate}>
                    {formatVatRate(rate, language)}
                  </option>
                ))}
              </select>
              {errors.vatRateBasisPoints && <FieldError id={`${id('vatRateBasisPoints')}-error`} message={errors.vatRateBasisPoints} />}
            </div>
            <div className="field field-narrow line-total">
              <span className="label">{t.orders.lineTotal}</span>
              <output htmlFor={`${id('quantity')} ${id('unitPrice')} ${id('vat')}`} data-testid="line-total">
                {input ? formatMoney(priceLine(input).grossCents, language) : t.customers.none}
              </output>
            </div>
            {lines.length > 1 && (
              <button type="button" className="remove-line" onClick={() => setLines((prev) => prev.filter((l) => l.key !== line.key))}>
                {t.orders.removeLine(index + 1)}
              </button>
            )}
          </fieldset>
        );
      })}
      <p>
        <button type="button" onClick={() => setLines((prev) => [...prev, emptyLine(vatRates)])}>
          + {t.orders.addLine}
        </button>
      </p>

      <dl className="totals" aria-live="polite">
        <div>
          <dt>{t.orders.net}</dt>
          <dd>{formatMoney(totals.netCents, language)}</dd>
        </div>
        <div>
          <dt>{t.orders.vat}</dt>
          <dd>{formatMoney(totals.vatCents, language)}</dd>
        </div>
        <div className="grand">
          <dt>{t.orders.runningTotal}</dt>
          <dd data-testid="running-total">{formatMoney(totals.grossCents, language)}</dd>
        </div>
      </dl>

      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {t.orders.create}
        </button>
        <button type="button" onClick={onCancel}>
          {t.orders.cancel}
        </button>
      </div>
    </form>
  );
}
