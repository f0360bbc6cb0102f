import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { NoteChannel } from './customer-note.model';
import { AddCustomerNoteInput, CustomerNote, TimelineConnection } from './customer-note.type';

@Resolver()
export class CustomerNotesResolver {
  @Authorized()
  @Query(() => TimelineConnection, {
    description: 'A customer’s notes, contacts, orders, invoices, requests and prohibitions, newest first: each only if the caller may read it.',
  })
  customerTimeline(
    @Arg('customerId', () => GraphQLUUID) customerId: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<TimelineConnection> {
    return ctx.services.customerNotes.timeline(actorOf(ctx), customerId, first, after ?? null);
  }

  @Authorized()
  @Mutation(() => CustomerNote, { description: 'A note or a contact on a customer (issue 16); audited.' })
  addCustomerNote(@Arg('input', () => AddCustomerNoteInput) input: AddCustomerNoteInput, @Ctx() ctx: RequestContext): Promise<CustomerNote> {
    return ctx.services.customerNotes.add(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => CustomerNote, { description: 'Its author changes a note at the version they saw; CONFLICT when someone changed it first.' })
  updateCustomerNote(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('text') text: string,
    @Arg('channel', () => NoteChannel, { nullable: true }) channel: NoteChannel | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CustomerNote> {
    return ctx.services.customerNotes.update(actorOf(ctx), id, version, text, channel ?? undefined);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Its author deletes a note, at the version they saw.' })
  deleteCustomerNote(@Arg('id', () => GraphQLUUID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.customerNotes.delete(actorOf(ctx), id, version);
  }
}
