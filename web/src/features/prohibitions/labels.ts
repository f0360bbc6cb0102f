import type { Messages } from '../../app/i18n';
import type { ContactChannel, NoticeVia, ProhibitionKind } from '../../gql/graphql';

export const KINDS: readonly ProhibitionKind[] = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION', 'PROFILING'];
export const CHANNELS: readonly ContactChannel[] = ['EMAIL', 'POST', 'PHONE', 'SMS'];
/** How staff may say the notice came in; EARLIER_PROHIBITION is the server's alone (reinstated after erasure). */
export const STAFF_VIAS: readonly NoticeVia[] = ['CUSTOMER_SERVICE', 'EMAIL', 'CONTACT_PERSON', 'LETTER', 'PHONE', 'WEB_FORM'];

/** A channel, or "all channels" for null. */
export function channelLabel(t: Messages, channel: ContactChannel | null | undefined): string {
  return channel ? (t.prohibitions.channels[channel] ?? channel) : t.prohibitions.allChannels;
}

export function kindLabel(t: Messages, kind: ProhibitionKind | null | undefined): string {
  return kind ? (t.prohibitions.kinds[kind] ?? kind) : '';
}

export function viaLabel(t: Messages, via: NoticeVia | null | undefined): string {
  return via ? (t.prohibitions.vias[via] ?? via) : '';
}

/** A key naming one prohibition in force (kind and channel), for ids and React keys. */
export function prohibitionKey(p: { kind?: ProhibitionKind | null; channel?: ContactChannel | null }): string {
  return `${p.kind ?? ''}-${p.channel ?? 'ALL'}`;
}
