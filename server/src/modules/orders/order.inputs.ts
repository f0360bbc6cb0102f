import { ORDER_LIMITS } from '@rekisteri/schema';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { GraphQLCents, GraphQLUUID } from '../../graphql/scalars';
import type { NewOrder, OrderChanges, OrderLineEntry } from './order.model';
import { OrderChannel, OrderStatus } from './order.type';

/** Bounded (ORDER_LIMITS) so that every total is exact; the service checks the order's gross total too. */
@InputType()
export class OrderLineInput implements OrderLineEntry {
  @Field() @MaxLength(64) sku: string;
  @Field() @MaxLength(200) name: string;
  @Field(() => Int) @Min(1, { message: 'must be at least 1' }) @Max(ORDER_LIMITS.maxQuantity) quantity: number;
  @Field(() => GraphQLCents) @Min(0, { message: 'must not be negative' }) @Max(ORDER_LIMITS.maxUnitPriceCents) unitPriceCents: number;
  @Field(() => Int, { description: 'Basis points: 2550 is 25.5 %. One of the rates in force (`vatRates`).' })
  @Min(0)
  @Max(ORDER_LIMITS.maxVatRateBasisPoints)
  vatRateBasisPoints: number;
}

@InputType()
export class CreateOrderInput implements NewOrder {
  @Field(() => GraphQLUUID) customerId: string;
  @Field(() => OrderChannel) channel: OrderChannel;
  @Field(() => String, { nullable: true, description: 'Which store or reseller.' }) @IsOptional() @MaxLength(200) channelDetail?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Defaults to now.' }) orderedAt?: Date | null;
  @Field(() => [OrderLineInput], { description: 'At most 1,000,000,000.00 € in all (gross).' })
  @ArrayMinSize(1, { message: 'an order needs at least one line' })
  @ArrayMaxSize(ORDER_LIMITS.maxLines)
  @ValidateNested({ each: true })
  lines: OrderLineInput[];
}

/** Field names are the permission table's: a field the user may not change fails the mutation. */
@InputType()
export class UpdateOrderInput implements OrderChanges {
  @Field(() => OrderStatus, { nullable: true }) status?: OrderStatus | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) channelDetail?: string | null;
  @Field(() => [OrderLineInput], { nullable: true, description: 'Replaces the lines; only while the order is open.' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'an order needs at least one line' })
  @ArrayMaxSize(ORDER_LIMITS.maxLines)
  @ValidateNested({ each: true })
  lines?: OrderLineInput[] | null;
}
