import { Bar, BarChart, CartesianGrid, LabelList, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMonth } from '../../app/format';
import type { Language, Messages } from '../../app/i18n';
import { integerTicks } from './axis';
import { ChartCard, type TableColumn } from './ChartCard';

/** P2: the customers of folded months arrive as this label, after the months. */
const OTHER = 'OTHER';
const COLOUR = '#0b5cad';
const HIDDEN = '#6b7280';
const HEIGHT = 260;

export interface MonthOfNewCustomers {
  month: string;
  folded: boolean;
  count: { count?: number | null; fewerThan?: number | null };
}

/** A month as drawn: `count` null when folded, which no bar shows; a hatched column marks it instead. */
interface MonthRow {
  name: string;
  count: number | null;
  folded: boolean;
  /** "0" over a month nobody joined, so that it reads as zero, not as a month left out. */
  zero: string | null;
  told: string;
}

interface Props {
  months: readonly MonthOfNewCustomers[];
  minimum: number;
  t: Messages;
  language: Language;
  n(value: number): string;
  told(count: MonthOfNewCustomers['count']): string;
}

/**
 * New customers per month: every month of the range has its place on the axis (the server sends them all),
 * a month nobody joined is a zero, and a folded month (P2: fewer than K, or hidden beside such a month) is
 * a hatched column with no number, explained in the legend below and in the table for screen readers.
 */
export function NewCustomersChart({ months, minimum, t, language, n, told }: Props) {
  const rows: MonthRow[] = months
    .filter((m) => m.month !== OTHER)
    .map((m) => {
      const count = m.folded ? null : (m.count.count ?? null);
      return {
        name: formatMonth(m.month, language),
        count,
        folded: m.folded,
        zero: count === 0 ? n(0) : null,
        told: m.folded ? t.dashboard.hiddenMonth : told(m.count),
      };
    });
  const other = months.find((m) => m.month === OTHER)?.count;
  const axis = integerTicks(Math.max(0, ...rows.map((r) => r.count ?? 0)));
  const columns: TableColumn<MonthRow>[] = [
    { header: t.dashboard.month, value: (r) => r.name },
    { header: t.dashboard.count, value: (r) => r.told, numeric: true },
  ];
  const hasFolded = rows.some((r) => r.folded);
  const hasZero = rows.some((r) => r.count === 0);
  const legend =
    hasFolded || hasZero ? (
      <ul className="chart-legend muted" data-testid="new-per-month-legend" style={{ listStyle: 'none', padding: 0, margin: '0.5rem 0 0' }}>
        {hasFolded && (
          <li>
            <svg width="14" height="14" aria-hidden="true" className="swatch">
              <rect width="14" height="14" fill="url(#new-per-month-hatch)" stroke={HIDDEN} />
            </svg>{' '}
            {t.dashboard.hiddenLegend(minimum)}
          </li>
        )}
        {hasZero && <li>{t.dashboard.zeroLegend}</li>}
      </ul>
    ) : undefined;
  return (
    <ChartCard
      id="new-per-month"
      title={t.dashboard.newPerMonth}
      rows={rows}
      columns={columns}
      legend={legend}
      note={other ? t.dashboard.hiddenMonthsTotal(t.dashboard.customerCount(told(other))) : undefined}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={rows} accessibilityLayer={false}>
          <defs>
            <pattern id="new-per-month-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#f3f4f6" />
              <line x1="0" y1="0" x2="0" y2="6" stroke={HIDDEN} strokeWidth="2" />
            </pattern>
          </defs>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} ticks={axis.ticks} domain={axis.domain} tickFormatter={n} />
          {rows
            .filter((r) => r.folded)
            .map((r) => (
              <ReferenceArea key={r.name} x1={r.name} x2={r.name} fill="url(#new-per-month-hatch)" fillOpacity={1} stroke={HIDDEN} strokeOpacity={0.5} />
            ))}
          <Tooltip formatter={(_value, _name, item) => (item.payload as MonthRow).told} />
          {/* A zero is drawn as a sliver with "0" over it; a folded month (null) draws no bar at all. */}
          <Bar dataKey="count" name={t.dashboard.count} fill={COLOUR} isAnimationActive={false} minPointSize={(value) => (value === 0 ? 2 : 0)}>
            <LabelList dataKey="zero" position="top" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
