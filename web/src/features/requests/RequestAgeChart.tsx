import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { OpenPrivacyRequestsByAgeQuery } from '../../gql/graphql';
import { ChartCard } from '../dashboard/ChartCard';

type Bucket = OpenPrivacyRequestsByAgeQuery['openPrivacyRequestsByAge'][number];
type Row = { name: string; onTime: number; overdue: number; count: number };
const COLOURS = { onTime: '#0b5cad', overdue: '#b42318' };

/** How long the open requests have waited, the overdue part stacked in red. Loaded with recharts, on demand. */
export default function RequestAgeChart({ buckets }: { buckets: readonly Bucket[] }) {
  const { t, language } = useI18n();
  const r = t.requests;
  const n = (value: number) => formatNumber(value, language);
  const rows: Row[] = buckets.some((b) => b.count > 0)
    ? buckets.map((b) => ({ name: r.ageDays(b.label), onTime: b.count - b.overdue, overdue: b.overdue, count: b.count }))
    : [];
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
    >
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={rows} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} tickFormatter={n} />
          <Tooltip formatter={(v) => n(Number(v))} />
          <Legend />
          <Bar dataKey="onTime" stackId="age" name={r.onTime} fill={COLOURS.onTime} isAnimationActive={false} />
          <Bar dataKey="overdue" stackId="age" name={r.overdue} fill={COLOURS.overdue} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
