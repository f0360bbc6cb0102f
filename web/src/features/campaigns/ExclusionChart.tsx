import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { ExclusionReason } from '../../gql/graphql';
import { ChartCard } from '../dashboard/ChartCard';
import { reasonLabel } from './labels';

type Row = { name: string; count: number };

/** P15: why customers were kept off the list; the same numbers as a table under the chart. Loaded with recharts, on demand. */
export default function ExclusionChart({ byReason }: { byReason: readonly { reason: ExclusionReason; count: number }[] }) {
  const { t, language } = useI18n();
  const n = (value: number) => formatNumber(value, language);
  const rows: Row[] = byReason.map((r) => ({ name: reasonLabel(t, r.reason), count: r.count }));
  return (
    <ChartCard
      id="exclusions-by-reason"
      title={t.campaigns.exclusionsByReason}
      rows={rows}
      columns={[
        { header: t.campaigns.reason, value: (r) => r.name },
        { header: t.campaigns.count, value: (r) => n(r.count), numeric: true },
      ]}
      note={rows.length > 1 ? t.campaigns.reasonNote : undefined}
    >
      <ResponsiveContainer width="100%" height={Math.max(120, 44 * rows.length + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 24, right: 24 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tickFormatter={n} />
          <YAxis type="category" dataKey="name" width={220} />
          <Tooltip formatter={(v) => n(Number(v))} />
          <Bar dataKey="count" name={t.campaigns.count} fill="#b42318" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
