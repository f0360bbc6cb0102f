import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { CustomerMerge, MergeCustomersInput, MergedCustomerRef } from './customer-merge.type';

@Resolver(() => CustomerMerge)
export class CustomerMergeResolver {
  @Authorized()
  @Mutation(() => Customer, {
    description: 'P6: merges two records of one person: the older number kept, history moved to it, the chosen fields taken; answers the kept record.',
  })
  mergeCustomers(@Arg('input') input: MergeCustomersInput, @Ctx() ctx: RequestContext): Promise<Customer> {
    return ctx.services.customerMerge.merge(actorOf(ctx), input) as Promise<Customer>;
  }

  @Authorized()
  @Query(() => [CustomerMerge], { description: 'The merges a customer took part in, newest first (a merged record leads to the kept one).' })
  customerMerges(@Arg('customerId', () => GraphQLUUID) customerId: string, @Ctx() ctx: RequestContext): Promise<CustomerMerge[]> {
    return ctx.services.customerMerge.mergesOf(actorOf(ctx), customerId);
  }
}

@Resolver(() => Customer)
export class CustomerMergedIntoResolver {
  @FieldResolver(() => MergedCustomerRef, {
    nullable: true,
    description: 'P6: the customer this record was merged into (the record stays, emptied, for the ledgers); null when it was not.',
  })
  mergedInto(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<MergedCustomerRef | null> {
    return ctx.services.customerMerge.mergedInto(actorOf(ctx), customer);
  }
}
