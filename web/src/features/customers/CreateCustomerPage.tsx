import { useMutation } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { FormErrors, TextField } from '../../app/components';
import { appErrors, describeError, hasCode } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { CreateCustomerInput, DataSource } from '../../gql/graphql';
import { CustomerFormFields } from './CustomerFormFields';
import { DRAFT_KEYS, draftKeyOfErrorField, emptyDraft, fieldOfDraftKey, inputOf, OPTIONAL_READ_FIELDS, type Draft, type DraftKey } from './fields';
import { DATA_SOURCES } from './listParams';
import { CreateCustomerMutation } from './operations';
import { PossibleDuplicates } from './PossibleDuplicates';

export function CreateCustomerPage() {
  const t = useT();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  // P7: where the data came from; a person at the desk types it in unless told otherwise.
  const [source, setSource] = useState<DataSource>('STAFF_ENTRY');
  const [sourceDetail, setSourceDetail] = useState('');
  const [duplicateOf, setDuplicateOf] = useState<{ email: string | null; phone: string | null } | null>(null);
  const [create, { loading, error, reset }] = useMutation(CreateCustomerMutation);
  const creatable = useMemo(() => new Set(OPTIONAL_READ_FIELDS.filter((f) => ability.can('create', 'Customer', f))), [ability]);

  const save = async (confirmDuplicates: boolean) => {
    // Send what the user filled in; firstName and lastName always (the server requires them).
    const fields = [...new Set(DRAFT_KEYS.filter((k) => draft[k].trim() !== '').map(fieldOfDraftKey))].filter((f) => creatable.has(f) && f !== 'partner');
    const input = inputOf(draft, fields);
    try {
      const { data } = await create({
        variables: {
          input: { firstName: '', lastName: '', ...input } as CreateCustomerInput,
          source: { source, detail: sourceDetail.trim() || null },
          confirmDuplicates,
        },
        refetchQueries: ['CustomerList'],
      });
      if (data?.createCustomer.id) void navigate(`/customers/${data.createCustomer.id}`);
    } catch (e) {
      if (hasCode(e, 'POSSIBLE_DUPLICATE')) {
        setDuplicateOf({ email: draft.email.trim() || null, phone: draft.phone.trim() || null });
      }
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDuplicateOf(null);
    void save(false);
  };

  const byField: Partial<Record<DraftKey, string>> = {};
  const general: string[] = [];
  let sourceDetailError: string | undefined;
  for (const e of appErrors(error)) {
    if (e.code === 'POSSIBLE_DUPLICATE') continue;
    const key = e.field ? draftKeyOfErrorField(e.field) : undefined;
    if (key) byField[key] = describeError(t, e);
    else if (e.field === 'source.detail') sourceDetailError = describeError(t, e);
    else general.push(describeError(t, e));
  }

  return (
    <section aria-labelledby="create-title">
      <p>
        <Link to="/customers">← {t.customers.backToList}</Link>
      </p>
      <h1 id="create-title">{t.customers.createTitle}</h1>
      <form onSubmit={submit} aria-labelledby="create-title">
        <FormErrors messages={[...new Set(general)]} />
        {duplicateOf && <PossibleDuplicates email={duplicateOf.email} phone={duplicateOf.phone} saving={loading} onSaveAnyway={() => void save(true)} />}
        <CustomerFormFields
          idPrefix="create"
          draft={draft}
          onChange={(key, value) => {
            setDraft((prev) => ({ ...prev, [key]: value }));
            if (duplicateOf && (key === 'email' || key === 'phone')) {
              setDuplicateOf(null);
              reset();
            }
          }}
          editable={creatable}
          errors={byField}
        />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="create-source">{t.customers.dataSource}</label>
            <select id="create-source" value={source} onChange={(e) => setSource(e.target.value as DataSource)}>
              {DATA_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t.sources[s]}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="create-sourceDetail"
            label={t.customers.dataSourceDetail}
            value={sourceDetail}
            onChange={setSourceDetail}
            error={sourceDetailError}
            maxLength={200}
            autoComplete="off"
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={loading}>
            {t.customers.create}
          </button>
        </div>
      </form>
    </section>
  );
}
