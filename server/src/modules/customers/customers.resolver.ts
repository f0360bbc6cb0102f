import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { actorOf } from '../../graphql/actor';
import { pageConsultation } from '../../graphql/consultation';
import type { RequestContext } from '../../graphql/context';
import { COUNT_CAP, MAX_PAGE_SIZE } from '../../graphql/connection';
import { GraphQLUUID } from '../../graphql/scalars';
import { selectedFieldsAt } from '../../graphql/selection';
import { ProvenanceInput } from '../provenance/provenance.type';
import { CreateCustomerInput, CustomerFilter, UpdateCustomerInput } from './customer.inputs';
import { Customer, CustomerConnection, CustomerOrder } from './customer.type';

const NODE_PATH = ['edges', 'node'];

@ArgsType()
class CustomersArgs {
  @Field(() => Int, { defaultValue: 50 }) @Min(1) @Max(MAX_PAGE_SIZE) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => String, { nullable: true, description: 'The page before this cursor (an edge cursor of the page shown): the previous page. Not with after.' })
  before?: string | null;
  @Field(() => String, { nullable: true, description: 'Name fragment, email, organisation, customer number or phone digits.' })
  search?: string | null;
  @Field(() => CustomerFilter, { nullable: true }) filter?: CustomerFilter | null;
  @Field(() => CustomerOrder, { defaultValue: CustomerOrder.CUSTOMER_NUMBER }) orderBy: CustomerOrder;
}

@Resolver(() => CustomerConnection)
export class CustomerConnectionResolver {
  @FieldResolver(() => Int, {
    description: `How many customers you may see match: exact up to ${COUNT_CAP.toLocaleString('en')}; when totalCountCapped is true, more than this.`,
  })
  async totalCount(@Root() connection: CustomerConnection): Promise<number> {
    return (await connection.countVisible()).count;
  }

  @FieldResolver(() => Boolean, {
    description: `True when more than ${COUNT_CAP.toLocaleString('en')} customers match: totalCount is then the cap, not the number.`,
  })
  async totalCountCapped(@Root() connection: CustomerConnection): Promise<boolean> {
    return (await connection.countVisible()).capped;
  }
}

@Resolver(() => Customer)
export class CustomersResolver {
  @Authorized()
  @Query(() => CustomerConnection)
  async customers(@Args() args: CustomersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<CustomerConnection> {
    // The fields each customer of the page shows: the read takes only their columns and logs the personal ones.
    const selected = selectedFieldsAt(info, NODE_PATH);
    // A count asked with the page is read by the page's own statement where it can be (one round trip).
    const top = selectedFieldsAt(info, []);
    const withCount = top !== undefined && (top.has('totalCount') || top.has('totalCountCapped'));
    const page = await ctx.services.customers.list(actorOf(ctx), args, pageConsultation(ctx, selected), selected, { withCount });
    if (page.consulted) ctx.readLog.cover(page.consulted.customerIds, page.consulted.fields);
    return page;
  }

  @Authorized()
  @Query(() => Customer)
  customer(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<Customer> {
    return ctx.services.customers.get(actorOf(ctx), id);
  }

  @Authorized()
  @Query(() => [Customer], { description: 'Customers you may see who share this email or phone.' })
  possibleDuplicates(
    @Arg('email', () => String, { nullable: true }) email: string | null,
    @Arg('phone', () => String, { nullable: true }) phone: string | null,
    @Arg('excludeId', () => GraphQLUUID, { nullable: true }) excludeId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Customer[]> {
    return ctx.services.customers.possibleDuplicates(actorOf(ctx), email, phone, excludeId);
  }

  @Authorized()
  @Mutation(() => Customer, { description: 'A shared email or phone answers POSSIBLE_DUPLICATE unless confirmed.' })
  createCustomer(
    @Arg('input') input: CreateCustomerInput,
    @Arg('source', () => ProvenanceInput, { nullable: true, description: 'Where the data came from; STAFF_ENTRY if not given.' })
    source: ProvenanceInput | null,
    @Arg('confirmDuplicates', { defaultValue: false }) confirmDuplicates: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<Customer> {
    return ctx.services.customers.create(actorOf(ctx), input, { source, confirmDuplicates });
  }

  @Authorized()
  @Mutation(() => Customer, {
    description: 'A stale version answers CONFLICT and changes nothing; a restricted customer RESTRICTED, unless a privacy officer gives a reason.',
  })
  updateCustomer(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateCustomerInput,
    @Arg('source', () => ProvenanceInput, { nullable: true, description: 'Where the new values came from; STAFF_ENTRY if not given.' })
    source: ProvenanceInput | null,
    @Arg('confirmDuplicates', { defaultValue: false }) confirmDuplicates: boolean,
    @Arg('reason', () => String, {
      nullable: true,
      description: 'Why the change is made: required for a restricted customer (GDPR 18); recorded in the audit trail.',
    })
    reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Customer> {
    return ctx.services.customers.update(actorOf(ctx), id, version, input, { source, confirmDuplicates, reason });
  }
}
