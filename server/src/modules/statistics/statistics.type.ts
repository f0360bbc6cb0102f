import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A group and how many people are in it. Groups under the threshold are folded into OTHER.' })
export class CountBucket {
  @Field({ description: 'The group, or OTHER for the folded small groups.' }) label: string;
  @Field(() => Int) count: number;
}

@ObjectType()
export class MonthCount {
  @Field({ description: 'YYYY-MM, or OTHER.' }) month: string;
  @Field(() => Int) count: number;
}

@ObjectType()
export class OrderBucket {
  @Field({ description: 'YYYY-MM, a channel, or OTHER.' }) label: string;
  @Field(() => Int) orders: number;
  @Field(() => GraphQLSafeInt, { description: 'Gross revenue in cents.' }) revenueCents: number;
}

@ObjectType()
export class MonthChannelBucket {
  @Field({ description: 'YYYY-MM.' }) month: string;
  @Field({ description: 'STORE, WEB_SHOP, RESELLER, or OTHER.' }) channel: string;
  @Field(() => Int) orders: number;
  @Field(() => GraphQLSafeInt) revenueCents: number;
}

/** P2: aggregates only. No group of fewer people than `minimumGroupSize` is shown on its own. */
@ObjectType('Statistics')
export class Statistics {
  @Field(() => Int, { nullable: true }) minimumGroupSize: number;
  @Field(() => Int, { nullable: true }) customers: number;
  @Field(() => [CountBucket], { nullable: true }) customersBySource: CountBucket[];
  @Field(() => [CountBucket], { nullable: true, description: 'The 20 largest cities; the rest as OTHER.' }) customersByCity: CountBucket[];
  @Field(() => [MonthCount], { nullable: true }) newCustomersPerMonth: MonthCount[];
  @Field(() => [OrderBucket], { nullable: true }) ordersPerMonth: OrderBucket[];
  @Field(() => [OrderBucket], { nullable: true }) ordersPerChannel: OrderBucket[];
  @Field(() => [MonthChannelBucket], { nullable: true }) ordersPerMonthAndChannel: MonthChannelBucket[];
}
