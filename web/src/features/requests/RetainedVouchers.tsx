import { formatLocalDate, formatMoney } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';

type Voucher = NonNullable<PrivacyRequestFieldsFragment['retainedVouchers']>[number];

/** P10: the vouchers an erasure keeps for the Accounting Act, with the buyer as invoiced (privacy officers only). */
export function RetainedVouchers({ vouchers }: { vouchers: readonly Voucher[] }) {
  const { t, language } = useI18n();
  const v = t.requests.vouchers;
  return (
    <section className="card" aria-labelledby="vouchers-title" data-testid="retained-vouchers">
      <h2 id="vouchers-title">{v.title}</h2>
      <p className="hint">{v.intro}</p>
      {vouchers.length === 0 ? (
        <p className="empty">{v.empty}</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{v.invoice}</th>
              <th scope="col">{v.issued}</th>
              <th scope="col" className="num">
                {v.amount}
              </th>
              <th scope="col">{v.buyer}</th>
              <th scope="col">{v.address}</th>
              <th scope="col">{v.until}</th>
            </tr>
          </thead>
          <tbody>
            {vouchers.map((voucher) => (
              <tr key={voucher.invoiceId} data-testid="retained-voucher">
                <th scope="row">{voucher.invoiceNumber}</th>
                <td>{formatLocalDate(voucher.issuedAt, language)}</td>
                <td className="num">{formatMoney(voucher.amountCents, language)}</td>
                <td>
                  {voucher.buyerName}
                  {voucher.organisation && <div className="muted">{voucher.organisation}</div>}
                </td>
                <td>
                  {voucher.street}
                  <div>{[voucher.postalCode, voucher.city].filter(Boolean).join(' ')}</div>
                  {voucher.country && voucher.country !== 'FI' && <div>{voucher.country}</div>}
                </td>
                <td>{formatLocalDate(voucher.retainedUntil, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
