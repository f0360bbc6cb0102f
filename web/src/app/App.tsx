import { ApolloProvider } from '@apollo/client/react';
import { Suspense, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { createApolloClient } from './apollo';
import { I18nProvider, useT } from './i18n';
import type { Purpose } from './purpose';
import { SessionGate } from './SessionGate';

export function App() {
  // The purpose the signed-in user chose; the client reads it for each request.
  const [purposeHolder] = useState(() => ({ current: null as Purpose | null }));
  const [client] = useState(() => createApolloClient({ purpose: () => purposeHolder.current }));
  return (
    <I18nProvider>
      <ApolloProvider client={client}>
        <BrowserRouter>
          {/* A text not in the shell's part of the messages suspends until the rest has loaded (i18n/parts.ts). */}
          <Suspense fallback={<LoadingTexts />}>
            <SessionGate purposeHolder={purposeHolder} />
          </Suspense>
        </BrowserRouter>
      </ApolloProvider>
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
