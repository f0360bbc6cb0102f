import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FormErrors, TextField } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import { LoginMutation, MeQuery } from './operations';

export function LoginPage() {
  const t = useT();
  const client = useApolloClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LoginMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await login({ variables: { username: username.trim(), password } });
      if (data) client.writeQuery({ query: MeQuery, data: { me: data.login } });
    } catch {
      setPassword(''); // shown through `error`
    }
  };

  const errors = splitErrors(t, error, ['username', 'password']);
  return (
    <section className="card">
      <h1>{t.auth.loginTitle}</h1>
      <form onSubmit={submit} aria-label={t.auth.loginTitle}>
        <FormErrors messages={errors.general} />
        <TextField
          id="login-username"
          label={t.auth.username}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoFocus
          required
          error={errors.byField.username}
        />
        <TextField
          id="login-password"
          type="password"
          label={t.auth.password}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          error={errors.byField.password}
        />
        <button type="submit" className="primary" disabled={loading}>
          {t.auth.login}
        </button>
      </form>
    </section>
  );
}
