import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { CustomerWebActivity, WebPageStatistics } from './web-events.type';

@Resolver()
export class WebEventsResolver {
  @Authorized()
  @Query(() => CustomerWebActivity, { description: 'A customer’s consents, page views and forms on the company’s site (P13).' })
  customerWebActivity(@Arg('customerId', () => GraphQLUUID) customerId: string, @Ctx() ctx: RequestContext): Promise<CustomerWebActivity> {
    return ctx.services.webEvents.activity(actorOf(ctx), customerId);
  }

  @Authorized()
  @Query(() => WebPageStatistics, { description: 'Page statistics of the site, small groups folded (P2, P13).' })
  webPageStatistics(@Ctx() ctx: RequestContext): Promise<WebPageStatistics> {
    return ctx.services.webPageStatistics.statistics(actorOf(ctx));
  }
}
