import { useMutation } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { FormErrors } from '../../app/components';
import { appErrors, describeError } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { CreateCustomerInput } from '../../gql/graphql';
import { CustomerFormFields } from './CustomerFormFields';
import { DRAFT_KEYS, draftKeyOfErrorField, emptyDraft, fieldOfDraftKey, inputOf, OPTIONAL_READ_FIELDS, type Draft, type DraftKey } from './fields';
import { CreateCustomerMutation } from './operations';

export function CreateCustomerPage() {
  const t = useT();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [create, { loading, error }] = useMutation(CreateCustomerMutation);
  const creatable = useMemo(
    () => new Set(OPTIONAL_READ_FIELDS.filter((f) => ability.can('create', 'Customer', f))),
    [ability],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Send what the user filled in; firstName and lastName always (the server requires them).
    const fields = [...new Set(DRAFT_KEYS.filter((k) => draft[k].trim() !== '').map(fieldOfDraftKey))]
      .filter((f) => creatable.has(f) && f !== 'partner');
    const input = inputOf(draft, fields);
    try {
      const { data } = await create({
        variables: { input: { firstName: '', lastName: '', ...input } as CreateCustomerInput },
        refetchQueries: ['CustomerList'],
      });
      if (data?.createCustomer.id) void navigate(`/customers/${data.createCustomer.id}`);
    } catch {
      // shown through `error`
    }
  };

  const byField: Partial<Record<DraftKey, string>> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    const key = e.field ? draftKeyOfErrorField(e.field) : undefined;
    if (key) byField[key] = describeError(t, e);
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
        <CustomerFormFields
          idPrefix="create"
          draft={draft}
          onChange={(key, value) => setDraft((prev) => ({ ...prev, [key]: value }))}
          editable={creatable}
          errors={byField}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={loading}>
            {t.customers.create}
          </button>
        </div>
      </form>
    </section>
  );
}
