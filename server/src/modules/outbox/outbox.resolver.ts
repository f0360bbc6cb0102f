import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { ManualDeliveryInput, OutboxFilter, OutboxMessage, OutboxMessageConnection } from './outbox.type';

@Resolver(() => OutboxMessage)
export class OutboxResolver {
  @Authorized()
  @Query(() => OutboxMessageConnection, { description: 'Letters and notices of requests: pending, failed, held for printing and sent; newest first.' })
  outboxMessages(
    @Arg('filter', () => OutboxFilter, { nullable: true }) filter: OutboxFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<OutboxMessageConnection> {
    return ctx.services.outbox.list(actorOf(ctx), filter, first, after);
  }

  @Authorized()
  @Query(() => OutboxMessage)
  outboxMessage(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<OutboxMessage> {
    return ctx.services.outbox.get(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => OutboxMessage, { description: 'Sends a failed letter by e-mail again (or a held one, once a mail server is configured).' })
  retryOutboxMessage(@Arg('id', () => GraphQLUUID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<OutboxMessage> {
    return ctx.services.outbox.retry(actorOf(ctx), id, version);
  }

  @Authorized()
  @Mutation(() => OutboxMessage, { description: 'A letter printed and sent by hand: marked SENT with the day it went (audited).' })
  markOutboxMessageSent(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ManualDeliveryInput) input: ManualDeliveryInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OutboxMessage> {
    return ctx.services.outbox.markSentByHand(actorOf(ctx), id, version, input);
  }
}
