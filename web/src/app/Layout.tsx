import { Children, lazy, type ReactNode, Suspense, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import type { WorkKind } from '../features/dashboard/WorkCard';
import type { MeFieldsFragment } from '../gql/graphql';
import { useAppAbility } from './ability';
import { DisclosureMenu } from './DisclosureMenu';
import { useFocusHeadingOnNavigation } from './focus';
import { useI18n } from './i18n';
import { landingFor } from './landing';
import { LanguageSwitch } from './PlainLayout';
import { SignOutButton } from './SignOutButton';
import { PURPOSES, usePurpose, type Purpose } from './purpose';

// The header's search loads beside the shell, not in it (issue 16: the first load is the shell).
const GlobalSearch = lazy(() => import('../features/search/GlobalSearch').then((m) => ({ default: m.GlobalSearch })));

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

const WorkCard = lazy(() => import('../features/dashboard/WorkCard').then((m) => ({ default: m.WorkCard })));
const WORK_OF: Record<string, WorkKind | undefined> = { '/requests': 'requests', '/campaigns': 'campaigns', '/users': 'users' };

/** The pages that are not anyone's daily work; shown only when the user may open one of them. */
function MoreLinks({ label, children }: { label: string; children: ReactNode[] }) {
  if (!Children.toArray(children).some(Boolean)) return null;
  return (
    <DisclosureMenu id="more-links" className="nav-more" label={label}>
      {children}
    </DisclosureMenu>
  );
}

/** The page around the register, for a signed-in user who may use it. */
export function Layout({ me, children }: { me: MeFieldsFragment; children: ReactNode }) {
  const { t } = useI18n();
  const ability = useAppAbility();
  const { pathname } = useLocation();
  useFocusHeadingOnNavigation(pathname);
  // Issue 16: the page a role lands on says what needs doing there.
  const landing = landingFor(me.roles, ability);
  // Sales and service land on the customers: their work there is what the customer imports hold for a person.
  const work = landing === '/customers' ? (ability.can('create', 'CustomerImport') ? 'customers' : undefined) : landing ? WORK_OF[landing] : undefined;
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
          {ability.can('read', 'PrivacyRequest') && <NavLink to="/requests">{t.app.requests}</NavLink>}
          {ability.can('create', 'User') && <NavLink to="/users">{t.app.users}</NavLink>}
          {/* Issue 16: the rest under one button, so the header is one row on a desktop for every role. */}
          <MoreLinks label={t.ux.more}>
            {ability.can('read', 'OptOutList') && <NavLink to="/opt-out-lists">{t.app.optOutLists}</NavLink>}
            {ability.can('create', 'AddressUpdate') && <NavLink to="/address-updates">{t.addressUpdates.nav}</NavLink>}
            {ability.can('create', 'CustomerImport') && <NavLink to="/customer-import">{t.customerImport.nav}</NavLink>}
            {ability.can('read', 'OutboxMessage') && <NavLink to="/outbox">{t.app.outbox}</NavLink>}
            {ability.can('read', 'PaperRecord') && <NavLink to="/paper-records">{t.app.paperRecords}</NavLink>}
            {ability.can('erase', 'Customer') && <NavLink to="/retention">{t.app.retention}</NavLink>}
            {ability.can('read', 'Recipient') && <NavLink to="/recipients">{t.app.recipients}</NavLink>}
            {ability.can('create', 'Partner') && <NavLink to="/partners">{t.partners.nav}</NavLink>}
            {ability.can('read', 'AuditEvent') && <NavLink to="/audit">{t.app.audit}</NavLink>}
            {ability.can('read', 'RegisterConfig') && <NavLink to="/register">{t.registerConfig.nav}</NavLink>}
            {ability.can('read', 'ComplianceReport') && <NavLink to="/compliance">{t.app.compliance}</NavLink>}
          </MoreLinks>
        </nav>
        <div className="header-tools">
          <Suspense fallback={null}>
            <GlobalSearch />
          </Suspense>
          <PurposeSelect />
          <LanguageSwitch />
          {/* The name opens what is about the user: signing out. */}
          <DisclosureMenu id="account-menu" className="account-menu" buttonTestId="user-name" label={me.user.displayName ?? me.user.username}>
            <SignOutButton />
          </DisclosureMenu>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {work && pathname === landing && (
          <Suspense fallback={null}>
            <WorkCard kind={work} confidentialityVersion={me.confidentialityVersion} />
          </Suspense>
        )}
        {children}
      </main>
    </>
  );
}
