import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { RetentionProposal, RetentionProposalList } from './retention-schedule.type';

@Resolver(() => RetentionProposal)
export class RetentionScheduleResolver {
  @Authorized()
  @Query(() => RetentionProposalList, { description: 'P10: open proposals of the retention schedule (privacy officers).' })
  async retentionProposals(@Ctx() ctx: RequestContext): Promise<RetentionProposalList> {
    const { items, total } = await ctx.services.retentionSchedule.proposals(actorOf(ctx));
    return Object.assign(new RetentionProposalList(), { items: items.map(RetentionProposal.from), total });
  }

  @Authorized()
  @Mutation(() => RetentionProposal, {
    description: "P10: accepts the proposal: starts the controller's own erasure of the customer (a request on the queue, holds apply).",
  })
  async acceptRetentionProposal(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: RequestContext,
  ): Promise<RetentionProposal> {
    return RetentionProposal.from(await ctx.services.retentionSchedule.accept(actorOf(ctx), id, version));
  }

  @Authorized()
  @Mutation(() => RetentionProposal, { description: 'P10: keeps the customer, with a reason; proposed again after another full period.' })
  async keepRetentionProposal(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RetentionProposal> {
    return RetentionProposal.from(await ctx.services.retentionSchedule.keep(actorOf(ctx), id, version, reason));
  }
}
