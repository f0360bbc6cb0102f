import { Max, Min } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import { actorOf } from '../graphql/actor';
import type { RequestContext } from '../graphql/context';
import { MAX_PAGE_SIZE } from '../graphql/connection';
import { AuditEventConnection, AuditEventFilter } from './audit.type';

@ArgsType()
class AuditEventsArgs {
  @Field(() => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter | null;
  @Field(() => Int, { defaultValue: 50 }) @Min(1) @Max(MAX_PAGE_SIZE) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver()
export class AuditResolver {
  @Authorized()
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (ADMIN, PRIVACY_OFFICER).' })
  auditEvents(@Args() args: AuditEventsArgs, @Ctx() ctx: RequestContext): Promise<AuditEventConnection> {
    return ctx.services.auditLog.list(actorOf(ctx), args.filter, args.first, args.after);
  }
}
