import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { channelLabel, kindLabel, viaLabel } from './labels';
import { ProhibitionHistoryQuery } from './operations';

/** The ledger, newest first; read only when opened. */
export function ProhibitionHistory({ customerId }: { customerId: string }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const { data, loading, error, refetch } = useQuery(ProhibitionHistoryQuery, {
    variables: { customerId },
    skip: !open,
    fetchPolicy: 'cache-and-network',
  });
  const entries = data?.prohibitionHistory;

  return (
    <details className="history" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="prohibition-history">
      <summary>
        {t.prohibitions.history}
        {entries && <span className="muted"> ({t.prohibitions.historyCount(entries.length)})</span>}
      </summary>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !entries && <Loading />}
      {entries &&
        (entries.length === 0 ? (
          <p className="empty">{t.prohibitions.historyEmpty}</p>
        ) : (
          <table className="data-table compact">
            <caption className="visually-hidden">{t.prohibitions.history}</caption>
            <thead>
              <tr>
                <th scope="col">{t.prohibitions.recorded}</th>
                <th scope="col">{t.prohibitions.action}</th>
                <th scope="col">{t.prohibitions.kind}</th>
                <th scope="col">{t.prohibitions.channel}</th>
                <th scope="col">{t.prohibitions.via}</th>
                <th scope="col">{t.prohibitions.note}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                // An entry is one action on one kind and channel at one moment: the ledger has no id to show, and an
                // index would shift every row when a newer entry arrives at the top.
                <tr key={`${e.recordedAt}-${e.action}-${e.kind}-${e.channel ?? 'ALL'}`} data-testid="prohibition-history-row">
                  <td>{t.prohibitions.recordedBy(e.recordedAt ? formatTime(e.recordedAt, language) : '', e.recordedBy ?? null)}</td>
                  <td>
                    <span className={e.action === 'LIFT' ? 'status status-lifted' : 'status status-prohibition'}>
                      {e.action ? t.prohibitions.actionsLabel[e.action] : ''}
                    </span>
                  </td>
                  <td>{kindLabel(t, e.kind)}</td>
                  <td>{channelLabel(t, e.channel)}</td>
                  <td>{viaLabel(t, e.via)}</td>
                  <td>{e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </details>
  );
}
