import type { CookieOptions } from 'express';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../graphql/actor';
import type { RequestContext } from '../graphql/context';
import { Me } from '../modules/users/user.type';
import { fieldMaskFor, type Actor } from './actor';
import { SESSION } from './auth-checker';
import { sessionCookieName } from './sessions';

const cookieName = (ctx: RequestContext) => sessionCookieName(ctx.config.session.cookieSecure);

function cookieOptions(ctx: RequestContext): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: ctx.config.session.cookieSecure, path: '/' };
}

/** From here on the request acts as this actor (their field mask too). */
function actAs(ctx: RequestContext, actor: Actor): void {
  ctx.actor = actor;
  ctx.fieldMask = fieldMaskFor(actor);
}

@Resolver()
export class AuthResolver {
  @Query(() => Me, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: RequestContext): Promise<Me> | null {
    return ctx.actor ? ctx.services.auth.me(ctx.actor) : null;
  }

  @Mutation(() => Me, { description: 'Signs in with a new session id; sets an httpOnly session cookie.' })
  async login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: RequestContext): Promise<Me> {
    const previous = ctx.req.cookies?.[cookieName(ctx)];
    const { token, actor } = await ctx.services.auth.login(username, password, ctx.req.ip);
    if (previous) await ctx.services.auth.logout(null, previous);
    ctx.res.cookie(cookieName(ctx), token, { ...cookieOptions(ctx), maxAge: ctx.config.session.absoluteMs });
    actAs(ctx, actor);
    return ctx.services.auth.me(actor);
  }

  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.auth.logout(ctx.actor, ctx.req.cookies?.[cookieName(ctx)]);
    ctx.res.clearCookie(cookieName(ctx), cookieOptions(ctx));
    ctx.actor = null;
    return true;
  }

  @Authorized(SESSION)
  @Mutation(() => Me, { description: 'Acknowledges the confidentiality commitment of the given version (P11, P12).' })
  async acceptConfidentiality(@Arg('version') version: string, @Ctx() ctx: RequestContext): Promise<Me> {
    const actor = await ctx.services.auth.acceptConfidentiality(actorOf(ctx), version);
    actAs(ctx, actor);
    return ctx.services.auth.me(actor);
  }

  @Authorized(SESSION)
  @Mutation(() => Me)
  async changePassword(@Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string, @Ctx() ctx: RequestContext): Promise<Me> {
    const actor = await ctx.services.auth.changePassword(actorOf(ctx), currentPassword, newPassword);
    actAs(ctx, actor);
    return ctx.services.auth.me(actor);
  }
}
