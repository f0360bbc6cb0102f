import { ApolloProvider, useQuery } from '@apollo/client/react';
import { AbilityProvider } from '@casl/react';
import { useEffect, useMemo, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { ConfidentialityPage } from '../features/auth/ConfidentialityPage';
import { MeQuery } from '../features/auth/operations';
import type { MeFieldsFragment } from '../gql/graphql';
import { abilityFromPackedRules } from './ability';
import { createApolloClient } from './apollo';
import { Layout } from './Layout';
import { PlainLayout } from './PlainLayout';
import { defaultPurpose, PurposeContext, PURPOSES, type Purpose } from './purpose';
import { AppRoutes } from './routes';
import { restoreDraft, setSessionUser } from './session';
import { IdleWarning } from './IdleWarning';
import { setMe } from './sessionStore';
import { SignOutButton } from './SignOutButton';

/**
 * What a signed-in user's session loads (issue 16: not in the sign-in page's first load): the GraphQL client, whose
 * cache starts with the `me` the session gate had, and the router; then the password change (P12), the
 * confidentiality commitment (P11, P12), or the register.
 */
export function SignedInRoot({ me }: { me: MeFieldsFragment }) {
  // The purpose the signed-in user chose; the client reads it for each request.
  const [purposeHolder] = useState(() => ({ current: null as Purpose | null }));
  const [client] = useState(() => {
    const created = createApolloClient({ purpose: () => purposeHolder.current, userId: me.user.id ?? '' });
    created.writeQuery({ query: MeQuery, data: { me } });
    return created;
  });
  return (
    <ApolloProvider client={client}>
      <BrowserRouter>
        <MeInStep />
        {me.mustChangePassword ? (
          <PlainLayout me={me} signOut={<SignOutButton />}>
            <ChangePasswordPage me={me} />
          </PlainLayout>
        ) : !me.confidentialityAccepted ? (
          <PlainLayout me={me} signOut={<SignOutButton />}>
            <ConfidentialityPage me={me} />
          </PlainLayout>
        ) : (
          <SignedIn key={me.user.id} me={me} purposeHolder={purposeHolder} />
        )}
      </BrowserRouter>
    </ApolloProvider>
  );
}

/**
 * Keeps the session gate in step with the cache's `me`: a password change, the commitment, a sign-out, an idle
 * timeout or a session the server ended (apollo.ts) each write it there.
 */
function MeInStep() {
  const { data } = useQuery(MeQuery);
  useEffect(() => {
    if (data) setMe(data.me ?? null);
  }, [data]);
  return null;
}

/**
 * The register for a user who may use it: loaded once someone has signed in (issue 16: the sign-in page's first load
 * has no navigation, routes or permission rules).
 */
const PURPOSE_KEY = 'rekisteri.purpose';

export function SignedIn({ me, purposeHolder }: { me: MeFieldsFragment; purposeHolder: { current: Purpose | null } }) {
  const ability = useMemo(() => abilityFromPackedRules(me.rules), [me.rules]);
  // Issue 16: a form the session ended under comes back to the same user, on the same page.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const userId = me.user.id ?? '';
    setSessionUser(userId);
    const stop = restoreDraft(userId, () => setRestored(true));
    return () => {
      stop();
      setSessionUser(null);
    };
  }, [me.user.id]);
  const [purpose, setPurposeState] = useState<Purpose>(() => {
    const stored = sessionStorage.getItem(PURPOSE_KEY);
    return (PURPOSES as readonly string[]).includes(stored ?? '') ? (stored as Purpose) : defaultPurpose(me.roles);
  });
  // Read by the Apollo link when a request goes out; set before any child query runs.
  purposeHolder.current = purpose;
  const purposeState = useMemo(
    () => ({
      purpose,
      setPurpose(next: Purpose) {
        sessionStorage.setItem(PURPOSE_KEY, next);
        setPurposeState(next);
      },
    }),
    [purpose],
  );
  return (
    <AbilityProvider value={ability}>
      <PurposeContext.Provider value={purposeState}>
        <Layout me={me}>
          <IdleWarning userId={me.user.id ?? ''} idleSeconds={me.sessionIdleSeconds} restored={restored} />
          <AppRoutes roles={me.roles} />
        </Layout>
      </PurposeContext.Provider>
    </AbilityProvider>
  );
}
