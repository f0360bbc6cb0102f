import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, useEffect, useEffectEvent } from 'react';
import { ErrorNotice, Loading } from '../../app/components';
import { formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { isPending } from './labels';
import { TargetListQuery } from './operations';
import { TargetListEntries } from './TargetListEntries';

// The charts library is large: loaded when a built list is shown.
const ExclusionChart = lazy(() => import('./ExclusionChart'));

const POLL_MS = 500;

/** A build's progress while it runs (polled), then what it came to. */
export function TargetListPanel({ listId, onSettled }: { listId: string; onSettled(): void }) {
  const { t, language } = useI18n();
  const c = t.campaigns;
  // The build request answered the list's summary (queued, 0 %): it shows at once, while the rest is read,
  // so a build that is over quickly still shows its progress first.
  const { data, dataState, error, refetch, startPolling, stopPolling } = useQuery(TargetListQuery, {
    variables: { id: listId },
    notifyOnNetworkStatusChange: false,
    returnPartialData: true,
  });
  const list = data?.targetList;
  const pending = !list || isPending(list.status);

  useEffect(() => {
    if (!pending) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [pending, startPolling, stopPolling]);
  // Once per outcome of this list (its id and final status), not on every render: the parent passes
  // a new `onSettled` each time it renders, and calling it (a refetch) renders the parent again.
  const outcome = list && !isPending(list.status) ? `${list.id}:${list.status}` : null;
  const notifySettled = useEffectEvent(onSettled);
  useEffect(() => {
    if (outcome) notifySettled();
  }, [outcome]);

  if (error && !list) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!list) return <Loading />;
  if (isPending(list.status)) {
    const progress = list.progress ?? 0;
    return (
      <div className="build-progress" data-testid="build-progress">
        <p id="build-progress-label">{c.building}</p>
        <div
          className="progressbar"
          role="progressbar"
          aria-labelledby="build-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
          aria-valuetext={`${progress} %`}
        >
          <div className="progressbar-value" style={{ width: `${progress}%` }} />
        </div>
        <p className="muted">{`${t.campaigns.listStatuses[list.status ?? ''] ?? ''} · ${progress} %`}</p>
      </div>
    );
  }
  if (list.status === 'FAILED') {
    return (
      <div className="notice notice-error" role="alert" data-testid="build-failed">
        <p>{c.buildFailed}</p>
        {list.error && <p>{list.error}</p>}
      </div>
    );
  }

  // What it came to is shown once all of it is read, not from the summary the build request answered.
  if (dataState !== 'complete') return <Loading />;
  const built = data.targetList;
  if (!built) return <Loading />;
  const n = (value: number | null | undefined) => formatNumber(value ?? 0, language);
  return (
    <div className="target-list" data-testid="target-list">
      {built.builtAt && <p className="muted">{c.builtAt(formatTime(built.builtAt, language))}</p>}
      <div role="status">
        <dl className="counts" data-testid="target-list-counts">
          <div>
            <dt>{c.includedCount}</dt>
            <dd data-testid="included-count">{n(built.includedCount)}</dd>
          </div>
          <div>
            <dt>{c.excludedCount}</dt>
            <dd data-testid="excluded-count">{n(built.excludedCount)}</dd>
          </div>
        </dl>
      </div>
      {(built.exclusionsByReason?.length ?? 0) > 0 && (
        <Suspense fallback={<Loading />}>
          <ExclusionChart byReason={built.exclusionsByReason ?? []} />
        </Suspense>
      )}
      <TargetListEntries listId={built.id ?? listId} includedCount={n(built.includedCount)} excludedCount={n(built.excludedCount)} />
    </div>
  );
}
