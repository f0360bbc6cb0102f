import { Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { MAX_PAGE_SIZE } from '../../graphql/connection';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { Invoice } from '../invoices/invoice.type';
import { CreateOrderInput, UpdateOrderInput } from './order.inputs';
import { Order, OrderConnection } from './order.type';

@ArgsType()
export class ChildPageArgs {
  @Field(() => Int, { defaultValue: 5 }) @Min(1) @Max(MAX_PAGE_SIZE) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver(() => Order)
export class OrdersResolver {
  @Authorized()
  @Query(() => Order)
  order(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.get(actorOf(ctx), id);
  }

  @Authorized()
  @Query(() => [Int], { description: 'The VAT rates in force (VAT_RATES), in basis points (2550 is 25.5 %): an order line takes one of them (P1).' })
  vatRates(@Ctx() ctx: RequestContext): number[] {
    return ctx.services.orders.vatRates(actorOf(ctx));
  }

  @Authorized()
  @Mutation(() => Order, {
    description:
      'Totals are computed on the server from the lines; an order totals at most 1,000,000,000.00 €. A restricted customer (GDPR 18) answers RESTRICTED.',
  })
  createOrder(@Arg('input') input: CreateOrderInput, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.create(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => Order, {
    description: 'An archived order answers FORBIDDEN; a stale version CONFLICT; a restricted customer RESTRICTED, unless a privacy officer gives a reason.',
  })
  updateOrder(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateOrderInput,
    @Arg('reason', () => String, {
      nullable: true,
      description: 'Why the change is made: required for a restricted customer (GDPR 18); recorded in the audit trail.',
    })
    reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Order> {
    return ctx.services.orders.update(actorOf(ctx), id, version, input, reason);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<Customer> {
    return ctx.services.customers.get(actorOf(ctx), order.customerId);
  }

  @FieldResolver(() => [Invoice], { nullable: true })
  invoices(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<Invoice[]> {
    return ctx.loaders.invoicesOfOrder(order.id);
  }
}

@Resolver(() => Customer)
export class CustomerOrdersResolver {
  @FieldResolver(() => OrderConnection, { nullable: true, description: 'Newest first (P1).' })
  orders(@Root() customer: Customer, @Args() { first, after }: ChildPageArgs, @Ctx() ctx: RequestContext): Promise<OrderConnection> {
    return ctx.loaders.ordersOfCustomer({ customerId: customer.id, first, after: after ?? null });
  }
}
