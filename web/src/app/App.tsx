import { Suspense } from 'react';
import { I18nProvider, useT } from './i18n';
import { SessionGate } from './SessionGate';

/**
 * The first load (issue 16): React, the texts of the shell and the sign-in page. Apollo Client, the router and the
 * register load once someone has signed in (SignedIn.tsx).
 */
export function App() {
  return (
    <I18nProvider>
      {/* A text not in the shell's part of the messages suspends until the rest has loaded (i18n/parts.ts). */}
      <Suspense fallback={<LoadingTexts />}>
        <SessionGate />
      </Suspense>
    </I18nProvider>
  );
}

function LoadingTexts() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t.app.loading}
    </p>
  );
}
