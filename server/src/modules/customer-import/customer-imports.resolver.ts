import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { CustomerImportOutcome, uploadPathOf, type CustomerImportRecord } from './customer-import.model';
import {
  CustomerImport,
  CustomerImportMappingType,
  CustomerImportRow,
  HeldCustomerDuplicate,
  ResolveHeldDuplicateInput,
  StartCustomerImportInput,
} from './customer-import.type';

const view = (record: CustomerImportRecord): CustomerImport => ({ ...record, uploadPath: uploadPathOf(record.id) });

@Resolver(() => CustomerImport)
export class CustomerImportsResolver {
  @Authorized()
  @Mutation(() => CustomerImport, {
    description:
      'Starts the import of a store’s or reseller’s customer list (P7): the file follows as a PUT to uploadPath, which answers the dry run. Then applyCustomerImport.',
  })
  async startCustomerImport(@Arg('input') input: StartCustomerImportInput, @Ctx() ctx: RequestContext): Promise<CustomerImport> {
    return view(await ctx.services.customerImports.start(actorOf(ctx), input));
  }

  @Authorized()
  @Query(() => CustomerImportMappingType, { description: 'The customer field each header names by itself (Finnish or English), for the mapping form.' })
  customerImportMapping(@Arg('headers', () => [String]) headers: string[], @Ctx() ctx: RequestContext): CustomerImportMappingType {
    return ctx.services.customerImports.detectMapping(actorOf(ctx), headers);
  }

  @Authorized()
  @Mutation(() => CustomerImport, { description: 'Queues the apply of a dry run; a job applies it batch by batch (progress: rowsApplied of rowsRead).' })
  async applyCustomerImport(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<CustomerImport> {
    return view(await ctx.services.customerImports.apply(actorOf(ctx), id));
  }

  @Authorized()
  @Query(() => CustomerImport, { description: 'How far a customer import has come, and its counts by outcome.' })
  async customerImport(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<CustomerImport> {
    return view(await ctx.services.customerImports.progress(actorOf(ctx), id));
  }

  @Authorized()
  @Query(() => [CustomerImport], { description: 'The latest customer imports, newest first.' })
  async customerImports(@Ctx() ctx: RequestContext): Promise<CustomerImport[]> {
    return (await ctx.services.customerImports.list(actorOf(ctx))).map(view);
  }

  @Authorized()
  @Query(() => [CustomerImportRow], { description: 'A page of the outcome report, in file order: rows after `afterLine`, of one outcome or all.' })
  customerImportRows(
    @Arg('importId', () => GraphQLUUID) importId: string,
    @Arg('outcome', () => CustomerImportOutcome, { nullable: true }) outcome: CustomerImportOutcome | null,
    @Arg('afterLine', () => Int, { nullable: true }) afterLine: number | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CustomerImportRow[]> {
    return ctx.services.customerImports.rows(actorOf(ctx), importId, { outcome, afterLine, first });
  }
}

@Resolver(() => HeldCustomerDuplicate)
export class HeldCustomerDuplicatesResolver {
  @Authorized()
  @Query(() => [HeldCustomerDuplicate], { description: 'Possible duplicates held by applied imports, for a person to merge or create as new.' })
  heldCustomerDuplicates(@Arg('first', () => Int, { nullable: true }) first: number | null, @Ctx() ctx: RequestContext): Promise<HeldCustomerDuplicate[]> {
    return ctx.services.customerImports.held(actorOf(ctx), first);
  }

  @Authorized()
  @Mutation(() => HeldCustomerDuplicate, { description: 'A held row merged into a customer (taking the chosen fields) or created as a new customer.' })
  resolveHeldCustomerDuplicate(@Arg('input') input: ResolveHeldDuplicateInput, @Ctx() ctx: RequestContext): Promise<HeldCustomerDuplicate> {
    return ctx.services.customerImports.resolveHeld(actorOf(ctx), input.importId, input.line, input);
  }

  @FieldResolver(() => [Customer], { description: 'The customers the row may be, those the reader may see.' })
  async candidates(@Root() row: HeldCustomerDuplicate, @Ctx() ctx: RequestContext): Promise<Customer[]> {
    const found = await ctx.services.customers.getMany(actorOf(ctx), row.duplicateIds);
    return found.filter((c): c is Customer => c !== null);
  }
}
