import type { KCount } from '../../auth/authorize';

/**
 * The statistics as the service builds them (P2): aggregates only, every count about people
 * k-anonymous. Plain interfaces, no GraphQL (`statistics.type.ts` gives them their GraphQL shape).
 */

/** A group and how many people are in it; the groups under the threshold are folded into OTHER. */
export interface CountBucket {
  /** The group, or OTHER for the folded small groups. */
  label: string;
  count: KCount;
}

/** A month of the range (every one, in order, zero when nobody joined), then OTHER when any month is folded. */
export interface MonthCount {
  /** YYYY-MM, or OTHER. */
  month: string;
  /** Exact from K up, or 0; both null when the month is folded. */
  count: KCount;
  /** Folded into OTHER: fewer than K joined, or the month is hidden beside such a month (see month-series.ts). */
  folded: boolean;
}

/** Orders of a group of at least K people; a smaller group is not shown at all. */
export interface OrderBucket {
  /** YYYY-MM, a channel, or OTHER. */
  label: string;
  orders: number;
  /** Gross revenue in cents. */
  revenueCents: number;
}

/**
 * A month of the orders' range (every one, in order, with the months of any order after it), then OTHER when a
 * folded month's orders are told together: a month's orders of K people or more, zero for a month without orders, or
 * no numbers for a folded month.
 */
export interface OrderMonth {
  /** YYYY-MM, or OTHER. */
  month: string;
  /** Null when folded. */
  orders: number | null;
  /** Gross revenue in cents; null when folded. */
  revenueCents: number | null;
  folded: boolean;
}

/** Orders of a month in a channel, broken down only when every channel of the month has at least K people. */
export interface MonthChannelBucket {
  /** YYYY-MM, or OTHER. */
  month: string;
  /** STORE, WEB_SHOP, RESELLER, or OTHER. */
  channel: string;
  orders: number;
  revenueCents: number;
}

export interface Statistics {
  minimumGroupSize: number;
  customers: KCount;
  customersBySource: CountBucket[];
  /** The largest cities; the rest as OTHER. */
  customersByCity: CountBucket[];
  newCustomersPerMonth: MonthCount[];
  ordersPerMonth: OrderBucket[];
  orderMonths: OrderMonth[];
  ordersPerChannel: OrderBucket[];
  ordersPerMonthAndChannel: MonthChannelBucket[];
}
