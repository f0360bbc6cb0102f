import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { Partner } from './partner.type';

@Resolver(() => Partner)
export class PartnersResolver {
  @Authorized()
  @Query(() => [Partner], { description: 'The partner firms you may see (P4).' })
  partners(@Ctx() ctx: RequestContext): Promise<Partner[]> {
    return ctx.services.partners.list(actorOf(ctx));
  }
}
