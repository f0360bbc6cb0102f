import { useApolloClient, useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { ErrorNotice } from '../../app/components';
import { useT } from '../../app/i18n';
import type { MeFieldsFragment } from '../../gql/graphql';
import { AcceptConfidentialityMutation, MeQuery } from './operations';

/** P11, P12: the commitment of the current version is acknowledged before any register data is shown. */
export function ConfidentialityPage({ me }: { me: MeFieldsFragment }) {
  const t = useT();
  const client = useApolloClient();
  const [accept, { loading, error }] = useMutation(AcceptConfidentialityMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await accept({ variables: { version: me.confidentialityVersion } });
      // The session gate moves on to the register.
      if (data) client.writeQuery({ query: MeQuery, data: { me: data.acceptConfidentiality } });
    } catch {
      // shown through `error`
    }
  };

  return (
    <section className="card" aria-labelledby="confidentiality-title">
      <h1 id="confidentiality-title">{t.auth.confidentialityTitle}</h1>
      <p className="muted" data-testid="confidentiality-version">
        {t.auth.confidentialityVersion(me.confidentialityVersion)}
      </p>
      <ol className="commitment">
        {t.auth.confidentialityText.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <form onSubmit={submit}>
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={loading}>
          {t.auth.accept}
        </button>
      </form>
    </section>
  );
}
