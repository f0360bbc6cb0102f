import { useQuery } from '@apollo/client/react';
import { ErrorNotice, Loading } from '../../app/components';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { WebPageStatisticsQuery } from './operations';

/** P2, P13: the site's pages by visitors, aggregates only; small pages arrive folded into OTHER. */
export function WebPageStatisticsCard() {
  const { t, language } = useI18n();
  const w = t.webEvents;
  const { data, loading, error, refetch } = useQuery(WebPageStatisticsQuery);
  const stats = data?.webPageStatistics;
  const n = (value: number) => formatNumber(value, language);
  return (
    <section className="chart-card" aria-labelledby="web-pages-title" data-testid="chart-web-pages">
      <h2 id="web-pages-title">{w.statisticsTitle}</h2>
      {loading && !stats && <Loading />}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {stats && stats.pages.length === 0 && <p className="empty">{w.noStatistics}</p>}
      {stats && stats.pages.length > 0 && (
        <>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{w.page}</th>
                <th scope="col" className="num">
                  {w.visitors}
                </th>
                <th scope="col" className="num">
                  {w.views}
                </th>
                <th scope="col" className="num">
                  {w.averageSeconds}
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.pages.map((p) => (
                <tr key={p.page}>
                  <td>{p.page === 'OTHER' ? t.dashboard.other : p.page}</td>
                  <td className="num">
                    {p.visitors.count != null ? n(p.visitors.count) : t.dashboard.fewerThan(n(p.visitors.fewerThan ?? stats.minimumGroupSize))}
                  </td>
                  <td className="num">{p.views != null ? n(p.views) : ''}</td>
                  <td className="num">{p.averageSeconds != null ? w.seconds(n(p.averageSeconds)) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="hint">{w.statisticsNote(stats?.minimumGroupSize ?? 5)}</p>
    </section>
  );
}
