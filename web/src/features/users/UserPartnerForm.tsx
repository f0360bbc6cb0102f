import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorNotice, FieldError, FormErrors } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { useT } from '../../app/i18n';
import type { UserFieldsFragment } from '../../gql/graphql';
import { PartnersQuery } from '../customers/operations';
import { AssignUserPartnerMutation } from './operations';

interface Props {
  user: UserFieldsFragment;
  onDone(saved: boolean): void;
}

/** P4: the partner firm a PARTNER account works for; its staff see that firm's customers from their next request. */
export function UserPartnerForm({ user, onDone }: Props) {
  const t = useT();
  const username = user.username ?? '';
  const id = `user-${username}-partner`;
  const [partner, setPartner] = useState(user.partner?.id ?? '');
  const partners = useQuery(PartnersQuery);
  const [assign, { error, loading }] = useMutation(AssignUserPartnerMutation);
  const selectRef = useFocusWhen<HTMLSelectElement>(true);
  const errors = splitErrors(t, error, ['partner', 'partnerId']);
  const fieldError = errors.byField.partner ?? errors.byField.partnerId;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await assign({ variables: { id: user.id ?? '', partnerId: partner } });
      onDone(true);
    } catch {
      // shown through the result's error
    }
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label={`${t.users.partner}: ${username}`} data-testid={`${id}-form`} noValidate>
      {partners.error && <ErrorNotice error={partners.error} onRetry={() => void partners.refetch()} />}
      <FormErrors messages={errors.general} />
      <div className={fieldError ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>{t.users.partner}</label>
        <select
          id={id}
          ref={selectRef}
          value={partner}
          onChange={(e) => setPartner(e.target.value)}
          required
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
        >
          <option value="">{t.users.choosePartner}</option>
          {partners.data?.partners.map((p) => (
            <option key={p.id} value={p.id ?? ''}>
              {p.name}
            </option>
          ))}
        </select>
        {fieldError && <FieldError id={`${id}-error`} message={fieldError} />}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={loading || partner === ''}>
          {t.users.savePartner}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t.users.cancel}
        </button>
      </div>
    </form>
  );
}
