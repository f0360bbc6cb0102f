import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { RegisterConfig, RegisterConfigInput } from './register-config.type';

@Resolver(() => RegisterConfig)
export class RegisterConfigResolver {
  @Authorized()
  @Query(() => RegisterConfig, { description: 'P18: the register configuration (administrators and privacy officers).' })
  async registerConfig(@Ctx() ctx: RequestContext): Promise<RegisterConfig> {
    return RegisterConfig.from(await ctx.services.registerConfig.get(actorOf(ctx)));
  }

  @Authorized()
  @Mutation(() => RegisterConfig, { description: 'Administrators only. A stale version gives CONFLICT and changes nothing; every change is audited.' })
  async updateRegisterConfig(
    @Arg('version', () => Int) version: number,
    @Arg('input') input: RegisterConfigInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RegisterConfig> {
    return RegisterConfig.from(await ctx.services.registerConfig.update(actorOf(ctx), version, input));
  }
}
