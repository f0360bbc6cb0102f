import { useApolloClient, useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { LogoutMutation, MeQuery } from '../features/auth/operations';
import type { MeFieldsFragment } from '../gql/graphql';
import { useI18n } from './i18n';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'fi' ? 'en' : 'fi';
  return (
    <button
      type="button"
      className="language-switch"
      data-testid="language-switch"
      lang={other}
      // The accessible name is the visible text (WCAG 2.5.3); the button's `lang` has it read in that language.
      onClick={() => setLanguage(other)}
    >
      {t.app.switchLanguage}
    </button>
  );
}

export function SignOutButton() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [logout, { loading }] = useMutation(LogoutMutation);
  const signOut = async () => {
    try {
      await logout();
    } finally {
      // Forget everything this user saw, whatever the server said.
      sessionStorage.clear();
      await client.clearStore();
      client.writeQuery({ query: MeQuery, data: { me: null } });
    }
  };
  return (
    <button type="button" onClick={() => void signOut()} disabled={loading} data-testid="sign-out">
      {t.app.signOut}
    </button>
  );
}

/** Sign-in, password change and the commitment: no navigation yet. */
export function PlainLayout({ me, children }: { me?: MeFieldsFragment; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <header className="app-header">
        <span className="app-name">{t.app.name}</span>
        <div className="header-tools">
          {me && (
            <span className="user-name" data-testid="user-name">
              {me.user.displayName ?? me.user.username}
            </span>
          )}
          <LanguageSwitch />
          {me && <SignOutButton />}
        </div>
      </header>
      <main id="main" className="narrow" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
