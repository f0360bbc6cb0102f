import { useT } from '../../app/i18n';

/** P16, GDPR 18: the customer's processing is restricted; their orders and invoices are read, not changed. */
export function RestrictedNotice() {
  const t = useT();
  return (
    <div className="notice notice-info" role="note" data-testid="restricted-notice">
      <p>
        <strong>{t.orders.restrictedTitle}</strong>
      </p>
      <p>{t.orders.restrictedExplain}</p>
    </div>
  );
}
