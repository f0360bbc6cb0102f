import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { OrderChannel, OrderStatus } from './order.type';

@InputType()
export class OrderLineInput {
  @Field() @MaxLength(64) sku: string;
  @Field() @MaxLength(200) name: string;
  @Field(() => Int) @Min(1, { message: 'must be at least 1' }) @Max(1_000_000) quantity: number;
  @Field(() => Int) @Min(0, { message: 'must not be negative' }) @Max(100_000_000) unitPriceCents: number;
  @Field(() => Int, { description: 'Basis points: 2550 is 25.5 %.' }) @Min(0) @Max(10_000) vatRateBasisPoints: number;
}

@InputType()
export class CreateOrderInput {
  @Field(() => ID) customerId: string;
  @Field(() => OrderChannel) channel: OrderChannel;
  @Field(() => String, { nullable: true, description: 'Which store or reseller.' }) @IsOptional() @MaxLength(200) channelDetail?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Defaults to now.' }) orderedAt?: Date | null;
  @Field(() => [OrderLineInput]) @ArrayMinSize(1, { message: 'an order needs at least one line' }) @ArrayMaxSize(500) @ValidateNested({ each: true })
  lines: OrderLineInput[];
}

/** Field names are the permission table's: a field the user may not change fails the mutation. */
@InputType()
export class UpdateOrderInput {
  @Field(() => OrderStatus, { nullable: true }) status?: OrderStatus | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) channelDetail?: string | null;
  @Field(() => [OrderLineInput], { nullable: true, description: 'Replaces the lines; only while the order is open.' })
  @IsOptional() @ArrayMinSize(1, { message: 'an order needs at least one line' }) @ArrayMaxSize(500) @ValidateNested({ each: true })
  lines?: OrderLineInput[] | null;
}
