import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { OptOutListImport, StartOptOutListImportInput } from './opt-out-list-import.type';
import { importView } from './prohibition.model';
import { ImportOptOutListInput, OptOutList, Prohibition, ProhibitionInput } from './prohibition.type';

@Resolver(() => Prohibition)
export class ProhibitionsResolver {
  @Authorized()
  @Query(() => [Prohibition], { description: "The customer's prohibition ledger, newest first." })
  prohibitionHistory(@Arg('customerId', () => GraphQLUUID) customerId: string, @Ctx() ctx: RequestContext): Promise<Prohibition[]> {
    return ctx.services.prohibitions.history(actorOf(ctx), customerId);
  }

  @Authorized()
  @Mutation(() => [Prohibition], {
    description:
      'Records a customer\'s "no"; in force at once. Returns the prohibitions in force. A "no" in force already (same kind and channel) is refused with ALREADY_IN_FORCE and appends nothing.',
  })
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
  @Query(() => OptOutListImport, { description: 'How far an import of an opt-out list has come, or how it ended.' })
  async optOutListImport(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<OptOutListImport> {
    return importView(await ctx.services.optOutLists.progress(actorOf(ctx), id));
  }

  @Authorized()
  @Mutation(() => OptOutListImport, {
    description: 'Starts the import of an opt-out list file: the details are checked now, the file follows as a PUT to uploadPath.',
  })
  async startOptOutListImport(@Arg('input') input: StartOptOutListImportInput, @Ctx() ctx: RequestContext): Promise<OptOutListImport> {
    return importView(await ctx.services.optOutLists.start(actorOf(ctx), input));
  }

  @Authorized()
  @Mutation(() => OptOutListImport, {
    description: 'Imports a small opt-out list sent as CSV text; the same name replaces the older list. Files go through startOptOutListImport.',
  })
  async importOptOutList(@Arg('input') input: ImportOptOutListInput, @Ctx() ctx: RequestContext): Promise<OptOutListImport> {
    return importView(await ctx.services.optOutLists.import(actorOf(ctx), input));
  }
}

@Resolver(() => Customer)
export class CustomerProhibitionsResolver {
  @FieldResolver(() => [Prohibition], { nullable: true, description: 'The prohibitions in force (P5, P15, P17).' })
  prohibitions(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<Prohibition[]> {
    return ctx.loaders.prohibitionsOf(customer.id);
  }
}
