import { useState, type FormEvent } from 'react';
import { FormErrors, TextField } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import { sessionRequest } from '../../app/sessionClient';
import { setMe } from '../../app/sessionStore';

export function LoginPage() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLoading(true);
    setError(null);
    try {
      const data = await sessionRequest('Login', { username: username.trim(), password });
      setMe(data.login);
    } catch (failure) {
      setPassword('');
      setError(failure);
      setLoading(false);
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
