/**
 * P2, P5, P15, P17: which prohibitions a campaign honours, by its purpose and channel. One table,
 * read by the target-list build, the export's re-check, the web's campaign page and the generated
 * privacy notice, so they can never disagree.
 *
 * A prohibition counts when it was given for every channel or for the campaign's channel (a "no
 * e-mail marketing" does not keep anyone off a letter).
 */

export const CAMPAIGN_PURPOSES = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH'] as const;
export type CampaignPurposeCode = (typeof CAMPAIGN_PURPOSES)[number];

export const CONTACT_CHANNELS = ['EMAIL', 'POST', 'PHONE', 'SMS'] as const;
export type ContactChannelCode = (typeof CONTACT_CHANNELS)[number];

export const PROHIBITION_KINDS = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION', 'PROFILING'] as const;
export type ProhibitionKindCode = (typeof PROHIBITION_KINDS)[number];

/** Why a prohibition applies; each has a sentence in Finnish and English (`POLICY_REASONS`). */
export const POLICY_REASON_CODES = [
  'OFFER_TO_A_PERSON',
  'DISTANCE_SELLING',
  'SELLING_BY_PHONE',
  'RESEARCH',
  'LIST_OF_REGISTER_DATA',
  'SEGMENT_PROFILES',
] as const;
export type PolicyReason = (typeof POLICY_REASON_CODES)[number];

export interface PolicyRule {
  kind: ProhibitionKindCode;
  /** ALWAYS, or only when the campaign's segment profiles people (`segmentProfiles`). */
  when: 'ALWAYS' | 'SEGMENT_PROFILES';
  reason: PolicyReason;
}

export const POLICY_REASONS: Readonly<Record<PolicyReason, { fi: string; en: string }>> = {
  OFFER_TO_A_PERSON: {
    fi: 'Henkilölle sähköpostitse, postitse, puhelimitse tai tekstiviestillä tehty tarjous on suoramarkkinointia, ja sen kieltäminen on ehdoton (tietosuoja-asetus 21(3)).',
    en: 'An offer e-mailed, posted, phoned or texted to a person is direct marketing, and an objection to it is absolute (GDPR 21(3)).',
  },
  DISTANCE_SELLING: {
    fi: 'Kampanja on etämyyntiä, ja tietosuojaselosteen mukaan asiakas voi kieltää sen.',
    en: 'The campaign is distance selling, which the privacy notice lets the customer forbid.',
  },
  SELLING_BY_PHONE: {
    fi: 'Puhelimitse tai tekstiviestillä myyminen on etämyyntiä, mitä kampanjan tarkoitus sitten onkin.',
    en: 'Selling by phone or text message is distance selling, whatever the campaign’s purpose says.',
  },
  RESEARCH: {
    fi: 'Kampanja on markkina- tai mielipidetutkimus, jonka asiakas voi kieltää. Tutkimus ei ole markkinointia, joten markkinointikiellot eivät koske sitä.',
    en: 'The campaign is market or opinion research, which the customer may forbid. Research is not marketing, so marketing prohibitions do not apply to it.',
  },
  LIST_OF_REGISTER_DATA: {
    fi: 'Kohderyhmälista on rekisterin tietojen luettelo, sähköinen tai kirjallinen; asiakas voi kieltää tietojensa julkaisemisen luettelossa.',
    en: 'A target list is a list of the register’s data, electronic or printed; the customer may forbid publication in lists.',
  },
  SEGMENT_PROFILES: {
    fi: 'Kohderyhmä valitaan tilaushistorian, ostosten tai ostettujen tuotteiden perusteella, eli asiakkaita profiloidaan; profilointikielto pätee tarkoituksesta riippumatta.',
    en: 'The segment picks people by their order history, spend or products bought, which is profiling; a prohibition of profiling applies whatever the purpose.',
  },
};

const always = (kind: ProhibitionKindCode, reason: PolicyReason): PolicyRule => ({ kind, when: 'ALWAYS', reason });

// P15, GDPR 21(3): an offer to a person is direct marketing on every channel.
const OFFER = always('DIRECT_MARKETING', 'OFFER_TO_A_PERSON');
const DISTANCE = always('DISTANCE_SELLING', 'DISTANCE_SELLING');
const BY_PHONE = always('DISTANCE_SELLING', 'SELLING_BY_PHONE');
const RESEARCH = always('MARKET_AND_OPINION_RESEARCH', 'RESEARCH');
// P5: "sähköisenä tai kirjallisena luettelona": every list, electronic or printed.
const LISTS = always('LIST_PUBLICATION', 'LIST_OF_REGISTER_DATA');
// P2, P17: profiling is honoured whatever the purpose, when the segment profiles.
const PROFILING: PolicyRule = { kind: 'PROFILING', when: 'SEGMENT_PROFILES', reason: 'SEGMENT_PROFILES' };

/** The table: for each purpose and channel, the prohibitions a target list and its export honour. */
export const PURPOSE_POLICY: Readonly<Record<CampaignPurposeCode, Readonly<Record<ContactChannelCode, readonly PolicyRule[]>>>> = {
  DIRECT_MARKETING: {
    EMAIL: [OFFER, LISTS, PROFILING],
    POST: [OFFER, LISTS, PROFILING],
    PHONE: [OFFER, BY_PHONE, LISTS, PROFILING],
    SMS: [OFFER, BY_PHONE, LISTS, PROFILING],
  },
  DISTANCE_SELLING: {
    EMAIL: [OFFER, DISTANCE, LISTS, PROFILING],
    POST: [OFFER, DISTANCE, LISTS, PROFILING],
    PHONE: [OFFER, DISTANCE, LISTS, PROFILING],
    SMS: [OFFER, DISTANCE, LISTS, PROFILING],
  },
  // The notice names research beside marketing, never as marketing ("suoramainontaa ja muuta markkinointia").
  MARKET_AND_OPINION_RESEARCH: {
    EMAIL: [RESEARCH, LISTS, PROFILING],
    POST: [RESEARCH, LISTS, PROFILING],
    PHONE: [RESEARCH, LISTS, PROFILING],
    SMS: [RESEARCH, LISTS, PROFILING],
  },
};

/**
 * Segment criteria that only describe who a person is or where they live, not what they did:
 * choosing by them is not profiling. Any other criterion given (order history, spend, products
 * bought, and any criterion added later, such as web behaviour) profiles: unknown fails closed.
 */
export const NON_PROFILING_SEGMENT_FIELDS: ReadonlySet<string> = new Set([
  'cities',
  'postalCodePrefixes',
  'languages',
  'hasOrganisation',
  'sources',
  'customerSinceFrom',
  'customerSinceTo',
]);

/**
 * P13: segment criteria that read behaviour on the company's site. They profile (so PROFILING is honoured as
 * for any profiling segment) and, beyond that, match only people whose browser consented to MARKETING and who
 * have no PROFILING prohibition on any channel: without that consent the web events are not theirs to use.
 */
export const WEB_BEHAVIOUR_SEGMENT_FIELDS: ReadonlySet<string> = new Set(['visitedPage', 'visitedWithinDays']);
/** The consent category web behaviour in a segment needs. */
export const WEB_BEHAVIOUR_CONSENT = 'MARKETING';

const given = (value: unknown) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

/** Whether choosing people by this segment is profiling (P2, P17). */
export function segmentProfiles(segment: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return Object.entries(segment ?? {}).some(([field, value]) => given(value) && !NON_PROFILING_SEGMENT_FIELDS.has(field));
}

/** A prohibition a campaign honours: its kind, the channel whose channel-scoped prohibitions count, and why. */
export interface HonouredProhibition {
  kind: ProhibitionKindCode;
  /** Prohibitions given for every channel count, and those given for this one. */
  scope: ContactChannelCode;
  reason: PolicyReason;
}

/** The prohibitions a campaign of this purpose, channel and segment honours, in the table's order. */
export function honouredProhibitions(
  purpose: CampaignPurposeCode,
  channel: ContactChannelCode,
  segment: Readonly<Record<string, unknown>> | null | undefined,
): HonouredProhibition[] {
  const profiles = segmentProfiles(segment);
  return PURPOSE_POLICY[purpose][channel]
    .filter((rule) => rule.when === 'ALWAYS' || profiles)
    .map((rule) => ({ kind: rule.kind, scope: channel, reason: rule.reason }));
}

/** The reason in words, in Finnish or English. */
export const policyReasonText = (reason: PolicyReason, language: 'fi' | 'en'): string => POLICY_REASONS[reason][language];
