import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { ChildPageArgs } from '../orders/orders.resolver';
import { Order } from '../orders/order.type';
import { CreateInvoiceInput, UpdateInvoiceInput } from './invoice.inputs';
import { Invoice, InvoiceConnection } from './invoice.type';

@Resolver(() => Invoice)
export class InvoicesResolver {
  @Authorized()
  @Query(() => Invoice)
  invoice(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<Invoice> {
    return ctx.services.invoices.get(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => Invoice, {
    description:
      "The amount is the order's total. One live (not credited) invoice per order: another answers CONFLICT. An archived order FORBIDDEN; a restricted customer RESTRICTED.",
  })
  createInvoice(@Arg('input') input: CreateInvoiceInput, @Ctx() ctx: RequestContext): Promise<Invoice> {
    return ctx.services.invoices.create(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => Invoice, {
    description:
      "An archived order's invoice answers FORBIDDEN; a stale version CONFLICT; a restricted customer RESTRICTED, unless a privacy officer gives a reason.",
  })
  updateInvoice(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateInvoiceInput,
    @Arg('reason', () => String, {
      nullable: true,
      description: 'Why the change is made: required for a restricted customer (GDPR 18); recorded in the audit trail.',
    })
    reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Invoice> {
    return ctx.services.invoices.update(actorOf(ctx), id, version, input, reason);
  }

  @FieldResolver(() => Order, { nullable: true })
  order(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.get(actorOf(ctx), invoice.orderId);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<Customer> {
    return ctx.services.customers.get(actorOf(ctx), invoice.customerId);
  }
}

@Resolver(() => Customer)
export class CustomerInvoicesResolver {
  @FieldResolver(() => InvoiceConnection, { nullable: true, description: 'Newest first (P1).' })
  invoices(@Root() customer: Customer, @Args() { first, after }: ChildPageArgs, @Ctx() ctx: RequestContext): Promise<InvoiceConnection> {
    return ctx.loaders.invoicesOfCustomer({ customerId: customer.id, first, after: after ?? null });
  }
}
