import { useApolloClient, useMutation } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { LogoutMutation, MeQuery } from '../features/auth/operations';
import type { MeFieldsFragment } from '../gql/graphql';
import { useAppAbility } from './ability';
import { useFocusHeadingOnNavigation } from './focus';
import { useI18n } from './i18n';
import { PURPOSES, usePurpose, type Purpose } from './purpose';

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

function SignOutButton() {
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

function PurposeSelect() {
  const { t } = useI18n();
  const { purpose, setPurpose } = usePurpose();
  return (
    <div className="purpose">
      <label htmlFor="purpose">{t.app.purpose}</label>
      <select id="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)}>
        {PURPOSES.map((p) => (
          <option key={p} value={p}>
            {t.purposes[p]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The page around the register, for a signed-in user who may use it. */
export function Layout({ me, children }: { me: MeFieldsFragment; children: ReactNode }) {
  const { t } = useI18n();
  const ability = useAppAbility();
  const { pathname } = useLocation();
  useFocusHeadingOnNavigation(pathname);
  // Issue 16: on a narrow screen the navigation and the tools fold into a menu, closed again by a navigation.
  const [menu, setMenu] = useState({ open: false, at: pathname });
  const menuOpen = menu.open && menu.at === pathname;
  return (
    <>
      <a className="skip-link" href="#main">
        {t.ux.skipLink}
      </a>
      <header className={menuOpen ? 'app-header menu-open' : 'app-header'}>
        <span className="app-name">{t.app.name}</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="app-nav"
          onClick={() => setMenu({ open: !menuOpen, at: pathname })}
        >
          {t.ux.menu}
        </button>
        {/* A link followed (by mouse or keyboard, both a click) closes the menu, even to the page already open. */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the clicks come from the links inside, which the keyboard reaches */}
        <nav aria-label={t.app.nav} className="app-nav" id="app-nav" onClick={() => setMenu({ open: false, at: pathname })}>
          {ability.can('read', 'Customer') && <NavLink to="/customers">{t.app.customers}</NavLink>}
          {ability.can('read', 'Statistics') && <NavLink to="/dashboard">{t.app.dashboard}</NavLink>}
          {ability.can('read', 'Campaign') && <NavLink to="/campaigns">{t.app.campaigns}</NavLink>}
          {ability.can('read', 'OptOutList') && <NavLink to="/opt-out-lists">{t.app.optOutLists}</NavLink>}
          {ability.can('create', 'AddressUpdate') && <NavLink to="/address-updates">{t.addressUpdates.nav}</NavLink>}
          {ability.can('read', 'PrivacyRequest') && <NavLink to="/requests">{t.app.requests}</NavLink>}
          {ability.can('read', 'OutboxMessage') && <NavLink to="/outbox">{t.app.outbox}</NavLink>}
          {ability.can('read', 'Recipient') && <NavLink to="/recipients">{t.app.recipients}</NavLink>}
          {ability.can('create', 'Partner') && <NavLink to="/partners">{t.partners.nav}</NavLink>}
          {ability.can('create', 'User') && <NavLink to="/users">{t.app.users}</NavLink>}
          {ability.can('read', 'AuditEvent') && <NavLink to="/audit">{t.app.audit}</NavLink>}
          {ability.can('read', 'ComplianceReport') && <NavLink to="/compliance">{t.app.compliance}</NavLink>}
        </nav>
        <div className="header-tools">
          <PurposeSelect />
          <span className="user-name" data-testid="user-name">
            {me.user.displayName ?? me.user.username}
          </span>
          <LanguageSwitch />
          <SignOutButton />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
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
