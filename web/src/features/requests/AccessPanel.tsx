import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorNotice } from '../../app/components';
import { useT } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { isClosed } from './labels';
import { FulfilAccessRequestMutation, PrivacyRequestQuery } from './operations';
import { documentUrl } from './RequestDocuments';

interface Props {
  request: PrivacyRequestFieldsFragment;
  canWork: boolean;
}

/** P14: everything the register holds about the requester, as a printable document and as JSON. */
export function AccessPanel({ request, canWork }: Props) {
  const t = useT();
  const a = t.requests.access;
  const [prepared, setPrepared] = useState(false);
  const [fulfil, { loading, error }] = useMutation(FulfilAccessRequestMutation, { refetchQueries: [PrivacyRequestQuery], awaitRefetchQueries: true });
  const verified = request.identityVerified === true;
  const documents = request.documents ?? [];
  // The latest package's two documents.
  const json = documents.filter((d) => d.kind === 'ACCESS_PACKAGE_JSON').at(-1);
  const html = documents.filter((d) => d.kind === 'ACCESS_PACKAGE_HTML').at(-1);

  const prepare = async () => {
    setPrepared(false);
    try {
      await fulfil({ variables: { id: request.id ?? '' } });
      setPrepared(true);
    } catch {
      // shown through `error`
    }
  };

  return (
    <section className="card" aria-labelledby="access-title" data-testid="access-panel">
      <h2 id="access-title">{a.title}</h2>
      <p className="hint intro">{a.intro}</p>
      {canWork && !isClosed(request.status) && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={loading || !verified}
            onClick={() => void prepare()}
            aria-describedby={verified ? undefined : 'access-needs-identity'}
          >
            {a.prepare}
          </button>
          {!verified && (
            <span className="muted" id="access-needs-identity">
              {t.requests.needsIdentity}
            </span>
          )}
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      {prepared && (
        <p className="notice notice-success" role="status" data-testid="access-prepared">
          {a.prepared}
        </p>
      )}
      {(json || html) && (
        <p className="actions">
          {html && (
            <a className="button primary" href={documentUrl(html)} download={html.filename ?? undefined} data-testid="access-download-html">
              {a.downloadHtml}
            </a>
          )}
          {json && (
            <a className="button" href={documentUrl(json)} download={json.filename ?? undefined} data-testid="access-download-json">
              {a.downloadJson}
            </a>
          )}
        </p>
      )}
    </section>
  );
}
