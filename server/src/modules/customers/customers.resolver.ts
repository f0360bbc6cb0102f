import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { actorOf, fieldMaskOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { MAX_PAGE_SIZE } from '../../graphql/connection';
import { CreateCustomerInput, UpdateCustomerInput } from './customer.inputs';
import { Customer, CustomerConnection } from './customer.type';

@ArgsType()
class CustomersArgs {
  @Field(() => Int, { defaultValue: 50 }) @Min(1) @Max(MAX_PAGE_SIZE) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => String, { nullable: true, description: 'Name fragment, email, organisation, customer number or phone digits.' })
  search?: string | null;
}

@Resolver(() => CustomerConnection)
export class CustomerConnectionResolver {
  @FieldResolver(() => Int, { description: 'How many customers you may see match, in all.' })
  totalCount(@Root() connection: CustomerConnection): Promise<number> {
    return connection.countVisible();
  }
}

@Resolver(() => Customer)
export class CustomersResolver {
  @Authorized()
  @Query(() => CustomerConnection)
  customers(@Args() args: CustomersArgs, @Ctx() ctx: RequestContext): Promise<CustomerConnection> {
    return ctx.services.customers.list(actorOf(ctx), fieldMaskOf(ctx), args);
  }

  @Authorized()
  @Query(() => Customer)
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Customer> {
    return ctx.services.customers.get(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => Customer)
  createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() ctx: RequestContext): Promise<Customer> {
    return ctx.services.customers.create(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => Customer, { description: 'A stale version answers CONFLICT and changes nothing.' })
  updateCustomer(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateCustomerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Customer> {
    return ctx.services.customers.update(actorOf(ctx), id, version, input);
  }
}
