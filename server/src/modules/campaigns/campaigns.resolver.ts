import { Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { MAX_PAGE_SIZE } from '../../graphql/connection';
import { GraphQLUUID, KAnonymousCount } from '../../graphql/scalars';
import type { KCount } from '../../auth/authorize';
import type {
  CampaignExclusionPage,
  CampaignExclusionRecord,
  CampaignExclusionsAdded,
  CampaignRecord,
  HonouredProhibitionRecord,
  ReasonCountRecord,
  TargetListEntryPage,
  TargetListExportRecord,
  TargetListRecord,
} from './campaign.model';
import { Customer } from '../customers/customer.type';
import {
  Campaign,
  CampaignExclusion,
  CampaignExclusionConnection,
  CampaignExclusionsResult,
  CreateCampaignInput,
  ExportFormat,
  ExportLanguage,
  HonouredProhibition,
  ReasonCount,
  Segment,
  TargetList,
  TargetListEntry,
  TargetListEntryConnection,
  TargetListExport,
} from './campaign.type';

@ArgsType()
class EntryPageArgs {
  @Field(() => Int, { defaultValue: 50 }) @Min(1) @Max(MAX_PAGE_SIZE) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
class AddExclusionsArgs {
  @Field(() => GraphQLUUID) campaignId: string;
  @Field(() => [GraphQLUUID], { description: 'At most 1,000 customers at a time.' }) customerIds: string[];
  @Field(() => String, { nullable: true, description: 'Why, for the colleagues (at most 500 characters).' }) note?: string | null;
}

@Resolver(() => Campaign)
export class CampaignsResolver {
  @Authorized()
  @Query(() => [Campaign])
  campaigns(@Ctx() ctx: RequestContext): Promise<CampaignRecord[]> {
    return ctx.services.campaigns.list(actorOf(ctx));
  }

  @Authorized()
  @Query(() => Campaign)
  campaign(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<CampaignRecord> {
    return ctx.services.campaigns.get(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => Campaign)
  createCampaign(@Arg('input') input: CreateCampaignInput, @Ctx() ctx: RequestContext): Promise<CampaignRecord> {
    return ctx.services.campaigns.create(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => Campaign, { description: 'Keeps the campaign for the record; it is not built again.' })
  archiveCampaign(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<CampaignRecord> {
    return ctx.services.campaigns.archive(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => CampaignExclusionsResult, {
    description:
      "Issue 16: keeps these customers off the campaign's list by hand (reason MANUAL), at the next build and at export. Only customers you may see are added.",
  })
  addCampaignExclusions(@Args() { campaignId, customerIds, note }: AddExclusionsArgs, @Ctx() ctx: RequestContext): Promise<CampaignExclusionsAdded> {
    return ctx.services.campaigns.exclusions.add(actorOf(ctx), campaignId, customerIds, note);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Takes a customer off the campaign's manual exclusions; false when they were not on them." })
  removeCampaignExclusion(
    @Arg('campaignId', () => GraphQLUUID) campaignId: string,
    @Arg('customerId', () => GraphQLUUID) customerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.campaigns.exclusions.remove(actorOf(ctx), campaignId, customerId);
  }

  @Authorized()
  @Query(() => KAnonymousCount, {
    description: 'How many of the customers you may see a segment matches, while it is edited; below 5 only "fewer than 5".',
  })
  estimateSegment(@Arg('segment', () => Segment) segment: Segment, @Ctx() ctx: RequestContext): Promise<KCount> {
    return ctx.services.campaigns.estimate(actorOf(ctx), segment);
  }

  @Authorized()
  @Mutation(() => TargetList, { description: 'Queues the build as a background job; poll targetList(id) for progress.' })
  buildTargetList(@Arg('campaignId', () => GraphQLUUID) campaignId: string, @Ctx() ctx: RequestContext): Promise<TargetListRecord> {
    return ctx.services.campaigns.requestBuild(actorOf(ctx), campaignId);
  }

  @Authorized()
  @Query(() => TargetList)
  targetList(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<TargetListRecord> {
    return ctx.services.campaigns.targetList(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => TargetListExport, { description: 'Checks the rules again, drops who said no since the build, and audits the file.' })
  exportTargetList(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('language', () => ExportLanguage, { nullable: true, description: "The CSV's language; by default the browser's (Accept-Language), else Finnish." })
    language: ExportLanguage | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<TargetListExportRecord> {
    const asked = language ?? (ctx.req.acceptsLanguages('fi', 'en') === 'en' ? ExportLanguage.EN : ExportLanguage.FI);
    return ctx.services.targetListExports.export(actorOf(ctx), id, format, asked);
  }

  @FieldResolver(() => [HonouredProhibition], {
    nullable: true,
    description: 'P15: which prohibitions the list honours, and why (the purpose policy), before it is built.',
  })
  honouredProhibitions(@Root() campaign: CampaignRecord, @Ctx() ctx: RequestContext): HonouredProhibitionRecord[] {
    return ctx.services.campaigns.honouredProhibitions(actorOf(ctx), campaign);
  }

  @FieldResolver(() => CampaignExclusionConnection, {
    nullable: true,
    description: 'Issue 16: customers kept off the list by hand, in customer-number order (only those you may see).',
  })
  manualExclusions(@Root() campaign: CampaignRecord, @Args() { first, after }: EntryPageArgs, @Ctx() ctx: RequestContext): Promise<CampaignExclusionPage> {
    return ctx.services.campaigns.exclusions.page(actorOf(ctx), campaign.id, first, after);
  }

  @FieldResolver(() => TargetList, { name: 'targetList', nullable: true, description: 'The latest build.' })
  latestTargetList(@Root() campaign: CampaignRecord, @Ctx() ctx: RequestContext): Promise<TargetListRecord | null> {
    return ctx.services.campaigns.latestTargetList(actorOf(ctx), campaign.id);
  }
}

@Resolver(() => TargetList)
export class TargetListResolver {
  @FieldResolver(() => Campaign, { nullable: true })
  campaign(@Root() list: TargetListRecord, @Ctx() ctx: RequestContext): Promise<CampaignRecord> {
    return ctx.services.campaigns.get(actorOf(ctx), list.campaignId);
  }

  @FieldResolver(() => [ReasonCount], { nullable: true })
  exclusionsByReason(@Root() list: TargetListRecord, @Ctx() ctx: RequestContext): Promise<ReasonCountRecord[]> {
    return ctx.services.campaigns.exclusionsByReason(actorOf(ctx), list.id);
  }

  @FieldResolver(() => TargetListEntryConnection, { nullable: true })
  members(@Root() list: TargetListRecord, @Args() { first, after }: EntryPageArgs, @Ctx() ctx: RequestContext): Promise<TargetListEntryPage> {
    return ctx.services.campaigns.entries(actorOf(ctx), 'members', list.id, first, after);
  }

  @FieldResolver(() => TargetListEntryConnection, { nullable: true })
  exclusions(@Root() list: TargetListRecord, @Args() { first, after }: EntryPageArgs, @Ctx() ctx: RequestContext): Promise<TargetListEntryPage> {
    return ctx.services.campaigns.entries(actorOf(ctx), 'exclusions', list.id, first, after);
  }
}

@Resolver(() => TargetListEntry)
export class TargetListEntryResolver {
  /** Through the Customer rules: a customer the user may not see is null here too. */
  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() entry: TargetListEntry, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customer(entry.customerId);
  }
}

@Resolver(() => CampaignExclusion)
export class CampaignExclusionResolver {
  /** Through the Customer rules, as a list's entries. */
  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() exclusion: CampaignExclusionRecord, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customer(exclusion.customerId);
  }
}
