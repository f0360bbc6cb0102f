import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { PrivacyRequest, StaffMember } from '../requests/request.type';
import { PaperRecordState } from './paper-record.model';
import { PaperDestructionInput, PaperRecord, PaperRecordChangesInput, PaperRecordConnection, PaperRecordInputType } from './paper-record.type';

@Resolver(() => PaperRecord)
export class PaperRecordsResolver {
  @Authorized()
  @Query(() => PaperRecordConnection, { description: 'P11: the register of paper material, by destroy-by date (designated staff only).' })
  async paperRecords(
    @Arg('state', () => PaperRecordState, { nullable: true }) state: PaperRecordState | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PaperRecordConnection> {
    const page = await ctx.services.paperRecords.list(actorOf(ctx), { state, first, after });
    return Object.assign(new PaperRecordConnection(), {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: PaperRecord.from(e.node) })),
    });
  }

  @Authorized()
  @Query(() => PaperRecord)
  async paperRecord(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<PaperRecord> {
    return PaperRecord.from(await ctx.services.paperRecords.get(actorOf(ctx), id));
  }

  @Authorized()
  @Query(() => [StaffMember], { description: 'P11: staff who may keep paper material (designated, bound by the current commitment).' })
  paperRecordCustodians(@Ctx() ctx: RequestContext): Promise<StaffMember[]> {
    return ctx.services.paperRecords.custodians(actorOf(ctx));
  }

  @Authorized()
  @Mutation(() => PaperRecord, { description: 'P11: records a piece of paper material and where it is locked away.' })
  async recordPaper(@Arg('input', () => PaperRecordInputType) input: PaperRecordInputType, @Ctx() ctx: RequestContext): Promise<PaperRecord> {
    return PaperRecord.from(await ctx.services.paperRecords.create(actorOf(ctx), input));
  }

  @Authorized()
  @Mutation(() => PaperRecord, { description: 'P11: changes a record not yet destroyed, at its version (else CONFLICT).' })
  async updatePaperRecord(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => PaperRecordChangesInput) input: PaperRecordChangesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PaperRecord> {
    return PaperRecord.from(await ctx.services.paperRecords.update(actorOf(ctx), id, version, input));
  }

  @Authorized()
  @Mutation(() => PaperRecord, { description: 'P11: records the destruction of a paper (when, how; by the caller). Final.' })
  async recordPaperDestruction(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => PaperDestructionInput) input: PaperDestructionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PaperRecord> {
    return PaperRecord.from(await ctx.services.paperRecords.destroy(actorOf(ctx), id, version, input));
  }
}

/**
 * P11, P10: on a request, the paper still kept about its customer (theirs, or their requests' originals), so the
 * officer who carries out an erasure destroys it too. The field guard keeps it to those who may see paper material.
 */
@Resolver(() => PrivacyRequest)
export class PrivacyRequestPaperRecordsResolver {
  @FieldResolver(() => [PaperRecord], { description: 'P11: paper material about the customer not yet destroyed, by destroy-by date.' })
  async paperRecords(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<PaperRecord[]> {
    return (await ctx.services.paperRecords.heldForCustomer(actorOf(ctx), request.customerId)).map(PaperRecord.from);
  }
}
