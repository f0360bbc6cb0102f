import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';

export enum OrderChannel {
  STORE = 'STORE',
  WEB_SHOP = 'WEB_SHOP',
  RESELLER = 'RESELLER',
}
registerEnumType(OrderChannel, { name: 'OrderChannel', description: 'Where the order was placed (P7).' });

export enum OrderStatus {
  OPEN = 'OPEN',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });

/** Money is integer cents; VAT rates are basis points (25.5 % = 2550). Guarded: every field nullable. */
@ObjectType('OrderLine')
export class OrderLine {
  @Field(() => Int, { nullable: true }) position: number;
  @Field(() => String, { nullable: true }) sku: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => Int, { nullable: true }) quantity: number;
  @Field(() => Int, { nullable: true }) unitPriceCents: number;
  @Field(() => Int, { nullable: true, description: 'VAT rate in basis points: 2550 is 25.5 %.' }) vatRateBasisPoints: number;
  @Field(() => Int, { nullable: true }) netCents: number;
  @Field(() => Int, { nullable: true }) vatCents: number;
  @Field(() => Int, { nullable: true }) grossCents: number;
}

@ObjectType('Order', { description: 'A customer order (P1). Totals are computed on the server.' })
export class Order {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) orderNumber: string;
  @Field(() => OrderChannel, { nullable: true }) channel: OrderChannel;
  @Field(() => String, { nullable: true, description: 'Which store or reseller.' }) channelDetail: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) orderedAt: Date;
  @Field(() => OrderStatus, { nullable: true }) status: OrderStatus;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was delivered or cancelled.' }) closedAt: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Closed long enough ago to be archived: read-only (P1).' })
  archived: boolean;
  @Field(() => [OrderLine], { nullable: true }) lines: OrderLine[];
  @Field(() => Int, { nullable: true }) netCents: number;
  @Field(() => Int, { nullable: true }) vatCents: number;
  @Field(() => Int, { nullable: true }) grossCents: number;
  @Field(() => Int, { nullable: true }) version: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;

  customerId: string;
}

@ObjectType()
export class OrderEdge {
  @Field() cursor: string;
  @Field(() => Order) node: Order;
}

@ObjectType()
export class OrderConnection {
  @Field(() => [OrderEdge]) edges: OrderEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
