import type { ReactNode } from 'react';
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

/**
 * Sign-in, password change and the commitment: no navigation yet. `signOut` is the sign-out button of a signed-in
 * user (SignOutButton.tsx, with the register's GraphQL client: not in the sign-in page's first load).
 */
export function PlainLayout({ me, signOut, children }: { me?: MeFieldsFragment; signOut?: ReactNode; children: ReactNode }) {
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
          {me && signOut}
        </div>
      </header>
      <main id="main" className="narrow" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
