import { ApolloProvider } from '@apollo/client/react';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { createApolloClient } from './apollo';
import { I18nProvider } from './i18n';
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
          <SessionGate purposeHolder={purposeHolder} />
        </BrowserRouter>
      </ApolloProvider>
    </I18nProvider>
  );
}
