import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FormErrors, TextField } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { MeFieldsFragment } from '../../gql/graphql';
import { ChangePasswordMutation, MeQuery } from './operations';

/** P12: a one-time password given by an admin is changed before anything else. */
export function ChangePasswordPage({ me }: { me: MeFieldsFragment }) {
  const t = useT();
  const client = useApolloClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [changePassword, { loading, error }] = useMutation(ChangePasswordMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    try {
      const { data } = await changePassword({ variables: { currentPassword, newPassword } });
      if (data) client.writeQuery({ query: MeQuery, data: { me: data.changePassword } });
    } catch {
      // shown through `error`
    }
  };

  const errors = splitErrors(t, error, ['currentPassword', 'newPassword']);
  return (
    <section className="card">
      <h1>{t.auth.changePasswordTitle}</h1>
      <p>{t.auth.changePasswordIntro}</p>
      <form onSubmit={submit} aria-label={t.auth.changePasswordTitle}>
        <input type="text" hidden readOnly autoComplete="username" value={me.user.username ?? ''} />
        <FormErrors messages={errors.general} />
        <TextField
          id="current-password"
          type="password"
          label={t.auth.currentPassword}
          value={currentPassword}
          onChange={setCurrentPassword}
          autoComplete="current-password"
          required
          autoFocus
          error={errors.byField.currentPassword}
        />
        <TextField
          id="new-password"
          type="password"
          label={t.auth.newPassword}
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          required
          minLength={12}
          hint={t.auth.newPasswordHint}
          error={errors.byField.newPassword}
        />
        <TextField
          id="repeat-password"
          type="password"
          label={t.auth.repeatPassword}
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
          required
          error={mismatch ? t.auth.passwordsDiffer : undefined}
        />
        <button type="submit" className="primary" disabled={loading}>
          {t.auth.changePassword}
        </button>
      </form>
    </section>
  );
}
