import { formatLocalDate, formatMoney, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { SegmentFieldsFragment } from '../../gql/graphql';
import { isEverybody } from './segment';

/** The criteria of a saved segment, in words; those not given are left out. */
export function SegmentSummary({ segment }: { segment: SegmentFieldsFragment | null | undefined }) {
  const { t, language } = useI18n();
  const c = t.campaigns;
  const rows: Array<[string, string]> = [];
  if (segment && !isEverybody(segment)) {
    const days = (n: number) => `${formatNumber(n, language)} ${c.days}`;
    if (segment.cities?.length) rows.push([c.cities, segment.cities.join(', ')]);
    if (segment.postalCodePrefixes?.length) rows.push([c.postalCodePrefixes, segment.postalCodePrefixes.join(', ')]);
    if (segment.languages?.length) rows.push([c.languages, segment.languages.map((l) => t.customers.languages[l] ?? l).join(', ')]);
    if (segment.hasOrganisation !== null && segment.hasOrganisation !== undefined) {
      rows.push([c.hasOrganisation, segment.hasOrganisation ? c.hasOrganisationYes : c.hasOrganisationNo]);
    }
    if (segment.sources?.length) rows.push([c.sources, segment.sources.map((s) => t.sources[s] ?? s).join(', ')]);
    if (segment.customerSinceFrom) rows.push([c.customerSinceFrom, formatLocalDate(segment.customerSinceFrom, language)]);
    if (segment.customerSinceTo) rows.push([c.customerSinceTo, formatLocalDate(segment.customerSinceTo, language)]);
    if (segment.orderedSku) rows.push([c.orderedSku, segment.orderedSku]);
    if (segment.orderedWithinDays) rows.push([c.orderedWithinDays, days(segment.orderedWithinDays)]);
    if (segment.minTotalSpendCents !== null && segment.minTotalSpendCents !== undefined) {
      rows.push([c.minTotalSpend, formatMoney(segment.minTotalSpendCents, language)]);
    }
    if (segment.noOrderForDays) rows.push([c.noOrderForDays, days(segment.noOrderForDays)]);
    if (segment.visitedPage) rows.push([t.webEvents.visitedPage, segment.visitedPage]);
    if (segment.visitedWithinDays) rows.push([t.webEvents.visitedWithinDays, days(segment.visitedWithinDays)]);
  }
  return (
    <section aria-labelledby="segment-summary-title" className="segment-summary" data-testid="segment-summary">
      <h2 id="segment-summary-title">{c.segmentSummary}</h2>
      {rows.length === 0 ? (
        <p>{c.everyone}</p>
      ) : (
        <dl className="details">
          {rows.map(([label, value]) => (
            <div className="detail" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
