import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { ExclusionReason } from '../../gql/graphql';
import { integerTicks } from '../dashboard/axis';
import { ChartCard } from '../dashboard/ChartCard';
import { isFewerThan, kCountText, type KCount } from './kCount';
import { reasonLabel } from './labels';

/** `name` labels the bar; `reason` and `told` are the table's columns. */
type Row = { name: string; reason: string; count: number | null; told: string };

/**
 * P15: why customers were kept off the list; the same numbers as a table under the chart. Loaded
 * with recharts, on demand. A reason that covers fewer than 5 people is told only as "fewer than 5"
 * (k-anonymity): it has no bar, and its label says so.
 */
export default function ExclusionChart({ byReason }: { byReason: readonly ({ reason: ExclusionReason } & KCount)[] }) {
  const { t, language } = useI18n();
  const n = (value: number) => formatNumber(value, language);
  const rows: Row[] = byReason.map((r) => {
    const reason = reasonLabel(t, r.reason);
    const told = kCountText(t, r, language);
    return { name: isFewerThan(r) ? `${reason} (${told})` : reason, reason, count: r.count ?? null, told };
  });
  const small = byReason.find(isFewerThan);
  // Whole numbers, at most six, never repeated (a list that kept nobody off still reads 0 and 1): as the dashboard's charts.
  const axis = integerTicks(Math.max(0, ...rows.map((r) => r.count ?? 0)));
  const notes = [rows.length > 1 ? t.campaigns.reasonNote : null, small ? t.campaigns.fewerThanNote(n(small.fewerThan ?? 5)) : null].filter(Boolean);
  return (
    <ChartCard
      id="exclusions-by-reason"
      title={t.campaigns.exclusionsByReason}
      rows={rows}
      columns={[
        { header: t.campaigns.reason, value: (r) => r.reason },
        { header: t.campaigns.count, value: (r) => r.told, numeric: true },
      ]}
      note={notes.length ? notes.join(' ') : undefined}
    >
      <ResponsiveContainer width="100%" height={Math.max(120, 44 * rows.length + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 24, right: 24 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" ticks={axis.ticks} domain={axis.domain} allowDecimals={false} tickFormatter={n} />
          <YAxis type="category" dataKey="name" width={220} />
          <Tooltip formatter={(_value, _name, item) => (item.payload as Row).told} />
          <Bar dataKey="count" name={t.campaigns.count} fill="#b42318" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
