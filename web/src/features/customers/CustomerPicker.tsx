import { useQuery } from '@apollo/client/react';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { type Messages, useT } from '../../app/i18n';
import { customerName } from './CustomerStateMarker';
import { readFlags } from './fields';
import { CustomerListQuery } from './operations';

export interface PickedCustomer {
  id: string;
  customerNumber: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

interface Props {
  /** Prefix of the ids inside, e.g. `intake-customer`. */
  id: string;
  label: string;
  hint?: string;
  value: PickedCustomer | null;
  onChange(customer: PickedCustomer | null): void;
  error?: string;
}

const RESULTS = 8;

function describe(t: Messages, c: Omit<PickedCustomer, 'id'>): string {
  return [c.customerNumber, customerName(t, c)].filter(Boolean).join(' – ');
}

/**
 * Picks one customer with the customer list's own search (name, email, organisation, number,
 * phone), showing only the fields the user may read. It is a search inside a form, so Enter
 * searches rather than submitting the form around it.
 */
export function CustomerPicker({ id, label, hint, value, onChange, error }: Props) {
  const t = useT();
  const ability = useAppAbility();
  const flags = useMemo(() => readFlags(ability), [ability]);
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const {
    data,
    loading,
    error: searchError,
  } = useQuery(CustomerListQuery, {
    skip: search === '' || value !== null,
    variables: {
      search,
      filter: null,
      orderBy: 'NAME',
      first: RESULTS,
      after: null,
      withFirstName: flags.withFirstName,
      withLastName: flags.withLastName,
      withOrganisation: flags.withOrganisation,
      withEmail: flags.withEmail,
      withCity: flags.withCity,
      withState: flags.withState,
      // The picker shows its matches, not how many there are: nothing to count.
      withCount: false,
    },
  });
  const results = data?.customers.edges.map((e) => e.node) ?? [];
  const run = () => setSearch(draft.trim());
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    run();
  };
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  if (value) {
    return (
      <div className="field customer-picker" data-testid={id}>
        <span className="label">{label}</span>
        <p className="picked" data-testid={`${id}-chosen`}>
          {describe(t, value)}
        </p>
        <div className="actions">
          <button type="button" onClick={() => onChange(null)}>
            {t.customers.pickerChange}
          </button>
        </div>
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className={error ? 'field field-invalid customer-picker' : 'field customer-picker'} data-testid={id}>
      <label htmlFor={`${id}-search`}>{label}</label>
      <div className="search-row">
        <input
          id={`${id}-search`}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
        <button type="button" onClick={run}>
          {t.customers.pickerSearch}
        </button>
      </div>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {searchError && <ErrorNotice error={searchError} />}
      {search !== '' && loading && !data && <Loading />}
      {search !== '' && data && (
        <div aria-live="polite">
          {results.length === 0 ? (
            <p className="empty">{t.customers.pickerNone}</p>
          ) : (
            <ul className="picker-results" aria-label={t.customers.pickerResults} data-testid={`${id}-results`}>
              {results.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    data-testid={`${id}-option`}
                    onClick={() => onChange({ id: c.id ?? '', customerNumber: c.customerNumber ?? null, firstName: c.firstName, lastName: c.lastName })}
                  >
                    {t.customers.pickerChoose}
                  </button>{' '}
                  <span>{describe(t, c)}</span>
                  {[c.email, c.city].filter(Boolean).length > 0 && <span className="muted"> · {[c.email, c.city].filter(Boolean).join(' · ')}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
