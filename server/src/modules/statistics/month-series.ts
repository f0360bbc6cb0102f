import { K_ANONYMITY, kAnonymous } from '../../auth/authorize';
import { foldSmallGroups, mostInOneFolded, OTHER, type Group } from './k-anonymous-groups';
import type { MonthCount, OrderMonth } from './statistics.model';

/** The customers who joined outside the months of the series (before them): never shown, folded when small. */
const OUTSIDE = 'OUTSIDE';

const ZERO = { count: 0, fewerThan: null };
/** A folded month is told neither as a number nor as "fewer than K": it may be a large month hidden beside a small one. */
const UNTOLD = { count: null, fewerThan: null };

/**
 * P2: new customers per month as a chart reads them: every month of the range, in order, each told as
 * exactly K or more, as zero, or as folded into OTHER; then OTHER (if any month is folded).
 *
 * Zero is told as zero: it describes nobody, and a chart that leaves the month out draws its
 * neighbours together. But telling the zeros tells which months OTHER is made of, and that each of
 * them holds somebody; against OTHER and the customer total that could pin a small month down, so:
 * - the customers who joined before the range (the total less every month) are a group too, folded
 *   when small, or the total less the months would give them away;
 * - OTHER must leave room for K people in any one folded month (`eachHoldsSomeone`): five folded
 *   months and OTHER of five would say one each; the smallest shown month is folded until it does;
 * - every folded month is told alike (not "fewer than K" for the small ones and hidden for the large
 *   ones folded beside them: OTHER of six, one month under five, one hidden, would make them 1 and 5);
 * - when even folding every month leaves no such room (a register with a handful of customers), the
 *   zeros are folded too and the series tells no more than the folded groups did before.
 */
export async function monthSeries(months: readonly Group[], total: number): Promise<MonthCount[]> {
  const outside = total - months.reduce((n, m) => n + m.people, 0);
  const groups: Group[] = months.filter((m) => m.people > 0);
  if (outside > 0) groups.push({ label: OUTSIDE, people: outside });
  const { shown, folded, otherPeople } = await foldSmallGroups(groups, { eachHoldsSomeone: true });
  const tellZeros = folded.length === 0 || mostInOneFolded(otherPeople, folded.length) >= K_ANONYMITY;
  const shownPeople = new Map(shown.map((g) => [g.label, g.people]));
  const series: MonthCount[] = months.map((m) => {
    const people = shownPeople.get(m.label);
    if (people !== undefined) return { month: m.label, count: kAnonymous(people), folded: false };
    if (m.people === 0 && tellZeros) return { month: m.label, count: ZERO, folded: false };
    return { month: m.label, count: UNTOLD, folded: true };
  });
  if (folded.length > 0) series.push({ month: OTHER, count: kAnonymous(otherPeople), folded: false });
  return series;
}

/** A month's orders as `foldSmallGroups` left them: shown ones and folded ones, with the distinct people of the folded. */
export interface FoldedOrderMonths<T extends Group & { orders: number; revenueCents: number }> {
  shown: T[];
  folded: T[];
  otherPeople: number;
}

/**
 * P2: the orders per month as a chart reads them: every month of `range` (and of any order after it), in order, each
 * with its orders when it was shown, as zero when it had none, or folded; then OTHER with the folded months' orders
 * when they are told (K people or more in all). The months must have been folded with `eachHoldsSomeone` (the zeros
 * tell that every folded month holds somebody). As for new customers, the zeros are told only while OTHER leaves room
 * for K people in any one folded month; otherwise every month not shown is told alike, as folded.
 */
export function orderMonthSeries<T extends Group & { orders: number; revenueCents: number }>(
  range: readonly string[],
  { shown, folded, otherPeople }: FoldedOrderMonths<T>,
): OrderMonth[] {
  const shownMonths = new Map(shown.map((g) => [g.label, g]));
  const otherTold = folded.length > 0 && otherPeople >= K_ANONYMITY;
  const tellZeros = folded.length === 0 || (otherTold && mostInOneFolded(otherPeople, folded.length) >= K_ANONYMITY);
  const months = [...new Set([...range, ...shown.map((g) => g.label), ...folded.map((g) => g.label)])].sort();
  const series: OrderMonth[] = months.map((month) => {
    const group = shownMonths.get(month);
    if (group) return { month, orders: group.orders, revenueCents: group.revenueCents, folded: false };
    const empty = !folded.some((g) => g.label === month);
    if (empty && tellZeros) return { month, orders: 0, revenueCents: 0, folded: false };
    return { month, orders: null, revenueCents: null, folded: true };
  });
  if (otherTold) {
    series.push({
      month: OTHER,
      orders: folded.reduce((n, g) => n + g.orders, 0),
      revenueCents: folded.reduce((n, g) => n + g.revenueCents, 0),
      folded: false,
    });
  }
  return series;
}
