import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { reportPathOf, uploadPathOf, type AddressUpdateImportRecord, AddressUpdateOutcome } from './address-update.model';
import {
  AddressUpdateImport,
  AddressUpdateRow,
  StartAddressUpdateImportInput,
  UpdateProhibition,
  UpdateProhibitionEventType,
  UpdateProhibitionInput,
} from './address-update.type';

const view = (record: AddressUpdateImportRecord): AddressUpdateImport => ({
  ...record,
  uploadPath: uploadPathOf(record.id),
  reportPath: reportPathOf(record.id),
});

@Resolver(() => AddressUpdateImport)
export class AddressUpdatesResolver {
  @Authorized()
  @Mutation(() => AddressUpdateImport, {
    description:
      'Starts the import of an address-update service’s file (P7): its name and date now, the file as a PUT to uploadPath, which answers the dry run (nothing changed). Then applyAddressUpdates.',
  })
  async importAddressUpdates(@Arg('input') input: StartAddressUpdateImportInput, @Ctx() ctx: RequestContext): Promise<AddressUpdateImport> {
    return view(await ctx.services.addressUpdates.start(actorOf(ctx), input));
  }

  @Authorized()
  @Mutation(() => AddressUpdateImport, {
    description: 'Applies a dry run, batch by batch (progress in rowsApplied); a customer changed since the dry run is skipped as CONFLICT.',
  })
  async applyAddressUpdates(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<AddressUpdateImport> {
    return view(await ctx.services.addressUpdates.apply(actorOf(ctx), id));
  }

  @Authorized()
  @Query(() => AddressUpdateImport, { description: 'How far an address-update import has come, and its counts by outcome.' })
  async addressUpdateImport(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<AddressUpdateImport> {
    return view(await ctx.services.addressUpdates.progress(actorOf(ctx), id));
  }

  @Authorized()
  @Query(() => [AddressUpdateImport], { description: 'The latest address-update imports, newest first.' })
  async addressUpdateImports(@Ctx() ctx: RequestContext): Promise<AddressUpdateImport[]> {
    return (await ctx.services.addressUpdates.list(actorOf(ctx))).map(view);
  }

  @Authorized()
  @Query(() => [AddressUpdateRow], { description: 'A page of the outcome report, in file order: rows after `afterLine`, of one outcome or all.' })
  addressUpdateRows(
    @Arg('importId', () => GraphQLUUID) importId: string,
    @Arg('outcome', () => AddressUpdateOutcome, { nullable: true }) outcome: AddressUpdateOutcome | null,
    @Arg('afterLine', () => Int, { nullable: true }) afterLine: number | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AddressUpdateRow[]> {
    return ctx.services.addressUpdates.rows(actorOf(ctx), importId, { outcome, afterLine, first });
  }

  @Authorized()
  @Mutation(() => UpdateProhibition, {
    nullable: true,
    description: 'Records the customer’s update prohibition (asiakasrekisterin päivityskielto) from their own notice. Answers the prohibition in force.',
  })
  recordUpdateProhibition(
    @Arg('customerId', () => GraphQLUUID) customerId: string,
    @Arg('input') input: UpdateProhibitionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateProhibition | null> {
    return ctx.services.updateProhibitions.record(actorOf(ctx), customerId, input);
  }

  @Authorized()
  @Mutation(() => UpdateProhibition, {
    nullable: true,
    description: 'Lifts the update prohibition on the customer’s own notice. Answers null (none in force).',
  })
  liftUpdateProhibition(
    @Arg('customerId', () => GraphQLUUID) customerId: string,
    @Arg('input') input: UpdateProhibitionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateProhibition | null> {
    return ctx.services.updateProhibitions.lift(actorOf(ctx), customerId, input);
  }

  @Authorized()
  @Query(() => [UpdateProhibitionEventType], { description: 'The customer’s update-prohibition history, newest first.' })
  updateProhibitionHistory(@Arg('customerId', () => GraphQLUUID) customerId: string, @Ctx() ctx: RequestContext): Promise<UpdateProhibitionEventType[]> {
    return ctx.services.updateProhibitions.history(actorOf(ctx), customerId);
  }
}

@Resolver(() => Customer)
export class CustomerUpdateProhibitionResolver {
  @FieldResolver(() => UpdateProhibition, { nullable: true, description: 'The update prohibition in force (P7), or null.' })
  async updateProhibition(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<UpdateProhibition | null> {
    const [current] = await ctx.services.updateProhibitions.currentFor([customer.id]);
    return current;
  }
}
