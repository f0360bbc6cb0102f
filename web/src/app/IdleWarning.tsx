import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { LogoutMutation, MeQuery } from '../features/auth/operations';
import { useI18n } from './i18n';
import { lastRequest, sessionEnded, setSessionUser } from './session';
import { endSessionOf } from './sessionStore';

/** How long before the end of an idle session the warning shows. */
const WARN_SECONDS = 120;
/** How long the sign-out at the idle timeout is waited for before the page is cleared anyway. */
const LOGOUT_WAIT_MS = 5000;

/**
 * Issue 16: before the session ends for inactivity, a warning with a button that keeps it (a request, which
 * touches the session); at the end the client signs out itself, keeping the page's unsaved form.
 */
export function IdleWarning({ userId, idleSeconds, restored }: { userId: string; idleSeconds: number; restored: boolean }) {
  const { t, language } = useI18n();
  const client = useApolloClient();
  const [logout] = useMutation(LogoutMutation);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const endsAt = lastRequest() + idleSeconds * 1000;
  const warn = now >= endsAt - WARN_SECONDS * 1000;
  const over = now >= endsAt;
  useEffect(() => {
    if (!over) return;
    sessionEnded('idle', Math.round((idleSeconds + 60) / 60));
    // The draft is kept: no later answer (a poll refused meanwhile) may tell another reason or keep another draft.
    setSessionUser(null);
    // What this user saw stays with nobody; the sign-in page says why they must sign in again. It shows once the
    // server has ended the session, or LOGOUT_WAIT_MS at most (a server that does not answer).
    // A sign-out not answered in that time is abandoned: its late answer (which clears the session cookie) must not
    // sign out whoever has signed in here since.
    const abandon = new AbortController();
    void (async () => {
      const waited = new Promise((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS));
      await Promise.race([logout({ context: { fetchOptions: { signal: abandon.signal } } }).catch(() => undefined), waited]);
      abandon.abort();
      // Not reset(): that would read the active queries again, without a session. The gate is told directly: a
      // cleared store no longer tells its watchers of a later write.
      await client.clearStore();
      endSessionOf(userId);
    })();
  }, [over, logout, client, idleSeconds, userId]);
  return (
    <>
      {restored && (
        <p className="notice notice-info" role="status" data-testid="draft-restored">
          {t.ux.draftRestored}
        </p>
      )}
      {warn && !over && (
        <div className="notice notice-warning session-warning" role="alertdialog" aria-labelledby="session-warning-title" data-testid="session-warning">
          <h2 id="session-warning-title">{t.ux.sessionWarningTitle}</h2>
          <p>{t.ux.sessionWarning(new Date(endsAt).toLocaleTimeString(language === 'fi' ? 'fi-FI' : 'en-GB', { hour: '2-digit', minute: '2-digit' }))}</p>
          <button type="button" onClick={() => void client.query({ query: MeQuery, fetchPolicy: 'network-only' }).then(() => setNow(Date.now()))}>
            {t.ux.staySignedIn}
          </button>
        </div>
      )}
    </>
  );
}
