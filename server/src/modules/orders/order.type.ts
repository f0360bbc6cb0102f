import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { GraphQLCents } from '../../graphql/scalars';
import { OrderChannel, OrderStatus, type Order as OrderModel, type OrderLine as OrderLineModel } from './order.model';

export { OrderChannel, OrderStatus };
registerEnumType(OrderChannel, { name: 'OrderChannel', description: 'Where the order was placed (P7).' });
registerEnumType(OrderStatus, { name: 'OrderStatus' });

/** Money is integer cents (a safe integer, never a 32-bit Int); VAT rates are basis points (25.5 % = 2550). Guarded: every field nullable. */
@ObjectType('OrderLine', { simpleResolvers: true })
export class OrderLine implements OrderLineModel {
  @Field(() => Int, { nullable: true }) position: number;
  @Field(() => String, { nullable: true }) sku: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => Int, { nullable: true }) quantity: number;
  @Field(() => GraphQLCents, { nullable: true }) unitPriceCents: number;
  @Field(() => Int, { nullable: true, description: 'VAT rate in basis points: 2550 is 25.5 %.' }) vatRateBasisPoints: number;
  @Field(() => GraphQLCents, { nullable: true }) netCents: number;
  @Field(() => GraphQLCents, { nullable: true }) vatCents: number;
  @Field(() => GraphQLCents, { nullable: true }) grossCents: number;
}

@ObjectType('Order', { description: 'A customer order (P1). Totals are computed on the server.', simpleResolvers: true })
export class Order implements OrderModel {
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
  @Field(() => GraphQLCents, { nullable: true }) netCents: number;
  @Field(() => GraphQLCents, { nullable: true }) vatCents: number;
  @Field(() => GraphQLCents, { nullable: true }) grossCents: number;
  @Field(() => Int, { nullable: true }) version: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;

  customerId: string;
}

@ObjectType({ simpleResolvers: true })
export class OrderEdge {
  @Field() cursor: string;
  @Field(() => Order) node: Order;
}

@ObjectType({ simpleResolvers: true })
export class OrderConnection {
  @Field(() => [OrderEdge]) edges: OrderEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
