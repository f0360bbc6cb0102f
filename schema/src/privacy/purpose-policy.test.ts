import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_PURPOSES,
  CONTACT_CHANNELS,
  honouredProhibitions,
  NON_PROFILING_SEGMENT_FIELDS,
  POLICY_REASON_CODES,
  POLICY_REASONS,
  PURPOSE_POLICY,
  segmentProfiles,
  type CampaignPurposeCode,
  type ContactChannelCode,
  type ProhibitionKindCode,
} from './purpose-policy';

const PLAIN = { cities: ['Tampere'] };
const PROFILING = { cities: ['Tampere'], minTotalSpendCents: 10_000 };

/** Every cell of the table, with the kinds it must honour for a plain segment and for a profiling one. */
const CELLS: Array<[CampaignPurposeCode, ContactChannelCode, ProhibitionKindCode[], string]> = [
  ['DIRECT_MARKETING', 'EMAIL', ['DIRECT_MARKETING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['DIRECT_MARKETING', 'POST', ['DIRECT_MARKETING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['DIRECT_MARKETING', 'PHONE', ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['DIRECT_MARKETING', 'SMS', ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['DISTANCE_SELLING', 'EMAIL', ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['DISTANCE_SELLING', 'POST', ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['DISTANCE_SELLING', 'PHONE', ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['DISTANCE_SELLING', 'SMS', ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['MARKET_AND_OPINION_RESEARCH', 'EMAIL', ['MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['MARKET_AND_OPINION_RESEARCH', 'POST', ['MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['MARKET_AND_OPINION_RESEARCH', 'PHONE', ['MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION'], '[P15][P5]'],
  ['MARKET_AND_OPINION_RESEARCH', 'SMS', ['MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION'], '[P15][P5]'],
];

const kinds = (purpose: CampaignPurposeCode, channel: ContactChannelCode, segment: Record<string, unknown>) =>
  honouredProhibitions(purpose, channel, segment).map((h) => h.kind);

describe('the purpose policy, cell by cell', () => {
  for (const [purpose, channel, expected, tags] of CELLS) {
    it(`${tags}[P2][P17] ${purpose} by ${channel} honours ${expected.join(', ')}, and PROFILING only when the segment profiles`, () => {
      expect(kinds(purpose, channel, PLAIN)).toEqual(expected);
      expect(kinds(purpose, channel, PROFILING)).toEqual([...expected, 'PROFILING']);
      // Channel-scoped prohibitions count on the campaign's channel only.
      for (const honoured of honouredProhibitions(purpose, channel, PROFILING)) expect(honoured.scope).toBe(channel);
    });
  }

  it('[P15] the test above covers every cell of the table, and the table has no other', () => {
    const tested = new Set(CELLS.map(([p, c]) => `${p}/${c}`));
    const table = Object.entries(PURPOSE_POLICY).flatMap(([p, byChannel]) => Object.keys(byChannel).map((c) => `${p}/${c}`));
    expect(new Set(table)).toEqual(tested);
    expect(tested.size).toBe(CAMPAIGN_PURPOSES.length * CONTACT_CHANNELS.length);
  });

  it('[P15] direct marketing is honoured by every marketing campaign on every channel, and never by research (GDPR 21(3))', () => {
    for (const channel of CONTACT_CHANNELS) {
      expect(kinds('DIRECT_MARKETING', channel, {})).toContain('DIRECT_MARKETING');
      expect(kinds('DISTANCE_SELLING', channel, {})).toContain('DIRECT_MARKETING');
      expect(kinds('MARKET_AND_OPINION_RESEARCH', channel, {})).not.toContain('DIRECT_MARKETING');
      expect(kinds('MARKET_AND_OPINION_RESEARCH', channel, {})).not.toContain('DISTANCE_SELLING');
    }
  });

  it('[P15] every rule has a reason in Finnish and in English', () => {
    for (const code of POLICY_REASON_CODES) {
      expect(POLICY_REASONS[code].fi.length, code).toBeGreaterThan(20);
      expect(POLICY_REASONS[code].en.length, code).toBeGreaterThan(20);
    }
    for (const byChannel of Object.values(PURPOSE_POLICY)) {
      for (const rules of Object.values(byChannel)) for (const rule of rules) expect(POLICY_REASON_CODES).toContain(rule.reason);
    }
  });
});

describe('whether a segment profiles', () => {
  it('[P2][P17] a segment on city, postal code, language or the profile alone does not profile', () => {
    expect(segmentProfiles({})).toBe(false);
    expect(segmentProfiles(null)).toBe(false);
    expect(segmentProfiles({ cities: ['Oulu'], postalCodePrefixes: ['90'], languages: ['fi'] })).toBe(false);
    expect(segmentProfiles({ hasOrganisation: false, sources: ['WEB_SHOP'], customerSinceFrom: '2024-01-01', customerSinceTo: '2024-12-31' })).toBe(false);
    expect(segmentProfiles({ orderedSku: null, minTotalSpendCents: undefined, cities: [] })).toBe(false);
  });

  it('[P2][P17] order history, spend and products bought profile, each on its own', () => {
    for (const criterion of [{ orderedSku: 'MUK-01' }, { orderedWithinDays: 30 }, { minTotalSpendCents: 0 }, { noOrderForDays: 90 }]) {
      expect(segmentProfiles({ cities: ['Oulu'], ...criterion }), JSON.stringify(criterion)).toBe(true);
    }
  });

  it('[P2][P17] a criterion the policy does not know (such as web behaviour, later) counts as profiling', () => {
    expect(NON_PROFILING_SEGMENT_FIELDS.has('visitedPages')).toBe(false);
    expect(segmentProfiles({ visitedPages: ['/tarjoukset'] })).toBe(true);
  });
});
