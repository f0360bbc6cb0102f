import { useMutation } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { useAppAbility } from '../../app/ability';
import { FormErrors } from '../../app/components';
import { appErrors, describeError, hasCode } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { CustomerFieldsFragment, UpdateCustomerInput } from '../../gql/graphql';
import { CustomerFormFields } from './CustomerFormFields';
import {
  DRAFT_KEYS,
  draftKeyOfErrorField,
  draftOf,
  fieldOfDraftKey,
  inputOf,
  OPTIONAL_READ_FIELDS,
  readFlags,
  type Draft,
  type DraftKey,
  type OptionalReadField,
} from './fields';
import { UpdateCustomerMutation } from './operations';
import { PossibleDuplicates } from './PossibleDuplicates';

interface Props {
  customer: CustomerFieldsFragment;
  editable: Set<OptionalReadField>;
  refetch(): Promise<unknown>;
  onDone(saved: boolean): void;
}

/**
 * Edits are kept apart from the record they were made on, so after a conflict the latest version
 * can be loaded under them (P16: nobody's change is silently overwritten).
 */
export function CustomerEditForm({ customer, editable, refetch, onDone }: Props) {
  const { t } = useI18n();
  const ability = useAppAbility();
  const flags = useMemo(() => readFlags(ability), [ability]);
  const [edits, setEdits] = useState<Partial<Draft>>({});
  const [conflict, setConflict] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [nothing, setNothing] = useState(false);
  const [duplicateOf, setDuplicateOf] = useState<{ email: string | null; phone: string | null } | null>(null);
  const [update, { loading, error, reset }] = useMutation(UpdateCustomerMutation);

  const base = draftOf(customer);
  const draft: Draft = { ...base, ...edits };
  const changedKeys = new Set(DRAFT_KEYS.filter((k) => draft[k] !== base[k]));
  const readOnly = new Set(OPTIONAL_READ_FIELDS.filter((f) => customer[f] !== undefined && !editable.has(f)));

  const save = async (confirmDuplicates: boolean) => {
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
          confirmDuplicates,
          ...flags,
        },
      });
      onDone(true);
    } catch (e) {
      setConflict(hasCode(e, 'CONFLICT'));
      if (hasCode(e, 'POSSIBLE_DUPLICATE')) {
        setDuplicateOf({
          email: changedKeys.has('email') ? draft.email.trim() || null : null,
          phone: changedKeys.has('phone') ? draft.phone.trim() || null : null,
        });
      }
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDuplicateOf(null);
    void save(false);
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
    if (e.code === 'CONFLICT' || e.code === 'POSSIBLE_DUPLICATE') continue;
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
      {duplicateOf && (
        <PossibleDuplicates
          email={duplicateOf.email}
          phone={duplicateOf.phone}
          excludeId={customer.id ?? undefined}
          saving={loading}
          onSaveAnyway={() => void save(true)}
        />
      )}
      <FormErrors messages={[...new Set(general)]} />
      <CustomerFormFields
        idPrefix="edit"
        draft={draft}
        onChange={(key, value) => {
          setEdits((prev) => ({ ...prev, [key]: value }));
          if (duplicateOf && (key === 'email' || key === 'phone')) {
            setDuplicateOf(null);
            reset();
          }
        }}
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
