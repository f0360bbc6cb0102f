import { useT } from '../../app/i18n';
import type { OrderStatus } from '../../gql/graphql';

/** The order's status, and the archived marker (P1: kept read-only). */
export function OrderStatusBadge({ status, archived }: { status?: OrderStatus | null; archived?: boolean | null }) {
  const t = useT();
  return (
    <span className="status-cell">
      {status && <span className={`status status-${status.toLowerCase()}`}>{t.orders.statuses[status]}</span>}
      {archived && (
        <span className="status status-archived" data-testid="archived-marker">
          {t.orders.archived}
        </span>
      )}
    </span>
  );
}
