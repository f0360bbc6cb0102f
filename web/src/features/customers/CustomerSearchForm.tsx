import { useState, type FormEvent } from 'react';
import { useAppAbility } from '../../app/ability';
import { useT } from '../../app/i18n';
import { DATA_SOURCES, LANGUAGES, SORTS, searchHint, type ListCriteria } from './listParams';

interface Props {
  criteria: ListCriteria;
  onApply(criteria: ListCriteria): void;
}

/**
 * Search, filters and sort order in one form, applied together. A filter on a field the user may
 * not read would be refused by the server (and would reveal the field), so it is not offered.
 */
export function CustomerSearchForm({ criteria, onApply }: Props) {
  const t = useT();
  const ability = useAppAbility();
  const [draft, setDraft] = useState(criteria);
  const set = (key: keyof ListCriteria) => (value: string) => setDraft((prev) => ({ ...prev, [key]: value }));
  const may = (field: string) => ability.can('read', 'Customer', field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    const empty: ListCriteria = { q: '', city: '', postal: '', lang: '', source: '', sort: draft.sort };
    setDraft(empty);
    onApply(empty);
  };
  const anyCriteria = ['q', 'city', 'postal', 'lang', 'source'].some((k) => criteria[k as keyof ListCriteria] !== '');

  return (
    <search>
      <form className="search" onSubmit={submit}>
        <label htmlFor="customer-search">{searchHint(t, ability)}</label>
        <div className="search-row">
          <input id="customer-search" type="search" value={draft.q} onChange={(e) => set('q')(e.target.value)} />
          <button type="submit" className="primary">
            {t.customers.search}
          </button>
          {anyCriteria && (
            <button type="button" onClick={clear}>
              {t.customers.clearFilters}
            </button>
          )}
        </div>
        <fieldset className="filters">
          <legend>{t.customers.filters}</legend>
          {may('city') && (
            <div className="field">
              <label htmlFor="filter-city">{t.customers.fields.city}</label>
              <input id="filter-city" value={draft.city} onChange={(e) => set('city')(e.target.value)} autoComplete="off" />
            </div>
          )}
          {may('postalCode') && (
            <div className="field field-narrow">
              <label htmlFor="filter-postal">{t.customers.postalCodePrefix}</label>
              <input
                id="filter-postal"
                value={draft.postal}
                onChange={(e) => set('postal')(e.target.value)}
                inputMode="numeric"
                maxLength={5}
                autoComplete="off"
              />
            </div>
          )}
          {may('language') && (
            <div className="field field-narrow">
              <label htmlFor="filter-language">{t.customers.fields.language}</label>
              <select id="filter-language" value={draft.lang} onChange={(e) => set('lang')(e.target.value)}>
                <option value="">{t.customers.anyLanguage}</option>
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t.customers.languages[l]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {may('source') && (
            <div className="field">
              <label htmlFor="filter-source">{t.customers.fields.source}</label>
              <select id="filter-source" value={draft.source} onChange={(e) => set('source')(e.target.value)}>
                <option value="">{t.customers.anySource}</option>
                {DATA_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t.sources[s]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field field-narrow">
            <label htmlFor="customer-sort">{t.customers.sort}</label>
            <select
              id="customer-sort"
              value={draft.sort}
              onChange={(e) => {
                // The order applies at once, with the criteria as typed.
                const next = { ...draft, sort: e.target.value as ListCriteria['sort'] };
                setDraft(next);
                onApply(next);
              }}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t.customerList.sorts[s]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      </form>
    </search>
  );
}
