import { useT } from '../../app/i18n';
import type { PrivacyRequestStatus } from '../../gql/graphql';
import { statusLabel } from './labels';

export function RequestStatusBadge({ status }: { status: PrivacyRequestStatus | null | undefined }) {
  const t = useT();
  if (!status) return null;
  return <span className={`status status-request-${status.toLowerCase()}`}>{statusLabel(t, status)}</span>;
}

const SOON_DAYS = 7;

/** Days to the deadline: red when overdue, amber within a week. Nothing once the request is closed. */
export function DaysLeftBadge({ daysLeft, overdue }: { daysLeft: number | null | undefined; overdue: boolean | null | undefined }) {
  const t = useT();
  if (daysLeft === null || daysLeft === undefined) return null;
  const r = t.requests;
  const level = overdue || daysLeft < 0 ? 'overdue' : daysLeft <= SOON_DAYS ? 'soon' : 'ok';
  const text = level === 'overdue' ? r.overdueBy(r.days(Math.min(daysLeft, -1))) : daysLeft === 0 ? r.dueToday : r.days(daysLeft);
  return (
    <span className={`status days-left days-left-${level}`} data-testid="days-left" data-level={level}>
      {text}
    </span>
  );
}
