import { useQuery } from '@apollo/client/react';
import { lazy, Suspense } from 'react';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { ConfidentialityPage } from '../features/auth/ConfidentialityPage';
import { LoginPage } from '../features/auth/LoginPage';
import { MeQuery } from '../features/auth/operations';
import { ErrorNotice } from './components';
import { AllMessages, useT } from './i18n';
import { PlainLayout } from './PlainLayout';
import type { Purpose } from './purpose';
import { SessionEndedNotice } from './SessionNotices';

// The register's frame (navigation, routes, permission rules) loads once someone has signed in.
const loadSignedIn = () => import('./SignedIn');
const SignedIn = lazy(() => loadSignedIn().then((m) => ({ default: m.SignedIn })));

interface Props {
  purposeHolder: { current: Purpose | null };
}

/**
 * Decides what the person may see now: sign-in, then the password change (P12), then the
 * confidentiality commitment (P11, P12), and only then the register.
 */
export function SessionGate({ purposeHolder }: Props) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(MeQuery);

  const loadingPage = (
    <PlainLayout>
      <p className="loading" role="status">
        {t.app.loading}
      </p>
    </PlainLayout>
  );
  if (loading && !data) return loadingPage;
  if (error && !data) {
    return (
      <PlainLayout>
        <ErrorNotice error={error} onRetry={() => void refetch()} />
      </PlainLayout>
    );
  }
  const me = data?.me;
  if (!me)
    return (
      <PlainLayout>
        <SessionEndedNotice />
        <LoginPage />
      </PlainLayout>
    );
  // Signed in: every page's texts load before the first page shows (issue 16: the sign-in page has the shell's only).
  if (me.mustChangePassword)
    return (
      <AllMessages fallback={loadingPage}>
        <PlainLayout me={me}>
          <ChangePasswordPage me={me} />
        </PlainLayout>
      </AllMessages>
    );
  if (!me.confidentialityAccepted)
    return (
      <AllMessages fallback={loadingPage}>
        <PlainLayout me={me}>
          <ConfidentialityPage me={me} />
        </PlainLayout>
      </AllMessages>
    );
  // Fetched beside the rest of the texts, not after them.
  void loadSignedIn();
  return (
    <AllMessages fallback={loadingPage}>
      <Suspense fallback={loadingPage}>
        <SignedIn key={me.user.id} me={me} purposeHolder={purposeHolder} />
      </Suspense>
    </AllMessages>
  );
}
