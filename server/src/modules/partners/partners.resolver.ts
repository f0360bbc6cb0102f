import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { visibleWhere } from '../../auth/authorize';
import { Params } from '../../db/sql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { Partner } from './partner.type';

@Resolver(() => Partner)
export class PartnersResolver {
  @Authorized()
  @Query(() => [Partner], { description: 'The partner firms you may see (P4).' })
  async partners(@Ctx() ctx: RequestContext): Promise<Partner[]> {
    const params: unknown[] = [];
    const filter = visibleWhere(actorOf(ctx), 'Partner', new Params(params), 'p');
    return ctx.db.query(`SELECT p.id, p.name FROM partners p WHERE ${filter} ORDER BY name`, params);
  }
}
