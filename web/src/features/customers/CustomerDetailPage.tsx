import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, FormErrors, Loading } from '../../app/components';
import { appErrors, describeError, hasCode } from '../../app/errors';
import { formatTime } from '../../app/format';
import { useI18n, type Language, type Messages } from '../../app/i18n';
import type { CustomerFieldsFragment, UpdateCustomerInput } from '../../gql/graphql';
import { MeQuery } from '../auth/operations';
import { CustomerFormFields } from './CustomerFormFields';
import {
  DETAIL_FIELDS,
  DRAFT_KEYS,
  draftKeyOfErrorField,
  draftOf,
  fieldOfDraftKey,
  inputOf,
  OPTIONAL_READ_FIELDS,
  readFlags,
  updatableFields,
  type DetailField,
  type Draft,
  type DraftKey,
  type OptionalReadField,
} from './fields';
import { CustomerQuery, UpdateCustomerMutation } from './operations';

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const ability = useAppAbility();
  const flags = useMemo(() => readFlags(ability), [ability]);
  const { data, loading, error, refetch } = useQuery(CustomerQuery, {
    variables: { id, ...flags },
    errorPolicy: 'all',
  });

  const customer = data?.customer;
  return (
    <section>
      <p>
        <Link to="/customers">← {t.customers.backToList}</Link>
      </p>
      {loading && !customer && <Loading />}
      {!customer && error && <ErrorNotice error={error} />}
      {customer && <CustomerView customer={customer} refetch={refetch} />}
    </section>
  );
}

interface ViewProps {
  customer: CustomerFieldsFragment;
  refetch(): Promise<unknown>;
}

function CustomerView({ customer, refetch }: ViewProps) {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const me = useQuery(MeQuery, { fetchPolicy: 'cache-only' }).data?.me;
  const editable = updatableFields(ability, customer, me?.user.partner?.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const title = [customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.customerNumber;

  return (
    <article aria-labelledby="customer-title">
      <h1 id="customer-title">{title}</h1>
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
            {DETAIL_FIELDS.filter((f) => isShown(customer, f)).map((field) => (
              <div key={field} className="detail">
                <dt>{t.customers.fields[field]}</dt>
                <dd data-testid={`field-${field}`}>{displayValue(t, language, customer, field)}</dd>
              </div>
            ))}
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
    </article>
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
      return customer.organisation
        ? [customer.organisation.name, customer.organisation.businessId].filter(Boolean).join(', ')
        : none;
    case 'partner':
      return customer.partner?.name ?? none;
    case 'language':
      return customer.language ? t.customers.languages[customer.language] : none;
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

interface EditProps {
  customer: CustomerFieldsFragment;
  editable: Set<OptionalReadField>;
  refetch(): Promise<unknown>;
  onDone(saved: boolean): void;
}

/**
 * Edits are kept apart from the record they were made on, so after a conflict the latest version
 * can be loaded under them (P16: nobody's change is silently overwritten).
 */
function CustomerEditForm({ customer, editable, refetch, onDone }: EditProps) {
  const { t } = useI18n();
  const ability = useAppAbility();
  const flags = useMemo(() => readFlags(ability), [ability]);
  const [edits, setEdits] = useState<Partial<Draft>>({});
  const [conflict, setConflict] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [nothing, setNothing] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateCustomerMutation);

  const base = draftOf(customer);
  const draft: Draft = { ...base, ...edits };
  const changedKeys = new Set(DRAFT_KEYS.filter((k) => draft[k] !== base[k]));
  const readOnly = new Set(OPTIONAL_READ_FIELDS.filter((f) => customer[f] !== undefined && !editable.has(f)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setReloaded(false);
    const fields = [...new Set([...changedKeys].map(fieldOfDraftKey))];
    if (fields.length === 0) {
      setNothing(true);
      return;
    }
    setNothing(false);
    try {
      await update({
        variables: {
          id: customer.id ?? '',
          version: customer.version ?? 0,
          input: inputOf(draft, fields) as UpdateCustomerInput,
          ...flags,
        },
      });
      onDone(true);
    } catch (e) {
      setConflict(hasCode(e, 'CONFLICT'));
    }
  };

  const reloadLatest = async () => {
    reset();
    await refetch();
    setConflict(false);
    setReloaded(true);
  };

  const byField: Partial<Record<DraftKey, string>> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    if (e.code === 'CONFLICT') continue;
    const key = e.field ? draftKeyOfErrorField(e.field) : undefined;
    if (key) byField[key] = describeError(t, e);
    else general.push(describeError(t, e));
  }

  return (
    <form onSubmit={submit} aria-labelledby="customer-title" className="edit-form">
      {conflict && (
        <div className="notice notice-warning" role="alert" data-testid="conflict">
          <p>{t.customers.conflict}</p>
          <button type="button" onClick={() => void reloadLatest()}>
            {t.customers.reloadLatest}
          </button>
        </div>
      )}
      {reloaded && (
        <p className="notice notice-info" role="status">
          {t.customers.reloaded}
        </p>
      )}
      {nothing && (
        <p className="notice notice-info" role="status">
          {t.customers.noChanges}
        </p>
      )}
      <FormErrors messages={[...new Set(general)]} />
      <CustomerFormFields
        idPrefix="edit"
        draft={draft}
        onChange={(key, value) => setEdits((prev) => ({ ...prev, [key]: value }))}
        editable={editable}
        readOnly={readOnly}
        errors={byField}
        changed={changedKeys}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {t.customers.save}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t.customers.cancel}
        </button>
      </div>
    </form>
  );
}
