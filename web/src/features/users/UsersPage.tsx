import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { Role, UserFieldsFragment } from '../../gql/graphql';
import { CreateUserForm } from './CreateUserForm';
import { DeactivateUserMutation, SetUserRolesMutation, UsersQuery } from './operations';
import { RoleCheckboxes } from './RoleCheckboxes';
import { UserPartnerForm } from './UserPartnerForm';

export function UsersPage() {
  const t = useT();
  const ability = useAppAbility();
  const { data, loading, error } = useQuery(UsersQuery);

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t.users.title}</h1>
      {error && <ErrorNotice error={error} />}
      {loading && !data && <Loading />}
      {data &&
        (data.users.length === 0 ? (
          <p className="empty">{t.users.empty}</p>
        ) : (
          <table className="data-table" data-testid="user-table">
            <thead>
              <tr>
                <th scope="col">{t.users.username}</th>
                <th scope="col">{t.users.displayName}</th>
                <th scope="col">{t.users.roles}</th>
                <th scope="col">{t.users.active}</th>
                <th scope="col">{t.users.actions}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </tbody>
          </table>
        ))}
      {ability.can('create', 'User') && <CreateUserForm />}
    </section>
  );
}

function UserRow({ user }: { user: UserFieldsFragment }) {
  const t = useT();
  const ability = useAppAbility();
  const [mode, setMode] = useState<'view' | 'roles' | 'confirm' | 'partner'>('view');
  // The confirm step starts on its safe answer: focus moves to Cancel when the step opens.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mode === 'confirm') cancelRef.current?.focus();
  }, [mode]);
  const [roles, setRoles] = useState<Role[]>(user.roles ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const [setUserRoles, rolesResult] = useMutation(SetUserRolesMutation);
  const [deactivate, deactivateResult] = useMutation(DeactivateUserMutation);
  const username = user.username ?? '';

  const saveRoles = async () => {
    try {
      await setUserRoles({ variables: { id: user.id ?? '', roles } });
      setMode('view');
      setNotice(t.users.rolesSaved);
    } catch {
      // shown through the result's error
    }
  };
  const confirmDeactivate = async () => {
    try {
      await deactivate({ variables: { id: user.id ?? '' } });
      setMode('view');
      setNotice(t.users.deactivated);
    } catch {
      setMode('view');
    }
  };
  const rolesErrors = splitErrors(t, rolesResult.error, ['roles']);

  return (
    <tr data-testid={`user-row-${username}`} className={user.active ? undefined : 'inactive'}>
      <td>{username}</td>
      <td>{user.displayName}</td>
      <td>
        {mode === 'roles' ? (
          <>
            <RoleCheckboxes
              idPrefix={`user-${username}`}
              legend={`${t.users.roles}: ${username}`}
              value={roles}
              onChange={setRoles}
              error={rolesErrors.byField.roles ?? rolesErrors.general[0]}
            />
            <div className="actions">
              <button type="button" className="primary" onClick={() => void saveRoles()} disabled={rolesResult.loading}>
                {t.users.saveRoles}
              </button>
              <button
                type="button"
                onClick={() => {
                  rolesResult.reset();
                  setRoles(user.roles ?? []);
                  setMode('view');
                }}
              >
                {t.users.cancel}
              </button>
            </div>
          </>
        ) : (
          <>
            {(user.roles ?? []).map((r) => t.roles[r]).join(', ')}
            {user.partner?.name && <span className="muted"> ({user.partner.name})</span>}
          </>
        )}
      </td>
      <td>{user.active ? t.users.yes : t.users.no}</td>
      <td>
        {notice && mode === 'view' && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        {deactivateResult.error && <ErrorNotice error={deactivateResult.error} />}
        {mode === 'partner' ? (
          <UserPartnerForm
            user={user}
            onDone={(saved) => {
              setMode('view');
              if (saved) setNotice(t.users.partnerSaved);
            }}
          />
        ) : mode === 'confirm' ? (
          <div className="confirm" role="alertdialog" aria-labelledby={`confirm-${username}`}>
            <p id={`confirm-${username}`}>{t.users.confirmDeactivate(username)}</p>
            <button type="button" className="danger" onClick={() => void confirmDeactivate()} disabled={deactivateResult.loading}>
              {t.users.confirm}
            </button>
            <button type="button" onClick={() => setMode('view')} ref={cancelRef}>
              {t.users.cancel}
            </button>
          </div>
        ) : (
          mode === 'view' &&
          user.active && (
            <div className="actions">
              {ability.can('assignRoles', 'User') && (
                <button
                  type="button"
                  onClick={() => {
                    setNotice(null);
                    setRoles(user.roles ?? []);
                    setMode('roles');
                  }}
                  aria-label={`${t.users.editRoles}: ${username}`}
                >
                  {t.users.editRoles}
                </button>
              )}
              {/* P4: only a PARTNER account works for a partner firm. */}
              {ability.can('update', 'User', 'partner') && (user.roles ?? []).includes('PARTNER') && (
                <button
                  type="button"
                  onClick={() => {
                    setNotice(null);
                    setMode('partner');
                  }}
                  aria-label={`${t.users.changePartner}: ${username}`}
                >
                  {t.users.changePartner}
                </button>
              )}
              {ability.can('deactivate', 'User') && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    setNotice(null);
                    setMode('confirm');
                  }}
                  aria-label={`${t.users.deactivate}: ${username}`}
                >
                  {t.users.deactivate}
                </button>
              )}
            </div>
          )
        )}
      </td>
    </tr>
  );
}
