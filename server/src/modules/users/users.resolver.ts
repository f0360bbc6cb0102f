import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { CreateUserInput } from './user.inputs';
import { CreatedUser, Role, User } from './user.type';
import type { Role as RoleName } from '@rekisteri/schema';

@Resolver(() => User)
export class UsersResolver {
  @Authorized()
  @Query(() => [User])
  users(@Ctx() ctx: RequestContext): Promise<User[]> {
    return ctx.services.users.list(actorOf(ctx));
  }

  @Authorized()
  @Mutation(() => CreatedUser)
  createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: RequestContext): Promise<CreatedUser> {
    return ctx.services.users.create(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => User)
  setUserRoles(@Arg('id', () => GraphQLUUID) id: string, @Arg('roles', () => [Role]) roles: RoleName[], @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.users.setRoles(actorOf(ctx), id, roles);
  }

  @Authorized()
  @Mutation(() => User, { description: 'P4: the partner firm a PARTNER account works for; the row rule follows it at the next request.' })
  assignUserPartner(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('partnerId', () => GraphQLUUID) partnerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<User> {
    return ctx.services.users.assignPartner(actorOf(ctx), id, partnerId);
  }

  @Authorized()
  @Mutation(() => User, { description: "Ends the user's sessions at once." })
  deactivateUser(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.users.deactivate(actorOf(ctx), id);
  }
}
