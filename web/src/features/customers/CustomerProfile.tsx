import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { formatDay, formatTime } from '../../app/format';
import { useI18n, type Language, type Messages } from '../../app/i18n';
import type { CustomerFieldsFragment } from '../../gql/graphql';
import { MeQuery } from '../auth/operations';
import { CustomerEditForm } from './CustomerEditForm';
import { DETAIL_FIELDS, updatableFields, type DetailField, type OptionalReadField } from './fields';

interface Props {
  customer: CustomerFieldsFragment;
  refetch(): Promise<unknown>;
}

/** The customer's own data, each value with where it came from (P7) when the user may see that. */
export function CustomerProfile({ customer, refetch }: Props) {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const me = useQuery(MeQuery, { fetchPolicy: 'cache-only' }).data?.me;
  // P6: a merged record is changed no more (the server refuses it too): its person lives on in the kept customer.
  const editable = customer.mergedInto ? new Set<OptionalReadField>() : updatableFields(ability, customer, me?.user.partner?.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const provenance = new Map((customer.provenance ?? []).map((p) => [p.field, p]));

  return (
    <>
      {saved && !editing && (
        <p className="notice notice-success" role="status" data-testid="saved">
          {t.customers.saved}
        </p>
      )}
      {editing ? (
        <CustomerEditForm
          customer={customer}
          editable={editable}
          refetch={refetch}
          onDone={(didSave) => {
            setEditing(false);
            setSaved(didSave);
          }}
        />
      ) : (
        <>
          <dl className="details">
            {DETAIL_FIELDS.filter((f) => isShown(customer, f)).map((field) => {
              const origin = provenance.get(field);
              return (
                <div key={field} className="detail">
                  <dt>{t.customers.fields[field]}</dt>
                  <dd data-testid={`field-${field}`}>{displayValue(t, language, customer, field)}</dd>
                  {origin && (
                    <dd
                      className="badge"
                      data-testid={`provenance-${field}`}
                      title={t.customers.provenanceTitle(
                        t.sources[origin.source],
                        origin.detail ?? null,
                        formatTime(origin.recordedAt, language),
                        origin.recordedBy ?? null,
                      )}
                    >
                      {[t.sources[origin.source], origin.detail, formatDay(origin.recordedAt, language)].filter(Boolean).join(' · ')}
                    </dd>
                  )}
                </div>
              );
            })}
          </dl>
          {editable.size > 0 && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t.customers.edit}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** A field is shown when the query asked for it (the user may read it): `undefined` means not asked. */
function isShown(customer: CustomerFieldsFragment, field: DetailField): boolean {
  return customer[field] !== undefined;
}

function displayValue(t: Messages, language: Language, customer: CustomerFieldsFragment, field: DetailField): string {
  const none = t.customers.none;
  switch (field) {
    case 'organisation':
      return customer.organisation ? [customer.organisation.name, customer.organisation.businessId].filter(Boolean).join(', ') : none;
    case 'partner':
      return customer.partner?.name ?? none;
    case 'language':
      return customer.language ? t.customers.languages[customer.language] : none;
    case 'source':
      return customer.source ? t.sources[customer.source] : none;
    case 'createdAt':
    case 'updatedAt': {
      const value = customer[field];
      return value ? formatTime(value, language) : none;
    }
    default: {
      const value = customer[field];
      return value === null || value === undefined || value === '' ? none : String(value);
    }
  }
}
