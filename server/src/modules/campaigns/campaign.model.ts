import type { KCount } from '../../auth/authorize';
import type { Page } from '../../db/paging';
import type { PolicyReason } from '@rekisteri/schema';
import type { ContactChannel, ProhibitionKind } from '../prohibitions/prohibition.model';

/**
 * Campaigns and target lists as the services see them: plain enums and interfaces, no GraphQL
 * (`campaign.type.ts` gives them their GraphQL shape).
 */

export enum CampaignPurpose {
  DIRECT_MARKETING = 'DIRECT_MARKETING',
  DISTANCE_SELLING = 'DISTANCE_SELLING',
  MARKET_AND_OPINION_RESEARCH = 'MARKET_AND_OPINION_RESEARCH',
}

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  BUILT = 'BUILT',
  EXPORTED = 'EXPORTED',
  ARCHIVED = 'ARCHIVED',
}

export enum TargetListStatus {
  QUEUED = 'QUEUED',
  BUILDING = 'BUILDING',
  BUILT = 'BUILT',
  FAILED = 'FAILED',
}

export enum ExclusionReason {
  PROHIBITED = 'PROHIBITED',
  LIST_PUBLICATION = 'LIST_PUBLICATION',
  NO_CONTACT_FOR_CHANNEL = 'NO_CONTACT_FOR_CHANNEL',
  EXTERNAL_OPT_OUT = 'EXTERNAL_OPT_OUT',
  DUPLICATE_CONTACT = 'DUPLICATE_CONTACT',
  RESTRICTED = 'RESTRICTED',
  PENDING_ERASURE = 'PENDING_ERASURE',
  ANONYMISED = 'ANONYMISED',
  /** Issue 16: on the campaign's manual exclusions (kept off by hand). */
  MANUAL = 'MANUAL',
}

export enum ExportFormat {
  CSV = 'CSV',
  LABELS_PDF = 'LABELS_PDF',
}

/** The language of a CSV for people: Finnish is `;`-separated with Finnish headers, English `,` with English ones. */
export enum ExportLanguage {
  FI = 'FI',
  EN = 'EN',
}

/** A filter over the profile and the order history; every criterion optional. */
export interface SegmentCriteria {
  cities?: string[] | null;
  postalCodePrefixes?: string[] | null;
  languages?: string[] | null;
  hasOrganisation?: boolean | null;
  sources?: string[] | null;
  /** YYYY-MM-DD, a calendar day in the company's time zone. */
  customerSinceFrom?: string | null;
  customerSinceTo?: string | null;
  orderedSku?: string | null;
  orderedWithinDays?: number | null;
  minTotalSpendCents?: number | null;
  noOrderForDays?: number | null;
  /** P13: has viewed this page of the company's site (within visitedWithinDays, if given); marketing consent only. */
  visitedPage?: string | null;
  visitedWithinDays?: number | null;
}

export interface CampaignRecord {
  id: string;
  name: string;
  purpose: CampaignPurpose;
  channel: ContactChannel;
  segment: SegmentCriteria;
  /** Username of the owner. */
  owner: string;
  status: CampaignStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** P15: a prohibition a campaign's list honours (from the purpose policy), and why. */
export interface HonouredProhibitionRecord {
  kind: ProhibitionKind;
  /** Prohibitions of this kind given for every channel count, and those given for this channel. */
  scope: ContactChannel;
  reason: PolicyReason;
}

export interface NewCampaign {
  name: string;
  purpose: CampaignPurpose;
  channel: ContactChannel;
  segment?: SegmentCriteria | null;
}

export interface TargetListRecord {
  id: string;
  campaignId: string;
  status: TargetListStatus;
  progress: number;
  error: string | null;
  includedCount: number | null;
  excludedCount: number | null;
  builtAt: Date | null;
}

/** How many were kept off for one reason: k-anonymous, a small count is only "fewer than 5". */
export interface ReasonCountRecord extends KCount {
  reason: ExclusionReason;
}

export interface TargetListEntryRecord {
  customerId: string;
  customerNumber: string;
  /** Resolved through the Customer rules, never here. */
  customer: null;
  reasons: ExclusionReason[] | null;
  prohibitedKinds: string[] | null;
  optOutLists: string[] | null;
}

export type TargetListEntryPage = Page<TargetListEntryRecord>;

/** Issue 16: a customer on a campaign's manual exclusions, kept off its list by hand. */
export interface CampaignExclusionRecord {
  customerId: string;
  customerNumber: string;
  /** Resolved through the Customer rules, never here. */
  customer: null;
  /** Username of who added it; null once that account is gone. */
  addedBy: string | null;
  addedAt: Date;
  note: string | null;
}

/** A page of manual exclusions, and how many the reader may see in all. */
export type CampaignExclusionPage = Page<CampaignExclusionRecord> & { totalCount: number };

/** What adding customers to a campaign's manual exclusions did, customer by customer. */
export interface CampaignExclusionsAdded {
  /** Newly on the exclusions. */
  added: number;
  /** On them already: nothing changed. */
  alreadyExcluded: number;
  /** No customer the caller may see: left alone, and whether it exists is not told. */
  notFound: number;
}

export interface TargetListExportRecord {
  id: string;
  format: ExportFormat;
  language: ExportLanguage;
  content: string | null;
  url: string;
  rowCount: number;
  /** Dropped at export: k-anonymous, as are the counts by reason. */
  droppedCount: KCount;
  droppedByReason: ReasonCountRecord[];
  sha256: string;
}
