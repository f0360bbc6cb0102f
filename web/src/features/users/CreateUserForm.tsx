import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { Role } from '../../gql/graphql';
import { PartnersQuery } from '../customers/operations';
import { RoleCheckboxes } from './RoleCheckboxes';
import { CreateUserMutation, UsersQuery } from './operations';

/** P12: a personal account with a one-time password, shown once to the admin who created it. */
export function CreateUserForm() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [partner, setPartner] = useState('');
  const [created, setCreated] = useState<{ username: string; initialPassword: string } | null>(null);
  const [createUser, { loading, error, reset }] = useMutation(CreateUserMutation, { refetchQueries: [UsersQuery] });
  const partners = useQuery(PartnersQuery, { skip: !roles.includes('PARTNER') });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    try {
      const { data } = await createUser({
        variables: {
          input: {
            username: username.trim(),
            displayName: displayName.trim(),
            roles,
            partner: roles.includes('PARTNER') && partner ? partner : null,
          },
        },
      });
      if (!data) return;
      setCreated({ username: data.createUser.user.username ?? username, initialPassword: data.createUser.initialPassword });
      setUsername('');
      setDisplayName('');
      setRoles([]);
      setPartner('');
    } catch {
      // shown through `error`
    }
  };

  const errors = splitErrors(t, error, ['username', 'displayName', 'roles', 'partner']);
  return (
    <section aria-labelledby="create-user-title" className="card">
      <h2 id="create-user-title">{t.users.createTitle}</h2>
      {created && (
        <div className="notice notice-success" role="status" data-testid="user-created">
          <p>{t.users.created(created.username)}</p>
          <p>
            {t.users.initialPassword}: <code data-testid="initial-password">{created.initialPassword}</code>
          </p>
          <p className="hint">{t.users.initialPasswordHint}</p>
          <button type="button" onClick={() => setCreated(null)}>
            {t.users.dismiss}
          </button>
        </div>
      )}
      <form onSubmit={submit} aria-labelledby="create-user-title">
        <FormErrors messages={errors.general} />
        <TextField
          id="new-user-username"
          label={t.users.username}
          value={username}
          onChange={(v) => {
            reset();
            setUsername(v);
          }}
          hint={t.users.usernameHint}
          autoComplete="off"
          required
          error={errors.byField.username}
        />
        <TextField
          id="new-user-displayName"
          label={t.users.displayName}
          value={displayName}
          onChange={setDisplayName}
          autoComplete="off"
          required
          error={errors.byField.displayName}
        />
        <RoleCheckboxes idPrefix="new-user" legend={t.users.roles} value={roles} onChange={setRoles} error={errors.byField.roles} />
        {roles.includes('PARTNER') && (
          <div className="field">
            <label htmlFor="new-user-partner">{t.users.partner}</label>
            <select id="new-user-partner" value={partner} onChange={(e) => setPartner(e.target.value)} required>
              <option value="">{t.users.choosePartner}</option>
              {partners.data?.partners.map((p) => (
                <option key={p.id} value={p.id ?? ''}>
                  {p.name}
                </option>
              ))}
            </select>
            {errors.byField.partner && <FieldError id="new-user-partner-error" message={errors.byField.partner} />}
          </div>
        )}
        <button type="submit" className="primary" disabled={loading}>
          {t.users.create}
        </button>
      </form>
    </section>
  );
}
