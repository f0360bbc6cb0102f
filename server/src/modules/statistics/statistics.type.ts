import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLCents, KAnonymousCount } from '../../graphql/scalars';
import type {
  CountBucket as CountBucketModel,
  MonthChannelBucket as MonthChannelBucketModel,
  MonthCount as MonthCountModel,
  OrderBucket as OrderBucketModel,
  OrderMonth as OrderMonthModel,
  Statistics as StatisticsModel,
} from './statistics.model';

@ObjectType({ description: 'A group and how many people are in it. Groups under the threshold are folded into OTHER.' })
export class CountBucket implements CountBucketModel {
  @Field({ description: 'The group, or OTHER for the folded small groups.' }) label: string;
  @Field(() => KAnonymousCount, { description: 'Exact from 5 up; OTHER alone can be "fewer than 5", when every group is folded.' })
  count: KAnonymousCount;
}

@ObjectType({ description: 'A month of the range: every month is listed, in order, then OTHER when any month is folded.' })
export class MonthCount implements MonthCountModel {
  @Field({ description: 'YYYY-MM, or OTHER.' }) month: string;
  @Field(() => KAnonymousCount, {
    description: 'Exact from 5 up, or 0 when nobody joined; count and fewerThan both null when the month is folded into OTHER.',
  })
  count: KAnonymousCount;
  @Field({ description: 'Folded into OTHER: fewer than 5 joined, or the month is hidden beside such a month so that neither can be worked out.' })
  folded: boolean;
}

@ObjectType({ description: 'Orders of a group of at least 5 people; a smaller group is not shown at all.' })
export class OrderBucket implements OrderBucketModel {
  @Field({ description: 'YYYY-MM, a channel, or OTHER.' }) label: string;
  @Field(() => Int) orders: number;
  @Field(() => GraphQLCents, { description: 'Gross revenue in cents.' }) revenueCents: number;
}

@ObjectType({
  description: 'A month of the orders: every month of the range is listed, in order, then OTHER when the folded months are told together.',
})
export class OrderMonth implements OrderMonthModel {
  @Field({ description: 'YYYY-MM, or OTHER.' }) month: string;
  @Field(() => Int, { nullable: true, description: 'Orders of at least 5 people, or 0 for a month without orders; null when folded.' })
  orders: number | null;
  @Field(() => GraphQLCents, { nullable: true, description: 'Gross revenue in cents; null when folded.' }) revenueCents: number | null;
  @Field({ description: 'Folded into OTHER: fewer than 5 people ordered, or the month is hidden beside such a month.' })
  folded: boolean;
}

@ObjectType({ description: 'Orders of a month in a channel. A month is broken down by channel only when every channel of it has at least 5 people.' })
export class MonthChannelBucket implements MonthChannelBucketModel {
  @Field({ description: 'YYYY-MM, or OTHER.' }) month: string;
  @Field({ description: 'STORE, WEB_SHOP, RESELLER, or OTHER.' }) channel: string;
  @Field(() => Int) orders: number;
  @Field(() => GraphQLCents) revenueCents: number;
}

/** P2: aggregates only. No count about fewer people than `minimumGroupSize` is told. */
@ObjectType('Statistics')
export class Statistics implements StatisticsModel {
  @Field(() => Int, { nullable: true }) minimumGroupSize: number;
  @Field(() => KAnonymousCount, { nullable: true }) customers: KAnonymousCount;
  @Field(() => [CountBucket], { nullable: true }) customersBySource: CountBucket[];
  @Field(() => [CountBucket], { nullable: true, description: 'The 20 largest cities; the rest as OTHER.' }) customersByCity: CountBucket[];
  @Field(() => [MonthCount], { nullable: true, description: 'Every month of the last 24, oldest first, then OTHER when any is folded.' })
  newCustomersPerMonth: MonthCount[];
  @Field(() => [OrderBucket], { nullable: true }) ordersPerMonth: OrderBucket[];
  @Field(() => [OrderMonth], { nullable: true, description: 'Every month of the last 24, oldest first, then OTHER when any is folded.' })
  orderMonths: OrderMonth[];
  @Field(() => [OrderBucket], { nullable: true }) ordersPerChannel: OrderBucket[];
  @Field(() => [MonthChannelBucket], { nullable: true }) ordersPerMonthAndChannel: MonthChannelBucket[];
}
