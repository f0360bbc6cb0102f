import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { ImportOptOutListInput, OptOutList, Prohibition, ProhibitionInput } from './prohibition.type';

@Resolver(() => Prohibition)
export class ProhibitionsResolver {
  @Authorized()
  @Query(() => [Prohibition], { description: "The customer's prohibition ledger, newest first." })
  prohibitionHistory(@Arg('customerId', () => GraphQLUUID) customerId: string, @Ctx() ctx: RequestContext): Promise<Prohibition[]> {
    return ctx.services.prohibitions.history(actorOf(ctx), customerId);
  }

  @Authorized()
  @Mutation(() => [Prohibition], { description: 'Records a customer\'s "no"; in force at once. Returns the prohibitions in force.' })
  recordProhibition(
    @Arg('customerId', () => GraphQLUUID) customerId: string,
    @Arg('input') input: ProhibitionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Prohibition[]> {
    return ctx.services.prohibitions.record(actorOf(ctx), customerId, input);
  }

  @Authorized()
  @Mutation(() => [Prohibition], { description: "Lifts a prohibition on the customer's own notice. Returns the prohibitions in force." })
  liftProhibition(
    @Arg('customerId', () => GraphQLUUID) customerId: string,
    @Arg('input') input: ProhibitionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Prohibition[]> {
    return ctx.services.prohibitions.lift(actorOf(ctx), customerId, input);
  }

  @Authorized()
  @Query(() => [OptOutList])
  optOutLists(@Ctx() ctx: RequestContext): Promise<OptOutList[]> {
    return ctx.services.optOutLists.list(actorOf(ctx));
  }

  @Authorized()
  @Mutation(() => OptOutList, { description: 'Imports an external opt-out list; the same name replaces the older list.' })
  importOptOutList(@Arg('input') input: ImportOptOutListInput, @Ctx() ctx: RequestContext): Promise<OptOutList> {
    return ctx.services.optOutLists.import(actorOf(ctx), input);
  }
}

@Resolver(() => Customer)
export class CustomerProhibitionsResolver {
  @FieldResolver(() => [Prohibition], { nullable: true, description: 'The prohibitions in force (P5, P15, P17).' })
  prohibitions(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<Prohibition[]> {
    return ctx.loaders.prohibitionsOf(customer.id);
  }
}
