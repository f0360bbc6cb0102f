import { Max, Min } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../modules/customers/customer.type';
import { actorOf } from '../graphql/actor';
import type { RequestContext } from '../graphql/context';
import { MAX_PAGE_SIZE } from '../graphql/connection';
import { AuditEvent, AuditEventConnection, AuditEventFilter } from './audit.type';

@ArgsType()
class AuditEventsArgs {
  @Field(() => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter | null;
  @Field(() => Int, { defaultValue: 50 }) @Min(1) @Max(MAX_PAGE_SIZE) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized()
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (ADMIN, PRIVACY_OFFICER).' })
  auditEvents(@Args() args: AuditEventsArgs, @Ctx() ctx: RequestContext): Promise<AuditEventConnection> {
    return ctx.services.auditLog.list(actorOf(ctx), args.filter, args.first, args.after);
  }

  /** The customer an entry is about, shown by number and name: through the Customer rules (null when hidden). */
  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() entry: AuditEvent, @Ctx() ctx: RequestContext): Promise<Customer | null> | null {
    return entry.customerId ? ctx.loaders.customer(entry.customerId) : null;
  }
}
