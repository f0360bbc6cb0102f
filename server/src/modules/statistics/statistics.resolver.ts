import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { Statistics } from './statistics.type';

@Resolver()
export class StatisticsResolver {
  @Authorized()
  @Query(() => Statistics, { description: 'Aggregates only, small groups folded (P2). Not for partners.' })
  statistics(@Ctx() ctx: RequestContext): Promise<Statistics> {
    return ctx.services.statistics.statistics(actorOf(ctx));
  }
}
