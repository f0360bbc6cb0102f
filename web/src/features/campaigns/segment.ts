import { parseEuros } from '../../app/format';
import type { DataSource, Language, SegmentFieldsFragment, SegmentInput } from '../../gql/graphql';

/** The segment builder's values as typed; lists and numbers are parsed into `SegmentInput`. */
export interface SegmentDraft {
  cities: string;
  postalCodePrefixes: string;
  languages: Language[];
  hasOrganisation: '' | 'yes' | 'no';
  sources: DataSource[];
  customerSinceFrom: string;
  customerSinceTo: string;
  orderedSku: string;
  orderedWithinDays: string;
  minTotalSpend: string;
  noOrderForDays: string;
  /** P13: a page of the company's site (a path), and within how many days. */
  visitedPage: string;
  visitedWithinDays: string;
}

export const emptySegmentDraft = (): SegmentDraft => ({
  cities: '',
  postalCodePrefixes: '',
  languages: [],
  hasOrganisation: '',
  sources: [],
  customerSinceFrom: '',
  customerSinceTo: '',
  orderedSku: '',
  orderedWithinDays: '',
  minTotalSpend: '',
  noOrderForDays: '',
  visitedPage: '',
  visitedWithinDays: '',
});

/** "Helsinki, Espoo ,," is ["Helsinki", "Espoo"]. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/** A field the browser can already tell is wrong, named as the server names it (`segment.…`). */
export type SegmentProblem = 'segment.orderedWithinDays' | 'segment.noOrderForDays' | 'segment.minTotalSpendCents' | 'segment.visitedWithinDays';

const wholeDays = (text: string): number | null | undefined => {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return /^\d{1,5}$/.test(trimmed) && Number(trimmed) >= 1 ? Number(trimmed) : null;
};

/**
 * The input for the server, with only the criteria given (`{}` is every customer), and the fields
 * that cannot be sent as typed. Money is typed in euros and sent in cents.
 */
export function segmentInputOf(draft: SegmentDraft): { input: SegmentInput; problems: SegmentProblem[] } {
  const input: SegmentInput = {};
  const problems: SegmentProblem[] = [];
  const cities = splitList(draft.cities);
  if (cities.length) input.cities = cities;
  const prefixes = splitList(draft.postalCodePrefixes);
  if (prefixes.length) input.postalCodePrefixes = prefixes;
  if (draft.languages.length) input.languages = draft.languages;
  if (draft.hasOrganisation) input.hasOrganisation = draft.hasOrganisation === 'yes';
  if (draft.sources.length) input.sources = draft.sources;
  if (draft.customerSinceFrom) input.customerSinceFrom = draft.customerSinceFrom;
  if (draft.customerSinceTo) input.customerSinceTo = draft.customerSinceTo;
  if (draft.orderedSku.trim()) input.orderedSku = draft.orderedSku.trim();
  if (draft.visitedPage.trim()) input.visitedPage = draft.visitedPage.trim();
  for (const field of ['orderedWithinDays', 'noOrderForDays', 'visitedWithinDays'] as const) {
    const days = wholeDays(draft[field]);
    if (days === null) problems.push(`segment.${field}`);
    else if (days !== undefined) input[field] = days;
  }
  if (draft.minTotalSpend.trim()) {
    const cents = parseEuros(draft.minTotalSpend);
    if (cents === null) problems.push('segment.minTotalSpendCents');
    else input.minTotalSpendCents = cents;
  }
  return { input, problems };
}

/**
 * `extensions.field` of a segment error, as `segment.<field>`. createCampaign names it so;
 * estimateSegment's validation names the bare field (`noOrderForDays`).
 */
export function segmentField(field: string | undefined): string | undefined {
  if (!field) return undefined;
  if (field.startsWith('segment.')) return field;
  return SEGMENT_KEYS.includes(field as (typeof SEGMENT_KEYS)[number]) ? `segment.${field}` : undefined;
}

const SEGMENT_KEYS = [
  'cities',
  'postalCodePrefixes',
  'languages',
  'hasOrganisation',
  'sources',
  'customerSinceFrom',
  'customerSinceTo',
  'orderedSku',
  'orderedWithinDays',
  'minTotalSpendCents',
  'noOrderForDays',
  'visitedPage',
  'visitedWithinDays',
] as const;

/** Whether a stored segment has no criteria, i.e. is every customer. */
export function isEverybody(segment: SegmentFieldsFragment | null | undefined): boolean {
  if (!segment) return true;
  return Object.entries(segment).every(
    ([key, value]) => key === '__typename' || value === null || value === undefined || (Array.isArray(value) && value.length === 0),
  );
}
