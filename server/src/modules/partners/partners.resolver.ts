import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { accessibleWhere } from '../../auth/row-filter';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { Partner } from './partner.type';

@Resolver(() => Partner)
export class PartnersResolver {
  @Authorized()
  @Query(() => [Partner], { description: 'The partner firms you may see (P4).' })
  async partners(@Ctx() ctx: RequestContext): Promise<Partner[]> {
    const params: unknown[] = [];
    const filter = accessibleWhere(actorOf(ctx).ability, 'read', 'Partner', { id: 'id' }, params);
    return ctx.db.query(`SELECT id, name FROM partners WHERE ${filter} ORDER BY name`, params);
  }
}
