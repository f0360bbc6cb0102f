import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, ComposedChart, LabelList, Legend, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorNotice, Loading } from '../../app/components';
import { formatMoney, formatMonth, formatNumber } from '../../app/format';
import { useI18n, type Language, type Messages } from '../../app/i18n';
import type { StatisticsQuery as StatisticsResult } from '../../gql/graphql';
import { integerTicks } from './axis';
import { ChartCard, type TableColumn } from './ChartCard';
import { NewCustomersChart } from './NewCustomersChart';
import { StatisticsQuery } from './operations';
import { WebPageStatisticsCard } from '../webEvents/WebPageStatisticsCard';

/** P2: groups under the threshold arrive folded into this label. */
const OTHER = 'OTHER';
const COLOURS = { customers: '#0b5cad', orders: '#0b5cad', revenue: '#c05621', hidden: '#6b7280' };
const HEIGHT = 260;

function groupLabel(t: Messages, label: string, names?: Record<string, string>): string {
  if (label === OTHER) return t.dashboard.other;
  if (label === '-' || label === '') return t.dashboard.unknown;
  return names?.[label] ?? label;
}

/** Aggregates only (P2): no person can be picked out, so every role but partners may look. */
export default function DashboardPage() {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(StatisticsQuery);
  const stats = data?.statistics;
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">{t.dashboard.title}</h1>
      {loading && !stats && <Loading />}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {stats && <Charts stats={stats} t={t} language={language} />}
    </section>
  );
}

type Stats = StatisticsResult['statistics'];
/** A count that is exact from the threshold up, and otherwise only "fewer than" (k-anonymity, P2). */
type KCount = { count?: number | null; fewerThan?: number | null } | null | undefined;
/** `count` is null for "fewer than": no bar is drawn, and the table says so. */
type CountRow = { name: string; count: number | null; told: string };
type OrderRow = { name: string; orders: number; revenueCents: number };
/** A month of orders as drawn: null numbers when folded (no bar, a gap in the line, a hatched column). */
type OrderMonthRow = { name: string; orders: number | null; revenue: number | null; revenueCents: number | null; folded: boolean; zero: string | null };

function Charts({ stats, t, language }: { stats: Stats; t: Messages; language: Language }) {
  const n = (value: number) => formatNumber(value, language);
  const euros = (cents: number) => formatMoney(cents, language);
  const minimum = stats.minimumGroupSize ?? 5;
  const axisEuros = (value: number) => formatMoney(value * 100, language).replace(/[,.]00(?=\D|$)/, '');
  const told = (k: KCount) => (k?.count != null ? n(k.count) : t.dashboard.fewerThan(n(k?.fewerThan ?? minimum)));
  const countRow = (name: string, k: KCount): CountRow => ({ name, count: k?.count ?? null, told: told(k) });

  const bySource = (stats.customersBySource ?? []).map((b) => countRow(groupLabel(t, b.label, t.sources), b.count));
  const byCity = (stats.customersByCity ?? []).map((b) => countRow(groupLabel(t, b.label), b.count));
  // Every month of the range (P2: a month without orders is a zero, a folded one is told apart), then OTHER.
  const orderMonths = stats.orderMonths ?? [];
  const ordersPerMonth: OrderMonthRow[] = orderMonths
    .filter((m) => m.month !== OTHER)
    .map((m) => ({
      name: formatMonth(m.month, language),
      orders: m.folded ? null : (m.orders ?? null),
      revenue: m.folded || m.revenueCents == null ? null : m.revenueCents / 100,
      revenueCents: m.folded ? null : (m.revenueCents ?? null),
      folded: m.folded,
      zero: !m.folded && m.orders === 0 ? formatNumber(0, language) : null,
    }));
  const foldedOrders = orderMonths.find((m) => m.month === OTHER);
  const monthsWithoutOrders = ordersPerMonth.some((r) => r.orders === 0);
  const hiddenOrderMonths = ordersPerMonth.some((r) => r.folded);
  const perChannel = (stats.ordersPerChannel ?? []).map((c) => ({
    name: groupLabel(t, c.label, t.orders.channels),
    orders: c.orders,
    revenue: c.revenueCents / 100,
    revenueCents: c.revenueCents,
  }));

  const countColumns: TableColumn<CountRow>[] = [
    { header: t.dashboard.group, value: (r) => r.name },
    { header: t.dashboard.count, value: (r) => r.told, numeric: true },
  ];
  const orderMonthColumns: TableColumn<OrderMonthRow>[] = [
    { header: t.dashboard.month, value: (r) => r.name },
    { header: t.dashboard.orders, value: (r) => (r.orders === null ? t.dashboard.hiddenMonth : n(r.orders)), numeric: true },
    { header: t.dashboard.revenue, value: (r) => (r.revenueCents === null ? t.dashboard.hiddenMonth : euros(r.revenueCents)), numeric: true },
  ];
  const orderColumns: TableColumn<OrderRow>[] = [
    { header: t.dashboard.group, value: (r) => r.name },
    { header: t.dashboard.orders, value: (r) => n(r.orders), numeric: true },
    { header: t.dashboard.revenue, value: (r) => euros(r.revenueCents), numeric: true },
  ];
  const maxOf = <R,>(rows: R[], value: (r: R) => number | null) => integerTicks(Math.max(0, ...rows.map((r) => value(r) ?? 0)));
  const sourceAxis = maxOf(bySource, (r) => r.count);
  const cityAxis = maxOf(byCity, (r) => r.count);
  const monthOrdersAxis = maxOf(ordersPerMonth, (r) => r.orders);
  const channelOrdersAxis = maxOf(perChannel, (r) => r.orders);
  const tooltipMoney = (value: unknown, name: unknown) =>
    value == null ? t.dashboard.hiddenMonth : name === t.dashboard.revenue ? euros(Number(value) * 100) : n(Number(value));

  return (
    <>
      <p className="lead" data-testid="customer-total">
        {t.dashboard.customers(told(stats.customers))}
      </p>
      <p className="notice notice-info" data-testid="privacy-note">
        {t.dashboard.privacyNote(minimum)}
      </p>
      <div className="chart-grid">
        <ChartCard id="by-source" title={t.dashboard.bySource} rows={bySource} columns={countColumns}>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={bySource} layout="vertical" margin={{ left: 24 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} ticks={sourceAxis.ticks} domain={sourceAxis.domain} tickFormatter={n} />
              <YAxis type="category" dataKey="name" width={150} />
              <Tooltip formatter={(v) => n(Number(v))} />
              <Bar dataKey="count" name={t.dashboard.count} fill={COLOURS.customers} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard id="by-city" title={t.dashboard.byCity} rows={byCity} columns={countColumns}>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={byCity} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" interval={0} angle={-35} textAnchor="end" height={70} />
              <YAxis allowDecimals={false} ticks={cityAxis.ticks} domain={cityAxis.domain} tickFormatter={n} />
              <Tooltip formatter={(v) => n(Number(v))} />
              <Bar dataKey="count" name={t.dashboard.count} fill={COLOURS.customers} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <NewCustomersChart months={stats.newCustomersPerMonth ?? []} minimum={minimum} t={t} language={language} n={n} told={told} />

        <ChartCard
          id="orders-per-month"
          title={t.dashboard.ordersPerMonth}
          rows={ordersPerMonth}
          columns={orderMonthColumns}
          legend={
            hiddenOrderMonths || monthsWithoutOrders ? (
              <ul className="chart-legend muted" data-testid="orders-per-month-legend" style={{ listStyle: 'none', padding: 0, margin: '0.5rem 0 0' }}>
                {hiddenOrderMonths && (
                  <li>
                    <svg width="14" height="14" aria-hidden="true" className="swatch">
                      <rect width="14" height="14" fill="url(#orders-per-month-hatch)" stroke={COLOURS.hidden} />
                    </svg>{' '}
                    {t.dashboard.ordersHiddenLegend(minimum)}
                  </li>
                )}
                {monthsWithoutOrders && <li>{t.dashboard.ordersZeroLegend}</li>}
              </ul>
            ) : undefined
          }
          note={
            foldedOrders && foldedOrders.orders != null && foldedOrders.revenueCents != null
              ? t.dashboard.foldedMonths(`${t.dashboard.orderCount(n(foldedOrders.orders))} (${euros(foldedOrders.revenueCents)})`, minimum)
              : undefined
          }
        >
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <ComposedChart data={ordersPerMonth} accessibilityLayer={false}>
              <defs>
                <pattern id="orders-per-month-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill="#f3f4f6" />
                  <line x1="0" y1="0" x2="0" y2="6" stroke={COLOURS.hidden} strokeWidth="2" />
                </pattern>
              </defs>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" />
              {ordersPerMonth
                .filter((r) => r.folded)
                .map((r) => (
                  <ReferenceArea
                    key={r.name}
                    yAxisId="orders"
                    x1={r.name}
                    x2={r.name}
                    fill="url(#orders-per-month-hatch)"
                    fillOpacity={1}
                    stroke={COLOURS.hidden}
                    strokeOpacity={0.5}
                  />
                ))}
              <YAxis yAxisId="orders" allowDecimals={false} ticks={monthOrdersAxis.ticks} domain={monthOrdersAxis.domain} tickFormatter={n} />
              <YAxis yAxisId="revenue" orientation="right" tickFormatter={axisEuros} width={80} />
              <Tooltip formatter={tooltipMoney} />
              <Legend />
              {/* A zero is a sliver with "0" over it; a folded month (null) draws no bar. */}
              <Bar
                yAxisId="orders"
                dataKey="orders"
                name={t.dashboard.orders}
                fill={COLOURS.orders}
                isAnimationActive={false}
                minPointSize={(value) => (value === 0 ? 2 : 0)}
              >
                <LabelList dataKey="zero" position="top" />
              </Bar>
              <Line
                yAxisId="revenue"
                dataKey="revenue"
                name={t.dashboard.revenue}
                stroke={COLOURS.revenue}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard id="per-channel" title={t.dashboard.perChannel} rows={perChannel} columns={orderColumns}>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={perChannel} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" />
              <YAxis yAxisId="orders" allowDecimals={false} ticks={channelOrdersAxis.ticks} domain={channelOrdersAxis.domain} tickFormatter={n} />
              <YAxis yAxisId="revenue" orientation="right" tickFormatter={axisEuros} width={80} />
              <Tooltip formatter={tooltipMoney} />
              <Legend />
              <Bar yAxisId="orders" dataKey="orders" name={t.dashboard.orders} fill={COLOURS.orders} isAnimationActive={false} />
              <Bar yAxisId="revenue" dataKey="revenue" name={t.dashboard.revenue} fill={COLOURS.revenue} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <WebPageStatisticsCard />
      </div>
    </>
  );
}
