import type { Messages } from '../../app/i18n';
import type { CampaignPurpose, CampaignStatus, ContactChannel, ExclusionReason, TargetListStatus } from '../../gql/graphql';

export const PURPOSES: readonly CampaignPurpose[] = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH'];
export const CAMPAIGN_CHANNELS: readonly ContactChannel[] = ['EMAIL', 'POST', 'PHONE', 'SMS'];

export const purposeLabel = (t: Messages, purpose: CampaignPurpose | null | undefined) => (purpose ? (t.campaigns.purposes[purpose] ?? purpose) : '');
export const channelName = (t: Messages, channel: ContactChannel | null | undefined) => (channel ? (t.campaigns.channels[channel] ?? channel) : '');
export const statusLabel = (t: Messages, status: CampaignStatus | null | undefined) => (status ? (t.campaigns.statuses[status] ?? status) : '');
export const listStatusLabel = (t: Messages, status: TargetListStatus | null | undefined) => (status ? (t.campaigns.listStatuses[status] ?? status) : '');
/** P15: why a customer is kept off a list, in the user's language. */
export const reasonLabel = (t: Messages, reason: ExclusionReason | string) => t.campaigns.reasons[reason] ?? reason;

/** A list still being made: polled until it is BUILT or FAILED. */
export function isPending(status: TargetListStatus | null | undefined): boolean {
  return status === 'QUEUED' || status === 'BUILDING';
}
