import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useAppAbility } from '../../app/ability';
import { useT } from '../../app/i18n';
import { customerName } from './CustomerStateMarker';
import { readFlags } from './fields';
import { PossibleDuplicatesQuery } from './operations';

interface Props {
  email: string | null;
  phone: string | null;
  excludeId?: string;
  saving: boolean;
  onSaveAnyway(): void;
}

/**
 * P6, one person, one record: after a POSSIBLE_DUPLICATE answer, the customers who share the
 * email or phone, so the user can check them before saving anyway.
 */
export function PossibleDuplicates({ email, phone, excludeId, saving, onSaveAnyway }: Props) {
  const t = useT();
  const ability = useAppAbility();
  const flags = useMemo(() => readFlags(ability), [ability]);
  const { data } = useQuery(PossibleDuplicatesQuery, {
    variables: {
      email,
      phone,
      excludeId: excludeId ?? null,
      withFirstName: flags.withFirstName,
      withLastName: flags.withLastName,
      withEmail: flags.withEmail,
      withPhone: flags.withPhone,
      withCity: flags.withCity,
    },
    fetchPolicy: 'network-only',
  });
  const duplicates = data?.possibleDuplicates ?? [];

  return (
    <div className="notice notice-warning" role="alert" data-testid="possible-duplicates">
      <p>
        <strong>{t.customers.duplicatesTitle}</strong>
      </p>
      <p>{t.customers.duplicatesIntro}</p>
      {data && duplicates.length === 0 && <p>{t.customers.duplicatesNoneVisible}</p>}
      {duplicates.length > 0 && (
        <ul className="duplicates">
          {duplicates.map((d) => (
            <li key={d.id}>
              <a href={`/customers/${d.id}`} target="_blank" rel="noopener">
                {[d.customerNumber, customerName(t, d)].filter(Boolean).join(' – ')}
              </a>
              {[d.email, d.phone, d.city].filter(Boolean).length > 0 && (
                <span className="muted"> · {[d.email, d.phone, d.city].filter(Boolean).join(' · ')}</span>
              )}
              {/* P6: an existing record and its duplicate compared field by field and merged. */}
              {excludeId && ability.can('merge', 'Customer') && (
                <>
                  {' '}
                  <a href={`/customer-merge?a=${excludeId}&b=${d.id}`}>{t.customerImport.compareAndMerge}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onSaveAnyway} disabled={saving}>
        {t.customers.saveAnyway}
      </button>
    </div>
  );
}
