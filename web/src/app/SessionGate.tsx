import { lazy, Suspense, useEffect } from 'react';
import { LoginPage } from '../features/auth/LoginPage';
import { ErrorNotice } from './components';
import { AllMessages, useT } from './i18n';
import { PlainLayout } from './PlainLayout';
import { SessionEndedNotice } from './SessionNotices';
import { loadMe, useSession } from './sessionStore';

// The register (Apollo Client, the router, the password change, the commitment, navigation, routes, permission
// rules) loads once someone has signed in.
const loadSignedIn = () => import('./SignedIn');
const SignedInRoot = lazy(() => loadSignedIn().then((m) => ({ default: m.SignedInRoot })));

let asked = false;

/**
 * Decides what the person may see now: sign-in, then (in the register's chunk) the password change (P12), then the
 * confidentiality commitment (P11, P12), and only then the register.
 */
export function SessionGate() {
  const t = useT();
  const session = useSession();
  useEffect(() => {
    if (asked) return;
    asked = true;
    void loadMe();
  }, []);

  const loadingPage = (
    <PlainLayout>
      <p className="loading" role="status">
        {t.app.loading}
      </p>
    </PlainLayout>
  );
  if (session.status === 'loading') return loadingPage;
  if (session.status === 'error') {
    return (
      <PlainLayout>
        <ErrorNotice error={session.error} onRetry={() => void loadMe()} />
      </PlainLayout>
    );
  }
  const me = session.me;
  if (!me)
    return (
      <PlainLayout>
        <SessionEndedNotice />
        <LoginPage />
      </PlainLayout>
    );
  // Signed in: every page's texts load before the first page shows (issue 16: the sign-in page has the shell's only),
  // fetched beside the register's code, not after it.
  void loadSignedIn();
  return (
    <AllMessages fallback={loadingPage}>
      <Suspense fallback={loadingPage}>
        <SignedInRoot key={me.user.id} me={me} />
      </Suspense>
    </AllMessages>
  );
}
