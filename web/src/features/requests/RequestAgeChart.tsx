import type { CSSProperties } from 'react';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { OpenPrivacyRequestsByAgeQuery } from '../../gql/graphql';
import { ChartCard } from '../dashboard/ChartCard';

type Bucket = OpenPrivacyRequestsByAgeQuery['openPrivacyRequestsByAge'][number];
type Row = { name: string; onTime: number; overdue: number; count: number };

/**
 * How long the open requests have waited, one bar per age group with the overdue part in red. A few bars drawn in
 * HTML: the privacy officer's landing page loads no charts library (issue 16). The numbers are in the table below it.
 */
export function RequestAgeChart({ buckets }: { buckets: readonly Bucket[] }) {
  const { t, language } = useI18n();
  const r = t.requests;
  const n = (value: number) => formatNumber(value, language);
  const rows: Row[] = buckets.some((b) => b.count > 0)
    ? buckets.map((b) => ({ name: r.ageDays(b.label), onTime: b.count - b.overdue, overdue: b.overdue, count: b.count }))
    : [];
  const most = Math.max(1, ...rows.map((row) => row.count));
  const share = (value: number): CSSProperties => ({ width: `${(100 * value) / most}%` });
  return (
    <ChartCard
      id="requests-by-age"
      title={r.byAge}
      rows={rows}
      columns={[
        { header: r.ageGroup, value: (row) => row.name },
        { header: r.count, value: (row) => n(row.count), numeric: true },
        { header: r.overdue, value: (row) => n(row.overdue), numeric: true },
      ]}
      legend={
        <p className="bar-legend">
          <span className="bar-key on-time" /> {r.onTime} <span className="bar-key overdue" /> {r.overdue}
        </p>
      }
    >
      <div className="bars">
        {rows.map((row) => (
          <div className="bar-row" key={row.name} data-testid="age-bar">
            <span className="bar-label">{row.name}</span>
            <span className="bar-track">
              <span className="bar on-time" style={share(row.onTime)} />
              <span className="bar overdue" style={share(row.overdue)} />
            </span>
            <span className="bar-value">{n(row.count)}</span>
          </div>
        ))}
      </div>
    </ChartCard>
  );
}
