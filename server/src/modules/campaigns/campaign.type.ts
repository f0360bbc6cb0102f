import { POLICY_REASON_CODES, type PolicyReason } from '@rekisteri/schema';
import { MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { GraphQLCents, KAnonymousCount } from '../../graphql/scalars';
import { Customer, Language } from '../customers/customer.type';
import { ContactChannel, ProhibitionKind } from '../prohibitions/prohibition.type';
import { DataSource } from '../provenance/provenance.type';
import {
  CampaignPurpose,
  CampaignStatus,
  ExclusionReason,
  ExportFormat,
  ExportLanguage,
  TargetListStatus,
  type CampaignExclusionRecord,
  type CampaignExclusionsAdded,
  type CampaignRecord,
  type HonouredProhibitionRecord,
  type NewCampaign,
  type ReasonCountRecord,
  type SegmentCriteria,
  type TargetListEntryRecord,
  type TargetListExportRecord,
  type TargetListRecord,
} from './campaign.model';

export { CampaignPurpose, CampaignStatus, ExclusionReason, ExportFormat, ExportLanguage, TargetListStatus };

registerEnumType(CampaignPurpose, { name: 'CampaignPurpose', description: 'The purpose decides which prohibitions apply (P15).' });
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });
registerEnumType(TargetListStatus, { name: 'TargetListStatus' });
registerEnumType(ExclusionReason, { name: 'ExclusionReason', description: 'Why a customer in the segment is not on the list.' });
registerEnumType(ExportFormat, { name: 'ExportFormat', description: 'CSV, or mailing labels as an A4 PDF (3 x 8).' });
registerEnumType(ExportLanguage, {
  name: 'ExportLanguage',
  description: 'The language of a CSV: FI is ;-separated with Finnish headers, EN ,-separated with English ones (both UTF-8 with a BOM).',
});
/** The reason codes of the purpose policy (@rekisteri/schema), whose sentences in Finnish and English the web shows. */
const PolicyReasonEnum = Object.fromEntries(POLICY_REASON_CODES.map((code) => [code, code])) as { [K in PolicyReason]: K };
registerEnumType(PolicyReasonEnum, { name: 'PolicyReason', description: 'Why a campaign honours a prohibition (the purpose policy).' });

@ObjectType('HonouredProhibition', { description: "P15: a prohibition a campaign's list honours, at the build and again at export." })
export class HonouredProhibition implements HonouredProhibitionRecord {
  @Field(() => ProhibitionKind) kind: ProhibitionKind;
  @Field(() => ContactChannel, { description: 'Prohibitions of this kind given for every channel count, and those given for this one.' })
  scope: ContactChannel;
  @Field(() => PolicyReasonEnum) reason: PolicyReason;
}

/**
 * A filter over the profile and the order history. Empty: every customer. Validated in one place,
 * `segmentCondition`, so every error names its field as `segment.<field>` wherever a segment is given.
 */
@InputType('SegmentInput')
@ObjectType('Segment')
export class Segment implements SegmentCriteria {
  @Field(() => [String], { nullable: true }) cities?: string[] | null;
  @Field(() => [String], { nullable: true }) postalCodePrefixes?: string[] | null;
  @Field(() => [Language], { nullable: true }) languages?: Language[] | null;
  @Field(() => Boolean, { nullable: true }) hasOrganisation?: boolean | null;
  @Field(() => [DataSource], { nullable: true }) sources?: DataSource[] | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Customer since this day or later.' }) customerSinceFrom?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Customer since this day or earlier.' }) customerSinceTo?: string | null;
  @Field(() => String, { nullable: true, description: 'Has ordered this SKU (within orderedWithinDays, if given).' })
  orderedSku?: string | null;
  @Field(() => Int, { nullable: true, description: 'Has ordered (this SKU, or anything) within this many days.' })
  orderedWithinDays?: number | null;
  @Field(() => GraphQLCents, { nullable: true, description: 'Total spend (gross, cents) at least this.' })
  minTotalSpendCents?: number | null;
  @Field(() => Int, { nullable: true, description: 'No order for this many days.' })
  noOrderForDays?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'P13: has viewed this page of the site (a path). Matches only people whose browser consented to marketing and who have no PROFILING prohibition.',
  })
  visitedPage?: string | null;
  @Field(() => Int, { nullable: true, description: 'Has viewed visitedPage within this many days.' })
  visitedWithinDays?: number | null;
}

@ObjectType('Campaign')
export class Campaign implements Omit<CampaignRecord, 'segment'> {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => CampaignPurpose, { nullable: true }) purpose: CampaignPurpose;
  @Field(() => ContactChannel, { nullable: true }) channel: ContactChannel;
  @Field(() => Segment, { nullable: true }) segment: Segment;
  @Field(() => String, { nullable: true, description: 'Username of the owner.' }) owner: string;
  @Field(() => CampaignStatus, { nullable: true }) status: CampaignStatus;
  @Field(() => Int, { nullable: true }) version: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;
}

@InputType()
export class CreateCampaignInput implements NewCampaign {
  @Field() @MaxLength(200) name: string;
  @Field(() => CampaignPurpose) purpose: CampaignPurpose;
  @Field(() => ContactChannel) channel: ContactChannel;
  @Field(() => Segment, { nullable: true, description: 'Omitted or {}: every customer.' }) segment?: Segment | null;
}

@ObjectType({ description: 'How many were kept off for one reason; below 5 only "fewer than 5" is told (k-anonymity).' })
export class ReasonCount implements ReasonCountRecord {
  @Field(() => ExclusionReason) reason: ExclusionReason;
  @Field(() => Int, { nullable: true, description: 'The number, or null when it is below `fewerThan`.' }) count: number | null;
  @Field(() => Int, { nullable: true, description: 'Set (to 5) when the count is too small to tell.' }) fewerThan: number | null;
}

@ObjectType('TargetListEntry', { description: 'A customer on, or kept off, a target list.' })
export class TargetListEntry implements Omit<TargetListEntryRecord, 'customer'> {
  @Field(() => ID, { nullable: true }) customerId: string;
  @Field(() => String, { nullable: true }) customerNumber: string;
  @Field(() => Customer, { nullable: true, description: 'The customer, through the same field rules as anywhere.' }) customer: Customer | null;
  @Field(() => [ExclusionReason], { nullable: true }) reasons: ExclusionReason[] | null;
  @Field(() => [String], { nullable: true, description: 'For PROHIBITED: which kinds of prohibition applied.' }) prohibitedKinds: string[] | null;
  @Field(() => [String], { nullable: true, description: 'For EXTERNAL_OPT_OUT: which lists.' }) optOutLists: string[] | null;
}

@ObjectType()
export class TargetListEntryEdge {
  @Field() cursor: string;
  @Field(() => TargetListEntry) node: TargetListEntry;
}

@ObjectType()
export class TargetListEntryConnection {
  @Field(() => [TargetListEntryEdge]) edges: TargetListEntryEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType('CampaignExclusion', { description: "Issue 16: a customer on a campaign's manual exclusions, kept off its list by hand (reason MANUAL)." })
export class CampaignExclusion implements Omit<CampaignExclusionRecord, 'customer'> {
  @Field(() => ID) customerId: string;
  @Field(() => String) customerNumber: string;
  @Field(() => Customer, { nullable: true, description: 'The customer, through the same field rules as anywhere.' }) customer: Customer | null;
  @Field(() => String, { nullable: true, description: 'Username of who added the customer.' }) addedBy: string | null;
  @Field(() => GraphQLDateTimeISO) addedAt: Date;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType()
export class CampaignExclusionEdge {
  @Field() cursor: string;
  @Field(() => CampaignExclusion) node: CampaignExclusion;
}

@ObjectType({ description: 'Manual exclusions in customer-number order; only customers the reader may see.' })
export class CampaignExclusionConnection {
  @Field(() => [CampaignExclusionEdge]) edges: CampaignExclusionEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'How many the reader may see in all.' }) totalCount: number;
}

@ObjectType({ description: 'What addCampaignExclusions did: each customer asked for is counted once, in one of the three.' })
export class CampaignExclusionsResult implements CampaignExclusionsAdded {
  @Field(() => Int, { description: 'Newly on the exclusions.' }) added: number;
  @Field(() => Int, { description: 'On them already: nothing changed.' }) alreadyExcluded: number;
  @Field(() => Int, { description: 'Not a customer you may see: left alone (whether it exists is not told).' }) notFound: number;
}

@ObjectType('TargetList')
export class TargetList implements TargetListRecord {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => TargetListStatus, { nullable: true }) status: TargetListStatus;
  @Field(() => Int, { nullable: true, description: 'Percent done.' }) progress: number;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => Int, { nullable: true }) includedCount: number | null;
  @Field(() => Int, { nullable: true }) excludedCount: number | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) builtAt: Date | null;

  campaignId: string;
}

@ObjectType()
export class TargetListExport implements TargetListExportRecord {
  @Field(() => ID) id: string;
  @Field(() => ExportFormat) format: ExportFormat;
  @Field(() => ExportLanguage, { description: 'The language of the CSV (a PDF of labels has no headers).' }) language: ExportLanguage;
  @Field(() => String, { nullable: true, description: "The CSV's text (with its byte-order mark); null for a PDF." }) content: string | null;
  @Field({ description: 'Downloads the file (signed-in users with the right to export).' }) url: string;
  @Field(() => Int) rowCount: number;
  @Field(() => KAnonymousCount, { description: 'Dropped at export: said no, or otherwise ruled out, since the build (k-anonymous).' })
  droppedCount: KAnonymousCount;
  @Field(() => [ReasonCount]) droppedByReason: ReasonCount[];
  @Field() sha256: string;
}
