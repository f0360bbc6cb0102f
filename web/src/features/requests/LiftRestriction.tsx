import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FormErrors, TextField } from '../../app/components';
import { useAppAbility } from '../../app/ability';
import { useT } from '../../app/i18n';
import { CustomerQuery } from '../customers/operations';
import { LiftRestrictionMutation } from './operations';
import { requestErrors } from './requestErrors';

/** GDPR 18: a privacy officer ends a restriction of processing, saying why. */
export function LiftRestriction({ customerId, restricted }: { customerId: string; restricted: boolean }) {
  const t = useT();
  const ability = useAppAbility();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const [lift, { loading, error }] = useMutation(LiftRestrictionMutation, { refetchQueries: [CustomerQuery], awaitRefetchQueries: true });
  if (!ability.can('work', 'PrivacyRequest')) return null;
  // After lifting, the record reads unrestricted: the confirmation stays until the page is left.
  if (done) {
    return (
      <p className="notice notice-success" role="status">
        {t.requests.liftRestrictionDone}
      </p>
    );
  }
  if (!restricted) return null;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="lift-restriction">
        {t.requests.liftRestriction}
      </button>
    );
  }
  const errors = error ? requestErrors(t, error, ['note']) : { byField: {}, general: [] };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await lift({ variables: { customerId, note } }).then(
      () => setDone(true),
      () => undefined,
    );
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label={t.requests.liftRestriction}>
      <p className="hint">{t.requests.liftRestrictionHint}</p>
      <FormErrors messages={errors.general} />
      <TextField
        id="lift-restriction-note"
        label={t.requests.liftRestrictionNote}
        value={note}
        onChange={setNote}
        error={errors.byField.note}
        required
        autoFocus
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {t.requests.liftRestrictionConfirm}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t.requests.cancelAction}
        </button>
      </div>
    </form>
  );
}
