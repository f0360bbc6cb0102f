import { FieldError, TextField } from '../../app/components';
import { useT } from '../../app/i18n';
import type { DataSource, Language } from '../../gql/graphql';
import { DATA_SOURCES, LANGUAGES } from '../customers/listParams';
import type { SegmentDraft } from './segment';

interface Props {
  draft: SegmentDraft;
  onChange(draft: SegmentDraft): void;
  /** Messages by `segment.<field>`. */
  errors: Record<string, string>;
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/** P3: who the campaign is for. Every criterion is optional; together they narrow. */
export function SegmentBuilder({ draft, onChange, errors }: Props) {
  const t = useT();
  const c = t.campaigns;
  const set =
    <K extends keyof SegmentDraft>(key: K) =>
    (value: SegmentDraft[K]) =>
      onChange({ ...draft, [key]: value });
  const err = (field: string) => errors[`segment.${field}`];

  return (
    <fieldset className="segment" data-testid="segment-builder">
      <legend>{c.segment}</legend>
      <p className="hint intro">{c.segmentHint}</p>
      <div className="form-grid">
        <TextField
          id="segment-cities"
          label={c.cities}
          value={draft.cities}
          onChange={set('cities')}
          hint={c.citiesHint}
          autoComplete="off"
          error={err('cities')}
        />
        <TextField
          id="segment-postalCodePrefixes"
          label={c.postalCodePrefixes}
          value={draft.postalCodePrefixes}
          onChange={set('postalCodePrefixes')}
          hint={c.postalCodePrefixesHint}
          autoComplete="off"
          error={err('postalCodePrefixes')}
        />
      </div>
      <div className="form-grid">
        <fieldset className="choices" aria-describedby={err('languages') ? 'segment-languages-error' : undefined}>
          <legend>{c.languages}</legend>
          {LANGUAGES.map((language) => (
            <label key={language} className="checkbox">
              <input
                type="checkbox"
                checked={draft.languages.includes(language)}
                onChange={(e) => set('languages')(toggle<Language>(draft.languages, language, e.target.checked))}
              />
              {t.customers.languages[language]}
            </label>
          ))}
          {err('languages') && <FieldError id="segment-languages-error" message={err('languages')} />}
        </fieldset>
        <fieldset className="choices">
          <legend>{c.hasOrganisation}</legend>
          {(
            [
              ['', c.hasOrganisationAny],
              ['yes', c.hasOrganisationYes],
              ['no', c.hasOrganisationNo],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="segment-hasOrganisation"
                value={value}
                checked={draft.hasOrganisation === value}
                onChange={() => set('hasOrganisation')(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      </div>
      <fieldset className="choices" aria-describedby={err('sources') ? 'segment-sources-error' : undefined}>
        <legend>{c.sources}</legend>
        {DATA_SOURCES.map((source) => (
          <label key={source} className="checkbox">
            <input
              type="checkbox"
              checked={draft.sources.includes(source)}
              onChange={(e) => set('sources')(toggle<DataSource>(draft.sources, source, e.target.checked))}
            />
            {t.sources[source] ?? source}
          </label>
        ))}
        {err('sources') && <FieldError id="segment-sources-error" message={err('sources')} />}
      </fieldset>
      <div className="form-grid">
        <TextField
          id="segment-customerSinceFrom"
          type="date"
          label={c.customerSinceFrom}
          value={draft.customerSinceFrom}
          onChange={set('customerSinceFrom')}
          error={err('customerSinceFrom')}
        />
        <TextField
          id="segment-customerSinceTo"
          type="date"
          label={c.customerSinceTo}
          value={draft.customerSinceTo}
          onChange={set('customerSinceTo')}
          min={draft.customerSinceFrom || undefined}
          error={err('customerSinceTo')}
        />
      </div>
      <fieldset className="choices">
        <legend>{c.orders}</legend>
        <div className="form-grid">
          <TextField
            id="segment-orderedSku"
            label={c.orderedSku}
            value={draft.orderedSku}
            onChange={set('orderedSku')}
            maxLength={64}
            autoComplete="off"
            error={err('orderedSku')}
          />
          <TextField
            id="segment-orderedWithinDays"
            label={c.orderedWithinDays}
            value={draft.orderedWithinDays}
            onChange={set('orderedWithinDays')}
            inputMode="numeric"
            autoComplete="off"
            error={err('orderedWithinDays')}
          />
          <TextField
            id="segment-minTotalSpend"
            label={c.minTotalSpend}
            value={draft.minTotalSpend}
            onChange={set('minTotalSpend')}
            inputMode="decimal"
            autoComplete="off"
            error={err('minTotalSpendCents')}
          />
          <TextField
            id="segment-noOrderForDays"
            label={c.noOrderForDays}
            value={draft.noOrderForDays}
            onChange={set('noOrderForDays')}
            inputMode="numeric"
            autoComplete="off"
            error={err('noOrderForDays')}
          />
        </div>
      </fieldset>
      <fieldset className="choices">
        <legend>{t.webEvents.segmentLegend}</legend>
        <p className="hint">{t.webEvents.segmentHint}</p>
        <div className="form-grid">
          <TextField
            id="segment-visitedPage"
            label={t.webEvents.visitedPage}
            value={draft.visitedPage}
            onChange={set('visitedPage')}
            maxLength={512}
            autoComplete="off"
            error={err('visitedPage')}
          />
          <TextField
            id="segment-visitedWithinDays"
            label={t.webEvents.visitedWithinDays}
            value={draft.visitedWithinDays}
            onChange={set('visitedWithinDays')}
            inputMode="numeric"
            autoComplete="off"
            error={err('visitedWithinDays')}
          />
        </div>
      </fieldset>
    </fieldset>
  );
}
